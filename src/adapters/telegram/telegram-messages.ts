// Telegram messages as the adapter and the poster send them: one set of send options, and the reference
// the core stores for a message (`<chat id>:<message id>`) to edit it later.
import type { TelegramMessage } from './render-html.ts';

/** The options every send and edit carries: HTML, no link previews, the part's keyboard if any. */
export const messageOptions = (part: TelegramMessage) => ({
  parse_mode: 'HTML' as const,
  link_preview_options: { is_disabled: true },
  ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
});

export const refOf = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

export function parseRef(ref: string): { chatId: number; messageId: number } | undefined {
  const match = /^(-?\d+):(\d+)$/.exec(ref);
  return match ? { chatId: Number(match[1]), messageId: Number(match[2]) } : undefined;
}
