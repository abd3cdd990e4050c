import { describe, expect, test } from 'vitest';
import {
  escapeCodeBlock,
  escapeMarkdown,
  escapeWithin,
} from '../../../src/adapters/discord/escape-markdown.ts';
import { embedSize, renderButtonRows, renderMessage } from '../../../src/adapters/discord/render-embeds.ts';
import { type Button, message } from '../../../src/core/output.ts';

const action = (n: number): Button => ({ kind: 'action', label: `Button ${n}`, payload: `1:w:t${n}` });

describe('escaping for Discord markdown', () => {
  test('inline markdown, masked links and mentions are shown as typed', () => {
    expect(escapeMarkdown('**bold** _it_ ~~s~~ ||x|| `c` [a](b) <@1> <#2> <t:3> \\')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\|\\|x\\|\\| \\`c\\` \\[a\\]\\(b\\) \\<@1> \\<#2> \\<t:3> \\\\',
    );
    expect(escapeMarkdown('ping @everyone and @here')).toBe('ping @\u200beveryone and @\u200bhere');
  });

  test('line-start markers (headings, quotes, lists, subtext) are escaped; the same characters mid-line are not', () => {
    expect(escapeMarkdown('# title\n> quote\n- item\n+ item\n-# small\n12. ordered\nA - B > C #1')).toBe(
      '\\# title\n\\> quote\n\\- item\n\\+ item\n\\-# small\n12\\. ordered\nA - B > C #1',
    );
  });

  test('code blocks cannot be closed early from inside, and clipping never cuts an escape in half', () => {
    expect(escapeCodeBlock('a ``` b @everyone')).toBe('a `\u200b`\u200b`\u200b b @\u200beveryone');
    const clipped = escapeWithin('*'.repeat(300), 256);
    expect(clipped.length).toBeLessThanOrEqual(256);
    expect(clipped).toMatch(/^(\\\*)+…$/);
    expect(escapeWithin(`${'x'.repeat(254)}😀😀`, 256)).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});

describe('rendering messages as embeds', () => {
  test('a card: title with url, description, fields, footer, and buttons in rows of five', () => {
    const [rendered, ...rest] = renderMessage(
      message(
        [
          { kind: 'title', text: 'Title', url: 'https://example.org/a' },
          { kind: 'quote', text: 'Hook\nsecond line' },
          { kind: 'fields', fields: [{ label: 'What changed', value: 'A & B' }] },
          { kind: 'link', label: 'Source (PDF)', url: 'https://example.org/a b(c)' },
          { kind: 'footer', text: 'Source · 2 h ago · #ai' },
        ],
        [[action(1), action(2), action(3), action(4), action(5), action(6), action(7)]],
      ),
    );
    expect(rest).toEqual([]);
    expect(rendered?.embeds).toEqual([
      {
        title: 'Title',
        url: 'https://example.org/a',
        description: '> Hook\n> second line',
        fields: [{ name: 'What changed', value: 'A & B', inline: false }],
        color: expect.any(Number),
      },
      // Text after fields starts a new embed (fields always show below the description).
      {
        description: '[Source \\(PDF\\)](https://example.org/a%20b%28c%29)',
        footer: { text: 'Source · 2 h ago · #ai' },
        color: expect.any(Number),
      },
    ]);
    expect(rendered?.components.map((row) => row.components.length)).toEqual([5, 2]);
  });

  test('button styles map to Discord styles; link buttons carry a URL; labels are cut to 80', () => {
    const [row] = renderButtonRows([
      [
        { kind: 'action', label: 'x'.repeat(100), payload: 'p1', style: 'primary' },
        { kind: 'action', label: 'Plain', payload: 'p2' },
        { kind: 'action', label: 'Go', payload: 'p3', style: 'success' },
        { kind: 'action', label: 'Stop', payload: 'p4', style: 'danger' },
        { kind: 'link', label: 'Source', url: 'https://example.org' },
      ],
    ]);
    expect(row?.components.map((button) => button.style)).toEqual([1, 2, 3, 4, 5]);
    expect((row?.components[0] as { label?: string } | undefined)?.label).toHaveLength(80);
    expect(row?.components[4]).toMatchObject({ url: 'https://example.org', label: 'Source' });
    expect(row?.components[4]).not.toHaveProperty('custom_id');
  });

  test('more than 25 fields, 4,096 characters or 6,000 per message spill into new embeds and messages', () => {
    const fields = Array.from({ length: 30 }, (_, n) => ({ label: `F${n}`, value: 'v' }));
    const [withFields] = renderMessage(message([{ kind: 'fields', fields }]));
    expect(withFields?.embeds.map((embed) => embed.fields?.length)).toEqual([25, 5]);

    const paragraph = 'A sentence that goes on. '.repeat(70);
    const long = renderMessage(
      message(
        Array.from({ length: 20 }, () => ({ kind: 'text' as const, text: paragraph })),
        [[action(1)]],
      ),
    );
    expect(long.length).toBeGreaterThan(1);
    for (const part of long) {
      expect(part.embeds.length).toBeLessThanOrEqual(10);
      expect(part.embeds.reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(6000);
      for (const embed of part.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    }
    expect(long.slice(0, -1).every((part) => part.components.length === 0)).toBe(true);
    expect(long.at(-1)?.components).toHaveLength(1);
    const text = long.flatMap((part) => part.embeds.map((embed) => embed.description)).join(' ');
    expect(text.split('A sentence that goes on.').length - 1).toBe(20 * 70);
  });

  test('a long field value continues in further fields; more than five rows continue in another message', () => {
    const [rendered] = renderMessage(
      message([{ kind: 'fields', fields: [{ label: 'Long', value: 'word '.repeat(300) }] }]),
    );
    const values = rendered?.embeds[0]?.fields ?? [];
    expect(values.length).toBeGreaterThan(1);
    expect(values.every((field) => field.value.length <= 1024)).toBe(true);
    expect(values[0]?.name).toBe('Long');

    const rows = Array.from({ length: 7 }, (_, n) => [action(n)]);
    const parts = renderMessage(message([{ kind: 'text', text: 'Pick one' }], rows));
    expect(parts.map((part) => part.components.length)).toEqual([5, 2]);
    expect(parts[1]?.embeds).toEqual([]);
  });

  test('a table becomes a code block; a title over 256 characters is cut', () => {
    const [rendered] = renderMessage(
      message([
        { kind: 'title', text: 'T'.repeat(300) },
        { kind: 'table', columns: ['#', 'Player'], rows: [['1', '`Eve`']] },
      ]),
    );
    const embed = rendered?.embeds[0];
    expect(embed?.title).toHaveLength(256);
    expect(embed?.description).toBe('```\n# │ Player\n──┼───────\n1 │ `\u200bEve`\u200b\n```');
  });
});
