// The reference the core stores for a Telegram message (`<chat id>:<message id>`), to edit it later.

export const refOf = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

export function parseRef(ref: string): { chatId: number; messageId: number } | undefined {
  const match = /^(-?\d+):(\d+)$/.exec(ref);
  return match ? { chatId: Number(match[1]), messageId: Number(match[2]) } : undefined;
}
