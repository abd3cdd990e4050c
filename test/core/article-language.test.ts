// Articles in several languages: `lang` is a checked BCP 47 tag; /news and scheduled posts prefer the
// reader's or the chat's language and fall back to every article.
import { afterEach, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { articleSchema } from '../../src/content/article-schema.ts';
import { preferLanguage } from '../../src/core/article-language.ts';
import { inLocale } from '../../src/i18n/current-locale.ts';
import { textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, shippedArticles, type TestCore } from '../support/test-core.ts';

let t: TestCore | undefined;
afterEach(() => t?.close());

async function germanArticle(): Promise<Article> {
  const [source] = await shippedArticles();
  if (!source) throw new Error('no shipped article');
  return { ...source, id: 'netzbooster-de', title: 'Netzbooster gehen in Betrieb', lang: 'de' };
}

test('lang is optional, checked, and written the canonical way', async () => {
  const [source] = await shippedArticles();
  const { lang: _none, ...raw } = source as Article;
  expect(articleSchema.parse({ ...raw, lang: 'zh-hans' }).lang).toBe('zh-Hans');
  expect(articleSchema.parse(raw).lang).toBeUndefined();
  const bad = articleSchema.safeParse({ ...raw, lang: 'not a language!' });
  expect(bad.success).toBe(false);
  expect(JSON.stringify(bad.error?.issues)).toContain(
    'is not a language tag; write one such as en, de or zh-Hans',
  );
});

test('a reader gets the articles in their language when there are any, and all of them otherwise', async () => {
  const german = await germanArticle();
  const english = await shippedArticles();
  expect(inLocale('de', () => preferLanguage([german, ...english]))).toEqual([german]);
  expect(inLocale('en', () => preferLanguage([german, ...english])).map((a) => a.id)).toEqual(
    english.map((a) => a.id),
  );
  expect(inLocale('zh-CN', () => preferLanguage(english))).toHaveLength(english.length);
});

test('/news lists German articles for a German reader, English ones for others', async () => {
  t = await makeCore({ articles: [await germanArticle()] });
  const news = (who = actor('ana', 'dm-ana', { chatKind: 'private' })) =>
    t?.router.runLine(who, { name: 'news', args: '' }, async () => false);
  const english = textOf((await news())?.messages[0]?.message ?? { blocks: [], buttons: [] });
  expect(english).not.toContain('Netzbooster');
  const german = textOf(
    (await news(actor('udo', 'dm-udo', { chatKind: 'private', platformLocale: 'de' })))?.messages[0]
      ?.message ?? {
      blocks: [],
      buttons: [],
    },
  );
  expect(german).toContain('Netzbooster gehen in Betrieb');
  expect(german).toContain('Neueste Überblicke');
});
