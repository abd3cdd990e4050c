import { describe, expect, test } from 'vitest';
import { autocompleteChoices } from '../../src/adapters/discord/autocomplete.ts';
import { escapeWithin } from '../../src/adapters/discord/escape-markdown.ts';
import { renderButtonRows, renderMessage } from '../../src/adapters/discord/render-embeds.ts';
import { splitText } from '../../src/adapters/shared/split-text.ts';
import { userErrorResponse } from '../../src/command-kit/run-command.ts';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { clipText, echoTyped, graphemePrefix } from '../../src/core/clip-text.ts';
import type { CoreServices } from '../../src/core/core-services.ts';
import { message } from '../../src/core/output.ts';
import { newsList, shortTitle } from '../../src/core/present-brief.ts';
import { USER_ERRORS, UserError } from '../../src/core/user-error.ts';
import { shippedArticles } from '../support/test-core.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemesOf = (text: string) => [...segmenter.segment(text)].map((part) => part.segment);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text that ends on a whole grapheme of `source`: no half emoji, no flag or family cut apart. */
function expectWholeGraphemes(clipped: string, source: string): void {
  expect(clipped).not.toMatch(LONE_SURROGATE);
  const kept = clipped.endsWith('…') && !source.startsWith(clipped) ? clipped.slice(0, -1) : clipped;
  const parts = graphemesOf(kept.trimEnd());
  expect(graphemesOf(source).slice(0, parts.length)).toEqual(parts);
}

// Emoji of one, two and several code points: a face, a flag, a family (ZWJ), a skin tone, an accent.
const EMOJI = ['😀', '🇩🇪', '👨\u200d👩\u200d👧\u200d👦', '👍🏽', 'e\u0301', 'A\u030a'];
const samples = EMOJI.flatMap((emoji) =>
  [0, 1, 2, 3].map((lead) => `${'x'.repeat(lead)}${emoji.repeat(40)}`),
);

describe('one grapheme-safe clip', () => {
  test('clipText never cuts an emoji, a flag, a family or an accent, at any length', () => {
    for (const text of samples) {
      for (let max = 1; max <= 40; max++) {
        const clipped = clipText(text, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        expect(clipped.endsWith('…')).toBe(text.length > max);
        expectWholeGraphemes(clipped, text);
      }
    }
    expect(clipText('short', 10)).toBe('short');
    expect(graphemePrefix('🇩🇪🇫🇷', 6)).toBe('🇩🇪');
  });

  test('a typed value quoted back in a reply keeps emoji, flags, families and accents whole, on one line', () => {
    for (const text of samples) {
      for (const max of [10, 39, 40, 41]) {
        const echoed = echoTyped(text, max);
        expect(echoed).toMatch(/^".*"$/s);
        const inner = echoed.slice(1, -1);
        expect(inner.length).toBeLessThanOrEqual(max);
        expectWholeGraphemes(inner, text);
      }
    }
    expect(echoTyped(' two\n  lines ')).toBe('"two lines"');
  });

  test('button labels on the news list and related rows keep emoji whole (24 and 32 characters)', () => {
    for (const text of samples) {
      expectWholeGraphemes(shortTitle(text), text);
      expectWholeGraphemes(shortTitle(text, 24), text);
    }
  });

  test('Discord button labels (80), escaped titles (256) and autocomplete names (100) keep emoji whole', async () => {
    for (const text of samples.map((sample) => sample.repeat(3))) {
      const [row] = renderButtonRows([[{ kind: 'action', label: text, payload: 'x' }]]);
      const button = row?.components[0];
      const label = button && 'label' in button ? (button.label ?? '') : '';
      expect(label.length).toBeLessThanOrEqual(80);
      expectWholeGraphemes(label, text);
      expectWholeGraphemes(escapeWithin(text, 256), text);
      const [rendered] = renderMessage(message([{ kind: 'footer', text: text.repeat(20) }]));
      expectWholeGraphemes(rendered?.embeds[0]?.footer?.text ?? '', text.repeat(20));
    }
    const [base] = await shippedArticles();
    if (!base) throw new Error('no content');
    const title = `x${'👨\u200d👩\u200d👧\u200d👦'.repeat(20)}`;
    const catalog = new ArticleIndex([{ ...base, title }]);
    const [choice] = autocompleteChoices('article', '', catalog);
    expect(choice?.name.length).toBeLessThanOrEqual(100);
    expectWholeGraphemes(choice?.name ?? '', title);
  });

  test('suggestion buttons for an unknown article keep a long id whole at its cut', async () => {
    const [base] = await shippedArticles();
    if (!base) throw new Error('no content');
    const id = `a${'-b'.repeat(30)}`;
    const catalog = new ArticleIndex([{ ...base, id }]);
    const response = userErrorResponse(
      { core: { catalog: () => catalog } as unknown as CoreServices },
      new UserError(USER_ERRORS.unknownArticle, 'No article matches.', [id]),
    );
    const label = response.messages[0]?.message.buttons[0]?.[0]?.label ?? '';
    expect(label.length).toBeLessThanOrEqual(40);
    expect(label).toMatch(/…$/);
  });

  test('long text split for a message never leaves half an emoji at either side of a cut', () => {
    for (const text of samples.map((sample) => sample.repeat(30))) {
      const pieces = splitText(text, 97);
      for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(97);
      expect(pieces.flatMap(graphemesOf)).toEqual(graphemesOf(text));
    }
  });

  test('a news list of emoji titles has well-formed labels', async () => {
    const [base] = await shippedArticles();
    if (!base) throw new Error('no content');
    const articles = EMOJI.map((emoji, index) => ({
      ...base,
      id: `e-${index}`,
      title: `Emoji ${emoji.repeat(20)}`,
    }));
    const list = newsList(articles, Date.now(), undefined);
    for (const [index, button] of (list.buttons[0] ?? []).entries()) {
      expectWholeGraphemes(button.label.replace(/^\d+\. /, ''), articles[index]?.title ?? '');
    }
  });
});
