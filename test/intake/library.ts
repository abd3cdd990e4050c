// A small library for intake tests: a few articles whose tags give the gazetteer kinds and distractors.
import type { Article } from '../../src/content/article-schema.ts';
import { loadContent } from '../../src/content/load-content.ts';
import type { LibraryView } from '../../src/intake/draft.ts';
import { buildGazetteer } from '../../src/intake/gazetteer.ts';
import { articleMarkdown, writeArticle } from '../content/fixtures.ts';

const ARTICLES = [
  {
    id: 'port-cranes',
    source: 'https://example.org/port-cranes',
    topics: ['infrastructure', 'energy'],
    reading: [
      {
        text: 'Rotterdam Port Services ordered twelve electric cranes from Konecranes.',
        tags: ['org: Rotterdam Port Services', 'org: Konecranes'],
      },
      {
        text: 'Engineer Lena Vogel said the cranes use regenerative braking.',
        tags: ['person: Lena Vogel', 'concept: regenerative braking'],
      },
      {
        text: 'The cranes will also work in Gdansk and Antwerp next year.',
        tags: ['location: Gdansk', 'location: Antwerp'],
      },
      {
        text: 'Siemens Energy supplies the grid connection for the new cranes.',
        tags: ['org: Siemens Energy'],
      },
    ],
  },
  {
    id: 'river-ferries',
    source: 'https://example.org/river-ferries',
    topics: ['infrastructure', 'transport'],
    reading: [
      {
        text: 'Danube Shipping Company will run battery ferries between Vienna and Bratislava.',
        tags: ['org: Danube Shipping Company', 'location: Vienna', 'location: Bratislava'],
      },
      { text: 'Captain Jonas Weber tested the first ferry in March.', tags: ['person: Jonas Weber'] },
      { text: 'Transport minister Eva Horak opened the charging pier.', tags: ['person: Eva Horak'] },
      {
        text: 'The ferries were built by Damen Shipyards in Lisbon using LoRaWAN sensors.',
        tags: ['org: Damen Shipyards', 'location: Lisbon', 'tech: LoRaWAN'],
      },
    ],
  },
] as const;

/** Writes the library into `dir` (a content folder). */
export async function writeLibrary(dir: string): Promise<void> {
  for (const [index, article] of ARTICLES.entries()) {
    await writeArticle(
      dir,
      `${article.id}.md`,
      articleMarkdown({
        seed: index + 1,
        frontMatter: {
          id: article.id,
          topics: [...article.topics],
          source: { name: 'Example Wire', url: article.source },
        },
        reading: article.reading.map((sentence) => ({ text: sentence.text, tags: [...sentence.tags] })),
      }),
    );
  }
}

/** The library of `dir` as a drafter sees it. */
export async function libraryView(dir: string): Promise<LibraryView & { articles: Article[] }> {
  const loaded = await loadContent(dir);
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map((error) => error.message).join('\n'));
  const articles = loaded.articles.map((entry) => entry.article);
  return {
    articles,
    gazetteer: buildGazetteer(articles),
    topics: new Set(articles.flatMap((article) => article.topics)),
  };
}
