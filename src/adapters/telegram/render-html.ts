// Neutral messages → Telegram HTML text and inline keyboards, split to fit Telegram's limits.
import { clipText } from '../../core/clip-text.ts';
import type { Block, Button, NeutralMessage } from '../../core/output.ts';
import { alignTable, chunkTable } from '../shared/align-table.ts';
import { labelColon } from '../shared/label-colon.ts';
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

/** Labels, titles and headings are one line; anything longer than this is shortened. */
const LINE = 1000;

function fieldParts(label: string, value: string): string[] {
  const shown = clipText(label, LINE);
  const name = `<b>${escapeHtml(labelColon(shown))}</b>`;
  // After a full-width colon no space follows.
  const gap = labelColon(shown).endsWith(':') ? ' ' : '';
  return splitText(value, PIECE - LINE).map((piece, index) =>
    index === 0 ? `${name}${gap}${escapeHtml(piece)}` : escapeHtml(piece),
  );
}

/** Tags on lines of at most `PIECE` visible characters. */
function tagParts(tags: readonly { type: string; name: string }[]): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const tag of tags) {
    const type = clipText(tag.type, LINE);
    const name = clipText(tag.name, LINE);
    const size = type.length + name.length + 6;
    if (current.length > 0 && length + size > PIECE) {
      parts.push(current.join('  ·  '));
      current = [];
      length = 0;
    }
    current.push(`<i>${escapeHtml(type)}</i> <code>${escapeHtml(name)}</code>`);
    length += size;
  }
  if (current.length > 0) parts.push(current.join('  ·  '));
  return parts;
}

function renderBlock(block: Block): string[] {
  switch (block.kind) {
    case 'title': {
      const title = escapeHtml(clipText(block.text, LINE));
      return [block.url ? `<b><a href="${escapeHtml(block.url)}">${title}</a></b>` : `<b>${title}</b>`];
    }
    case 'heading':
      return [`<b>${escapeHtml(clipText(block.text, LINE))}</b>`];
    case 'text':
      return splitText(block.text, PIECE).map(escapeHtml);
    case 'quote':
      return splitText(block.text, PIECE).map((piece) => `<blockquote>${escapeHtml(piece)}</blockquote>`);
    case 'code':
      return [`<code>${escapeHtml(clipText(block.text, LINE))}</code>`];
    case 'fields':
      return block.fields.flatMap((field) => fieldParts(field.label, field.value));
    case 'list': {
      const lines = block.items.map(
        (item, index) => `${block.ordered ? `${(block.start ?? 1) + index}.` : '•'} ${item}`,
      );
      return groupLines(lines, PIECE).map(escapeHtml);
    }
    case 'table':
      // Long tables go out in pieces of rows, each under the header again.
      return chunkTable(alignTable(block.columns, block.rows), PIECE).map(
        (chunk) => `<pre>${escapeHtml(chunk)}</pre>`,
      );
    case 'tags':
      return tagParts(block.tags);
    case 'link':
      return [`<a href="${escapeHtml(block.url)}">${escapeHtml(clipText(block.label, LINE))}</a>`];
    case 'footer':
      return splitText(block.text, PIECE).map((piece) => `<i>${escapeHtml(piece)}</i>`);
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
