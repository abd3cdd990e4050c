// Neutral messages → Telegram HTML text and inline keyboards, split to fit Telegram's limits.
import type { Block, Button, NeutralMessage } from '../../core/output.ts';
import { alignTable } from '../shared/align-table.ts';
import { groupLines, splitText } from '../shared/split-text.ts';

/** Telegram: message text is 1–4,096 characters after entity parsing; raw HTML is never shorter. */
export const TELEGRAM_MAX_TEXT = 4096;
/** A long paragraph is cut into pieces of at most this many characters before escaping. */
const PIECE = 3000;

export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

export interface TelegramMessage {
  text: string;
  reply_markup?: { inline_keyboard: InlineButton[][] };
}

/** Escapes text for HTML parse mode: `<`, `>`, `&` everywhere, `"` for attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What Telegram counts: the text after tags are removed and entities decoded. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|amp|quot|#\d+);/g, '_').length;
}

function renderBlock(block: Block): string[] {
  switch (block.kind) {
    case 'title': {
      const title = escapeHtml(block.text);
      return [block.url ? `<b><a href="${escapeHtml(block.url)}">${title}</a></b>` : `<b>${title}</b>`];
    }
    case 'heading':
      return [`<b>${escapeHtml(block.text)}</b>`];
    case 'text':
      return splitText(block.text, PIECE).map(escapeHtml);
    case 'quote':
      return splitText(block.text, PIECE).map((piece) => `<blockquote>${escapeHtml(piece)}</blockquote>`);
    case 'fields':
      return block.fields.map((field) => `<b>${escapeHtml(field.label)}:</b> ${escapeHtml(field.value)}`);
    case 'list': {
      const lines = block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '•'} ${item}`);
      return groupLines(lines, PIECE).map(escapeHtml);
    }
    case 'table':
      return [`<pre>${escapeHtml(alignTable(block.columns, block.rows).join('\n'))}</pre>`];
    case 'tags':
      return [
        block.tags
          .map((tag) => `<i>${escapeHtml(tag.type)}</i> <code>${escapeHtml(tag.name)}</code>`)
          .join('  ·  '),
      ];
    case 'link':
      return [`<a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a>`];
    case 'footer':
      return [`<i>${escapeHtml(block.text)}</i>`];
  }
}

function keyboard(rows: Button[][]): TelegramMessage['reply_markup'] {
  const inline = rows
    .map((row) =>
      row.map(
        (button): InlineButton =>
          button.kind === 'action'
            ? { text: button.label, callback_data: button.payload }
            : { text: button.label, url: button.url },
      ),
    )
    .filter((row) => row.length > 0);
  return inline.length > 0 ? { inline_keyboard: inline } : undefined;
}

/**
 * Renders a message as one or more Telegram messages. Splits fall between blocks (or between pieces
 * of one long paragraph), never inside a tag or an entity; the buttons go with the last part.
 */
export function renderHtml(message: NeutralMessage): TelegramMessage[] {
  const parts = message.blocks.flatMap(renderBlock);
  const texts: string[] = [];
  let current = '';
  for (const part of parts) {
    const joined = current ? `${current}\n\n${part}` : part;
    if (visibleLength(joined) <= TELEGRAM_MAX_TEXT) {
      current = joined;
      continue;
    }
    if (current) texts.push(current);
    current = part;
  }
  if (current || texts.length === 0) texts.push(current || ' ');
  const markup = keyboard(message.buttons);
  return texts.map((text, index) =>
    index === texts.length - 1 && markup ? { text, reply_markup: markup } : { text },
  );
}
