// Text that intake and the preview cut to a limit (a hostile page's paragraphs and fields, a draft's
// title, a refused name echoed back) is cut between whole characters, never inside an emoji.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { extractArticle } from '../../src/intake/extract-article.ts';
import { listDrafts } from '../../src/intake/list-drafts.ts';
import { plainText } from '../../src/intake/plain-text.ts';
import { publishDraft } from '../../src/intake/publish-draft.ts';
import { tempFolder } from '../content/fixtures.ts';
import { writeDraft } from './drafts.ts';

/** Half of a surrogate pair: what Telegram refuses and a page shows as a broken character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** An odd number of units before emoji, so a cut counted in units lands inside one. */
const emojiAfter = (units: number) => `${'x'.repeat(units)}${'😀'.repeat(60)}`;

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-clip-'));
});
afterEach(async () => {
  await remove();
});

test('a name that is not a draft is echoed cut between whole characters', async () => {
  const result = await publishDraft(dir, emojiAfter(79));
  expect(result.published).toBe(false);
  if (result.published) return;
  expect(result.message).toContain('is not a draft');
  expect(result.message).not.toMatch(LONE_SURROGATE);
});

test("a page's field cut to its limit where it has no spaces keeps whole characters", () => {
  const text = plainText(emojiAfter(1), 100);
  expect(text.length).toBeLessThanOrEqual(100);
  expect(text.length).toBeGreaterThan(90);
  expect(text).not.toMatch(LONE_SURROGATE);
});

test("a page's paragraph past the paragraph limit keeps whole characters", () => {
  const paragraph = emojiAfter(19_999);
  const html = `<!doctype html><html><head><title>Harbor</title></head><body><article><h1>Harbor</h1><p>${paragraph}</p><p>The harbor bridge reopened on Monday after sensors were fitted along its deck.</p></article></body></html>`;
  const result = extractArticle(html, 'http://127.0.0.1/harbor');
  if (!result.ok) throw new Error(result.reason);
  const long = result.article.paragraphs.find((text) => text.startsWith('xxx'));
  expect(long?.length).toBeGreaterThan(19_990);
  expect(long).not.toMatch(LONE_SURROGATE);
});

test("a draft's long title, as the preview lists it, keeps whole characters", async () => {
  await writeDraft(dir, 'long-title', { frontMatter: { title: emojiAfter(199) } });
  const { drafts } = await listDrafts(dir, new Map());
  const title = drafts.find((draft) => draft.name === 'long-title')?.title;
  expect(title?.startsWith('xxx')).toBe(true);
  expect(title).not.toMatch(LONE_SURROGATE);
});
