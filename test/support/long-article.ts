// An article whose deep dive is far longer than one platform message, to exercise splitting.
import type { Article } from '../../src/content/article-schema.ts';
import { shippedArticles } from './test-core.ts';

export async function longArticle(sentence: string, paragraphLength: number): Promise<Article> {
  const base = (await shippedArticles())[0];
  if (!base) throw new Error('no content');
  const paragraph = (n: number) =>
    `Part ${n}: ${sentence.repeat(Math.ceil(paragraphLength / sentence.length))}`.slice(0, paragraphLength);
  return {
    ...base,
    id: 'long-read',
    title: 'A very long read',
    deepDive: Array.from({ length: 9 }, (_, n) => paragraph(n + 1)),
  };
}
