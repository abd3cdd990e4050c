// Neutral messages as Telegram HTML: escaped, split where a message is full but never inside a tag
// or an entity, buttons on the last part. Each part is parsed as the Bot API would (emulator parser).

import { parseTelegramHtml } from '@newsquiz/emulators/telegram';
import { describe, expect, test } from 'vitest';
import { renderText } from '../../../src/adapters/console/render-text.ts';
import { renderMessage } from '../../../src/adapters/discord/render-embeds.ts';
import {
  escapeHtml,
  renderHtml,
  TELEGRAM_MAX_TEXT,
  type TelegramMessage,
} from '../../../src/adapters/telegram/render-html.ts';
import { type Block, type Button, message } from '../../../src/core/output.ts';

/** What a reader sees of each part; throws as Telegram would on broken markup. */
const shown = (parts: TelegramMessage[]) => parts.map((part) => parseTelegramHtml(part.text).text);

const paragraph = (n: number, length: number) => {
  let text = `Paragraph ${n}:`;
  while (text.length < length) text += ' more & more <words> "quoted"';
  return text.slice(0, length).trimEnd();
};

const next: Button = { kind: 'action', label: 'Next ▶', payload: '1:n:abc:0' };
const source: Button = { kind: 'link', label: 'Source', url: 'https://example.org/a?b=1&c="2"' };

describe('renderHtml', () => {
  test('text is escaped: what the reader sees is exactly what was written', () => {
    const tricky = 'Rust <-> C++ & "Vec<T>" > &amp; 5 < 6';
    const [part] = renderHtml(
      message([
        { kind: 'title', text: tricky, url: 'https://example.org/?q="x"&y=<1>' },
        { kind: 'text', text: tricky },
        { kind: 'quote', text: tricky },
        { kind: 'fields', fields: [{ label: '<b>Label</b>', value: tricky }] },
        { kind: 'list', items: [tricky] },
        { kind: 'footer', text: tricky },
      ]),
    );
    const parsed = parseTelegramHtml(part?.text ?? '');
    expect(parsed.text.split('\n\n')).toEqual([
      tricky,
      tricky,
      tricky,
      `<b>Label</b>: ${tricky}`,
      `• ${tricky}`,
      tricky,
    ]);
    const link = parsed.entities.find((entity) => entity.type === 'text_link');
    expect(link?.url).toBe('https://example.org/?q="x"&y=<1>');
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  test('a message that fits is one part, with its buttons', () => {
    const parts = renderHtml(message([{ kind: 'text', text: 'Short' }], [[next, source]]));
    expect(parts).toEqual([
      {
        text: 'Short',
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'Next ▶', callback_data: '1:n:abc:0' },
              { text: 'Source', url: 'https://example.org/a?b=1&c="2"' },
            ],
          ],
        },
      },
    ]);
  });

  test('a long message is split between its blocks; every block is whole in one part, in order', () => {
    const blocks: Block[] = Array.from({ length: 12 }, (_, n) => ({ kind: 'text', text: paragraph(n, 900) }));
    const parts = renderHtml(message(blocks, [[next]]));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const texts = shown(parts);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    // Each part holds whole paragraphs; together they are the message as written.
    expect(texts.flatMap((text) => text.split('\n\n'))).toEqual(
      blocks.map((block) => 'text' in block && block.text),
    );
  });

  test('a paragraph longer than a message is cut between words, never inside an escaped character', () => {
    const long = paragraph(1, 9_000);
    const parts = renderHtml(
      message([
        { kind: 'quote', text: long },
        { kind: 'text', text: 'After' },
      ]),
    );
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const texts = shown(parts);
    for (const part of parts) {
      // No part ends or starts in the middle of an entity such as &amp; or a tag.
      expect(part.text).not.toMatch(/&[a-z]*$|^[a-z]*;|<[^>]*$/);
      expect(part.text.match(/<blockquote>/g)?.length ?? 0).toBe(
        part.text.match(/<\/blockquote>/g)?.length ?? 0,
      );
    }
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    const pieces = texts.flatMap((text) => text.split('\n\n')).filter((piece) => piece !== 'After');
    expect(pieces.join(' ')).toBe(long);
    for (const piece of pieces.slice(0, -1)) expect(long).toContain(`${piece} `);
    expect(texts.at(-1)).toMatch(/After$/);
  });

  test('a table longer than a message goes out in pieces of rows, each under its header', () => {
    const rows = Array.from({ length: 120 }, (_, n) => [`row ${n}`, 'a & b', '<c>'.repeat(12)]);
    const parts = renderHtml(message([{ kind: 'table', columns: ['Name', 'Left', 'Right'], rows }]));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const texts = shown(parts);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    // A part may hold more than one piece of the table; every piece starts with the header.
    const pieces = texts.flatMap((text) => text.split('\n\n'));
    expect(pieces.length).toBeGreaterThan(parts.length - 1);
    for (const piece of pieces) expect(piece.split('\n')[0]).toMatch(/^Name +│ Left +│ Right$/);
    const shownRows = pieces.flatMap((piece) => piece.split('\n').slice(2));
    expect(shownRows.map((line) => line.split(' │ ')[0]?.trim())).toEqual(rows.map((row) => row[0]));
    expect(shownRows.every((line) => line.endsWith('<c>'.repeat(12)))).toBe(true);
  });

  test('buttons go with the last part only, so they sit under the end of the message', () => {
    const blocks: Block[] = Array.from({ length: 8 }, (_, n) => ({
      kind: 'text',
      text: paragraph(n, 1_500),
    }));
    const parts = renderHtml(message(blocks, [[next], [source]]));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(0, -1).every((part) => part.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1)?.reply_markup?.inline_keyboard).toHaveLength(2);
  });

  test('a message of buttons only still has text, which Telegram requires', () => {
    const [part] = renderHtml(message([], [[next]]));
    expect(part?.text.trim()).toBe('');
    expect(part?.text.length).toBeGreaterThan(0);
    expect(part?.reply_markup?.inline_keyboard[0]?.[0]).toEqual({
      text: 'Next ▶',
      callback_data: '1:n:abc:0',
    });
  });
});

test('an ordered list numbers on from its start, on every platform', () => {
  const list: Block = { kind: 'list', ordered: true, start: 6, items: ['Sodium-ion vans', 'Quillstore 3.0'] };
  const [telegram] = renderHtml(message([list]));
  expect(telegram?.text).toContain('6. Sodium-ion vans\n7. Quillstore 3.0');
  const [discord] = renderMessage(message([list]));
  expect(JSON.stringify(discord)).toContain('6. Sodium-ion vans\\n7. Quillstore 3.0');
  expect(renderText(message([list]), new Map())).toContain('6. Sodium-ion vans');
});
