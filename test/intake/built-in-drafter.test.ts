import { readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { loadContent } from '../../src/content/load-content.ts';
import { parseArticle } from '../../src/content/parse-article.ts';
import { builtInDraft, MAX_FOCUS, MIN_FOCUS } from '../../src/intake/built-in-drafter.ts';
import { checkDraft } from '../../src/intake/check-draft.ts';
import type { Draft, LibraryView } from '../../src/intake/draft.ts';
import { type ExtractedArticle, extractArticle } from '../../src/intake/extract-article.ts';
import type { FeedItem } from '../../src/intake/parse-feed.ts';
import { renderDraft } from '../../src/intake/render-draft.ts';
import { storyUrl } from '../../src/intake/story-identity.ts';
import { tempFolder, writeArticle } from '../content/fixtures.ts';
import { libraryView, writeLibrary } from './library.ts';

let library: LibraryView & { articles: Article[] };
let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempFolder('newsquiz-intake-'));
  await writeLibrary(dir);
  library = await libraryView(dir);
});
afterAll(async () => {
  await remove();
});

function page(name: string): ExtractedArticle {
  const result = extractArticle(
    readFileSync(join(import.meta.dirname, 'site', name), 'utf8'),
    `http://127.0.0.1:8080/${name}`,
  );
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

function draftOf(name: string, item?: FeedItem): { draft: Draft; page: ExtractedArticle } {
  const extracted = page(name);
  return {
    draft: builtInDraft({ page: extracted, storyUrl: storyUrl(extracted), item }, library),
    page: extracted,
  };
}

const render = (draft: Draft) =>
  renderDraft(draft, {
    from: 'http://127.0.0.1:8080/x.html',
    at: new Date('2026-12-01T00:00:00Z'),
    keys: ['url:x'],
  });
const occursAsWord = (sentence: string, name: string) =>
  new RegExp(
    `(^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`,
    'iu',
  ).test(sentence);

describe.each(['harbor-bridge.html', 'desal-pilot.html', 'market-hall.html', 'scripts.html'])(
  '%s',
  (name) => {
    test(`${MIN_FOCUS}–${MAX_FOCUS} focus sentences, each quoted verbatim from the story's paragraphs`, () => {
      const { draft, page: extracted } = draftOf(name);
      expect(draft.article.reading.length).toBeGreaterThanOrEqual(MIN_FOCUS);
      expect(draft.article.reading.length).toBeLessThanOrEqual(MAX_FOCUS);
      for (const sentence of draft.article.reading) {
        expect(
          extracted.paragraphs.some((paragraph) => paragraph.includes(sentence.text)),
          sentence.text,
        ).toBe(true);
      }
    });

    test('every tag names text that occurs in its sentence as a whole word', () => {
      const { draft } = draftOf(name);
      const tags = draft.article.reading.flatMap((sentence) =>
        sentence.entities.map((entity) => ({ sentence: sentence.text, entity })),
      );
      expect(tags.length).toBeGreaterThan(0);
      for (const { sentence, entity } of tags)
        expect(occursAsWord(sentence, entity.name), `${entity.name} in ${sentence}`).toBe(true);
    });

    test('the draft reads back as written: its focus sentences and tags survive the file format', () => {
      const { draft } = draftOf(name);
      const check = checkDraft('draft.md', render(draft), draft.article.id, library.articles);
      expect(check.problems.filter((problem) => problem.path.startsWith('reading'))).toEqual([]);
      const filled = fillTodos(render(draft));
      const parsed = parseArticle('draft.md', filled);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      expect(parsed.article.reading).toEqual(draft.article.reading);
    });
  },
);

/** What an author writes into each field a draft leaves empty. */
function fillTodos(text: string): string {
  return text
    .replace('topics: []', 'topics: [infrastructure]')
    .replace('audience: []', 'audience: [City engineers]')
    .replace('published: ""', 'published: "2026-06-03"')
    .replace('whyItMatters: ""', 'whyItMatters: "Inspections become continuous."')
    .replace('whatToDoNext: ""', 'whatToDoNext: "Ask for the open data."')
    .replace('columns: []\n  rows: []', 'columns: [Aspect, Before]\n  rows:\n    - [Inspection, Yearly]')
    .replace('deepDive: []', 'deepDive:\n  - "Each gauge is read every ten seconds."')
    .replace(
      'implications: []',
      'implications:\n  - claim: "Others follow."\n    rationale: "The tender is public."',
    )
    .replace('timeline: []', 'timeline:\n  - date: "2026-05"\n    event: "It opened."');
}

describe('what the built-in drafter fills and what it leaves', () => {
  test('it fills title, source, date, hook, the lead, takeaways and timeline from the page; topics from feed categories', () => {
    const item: FeedItem = {
      id: 'w-1',
      link: undefined,
      title: undefined,
      published: undefined,
      categories: ['Infrastructure', 'Energy'],
      summary: undefined,
    };
    const { draft } = draftOf('harbor-bridge.html', item);
    expect(draft.article).toMatchObject({
      id: 'harbor-city-fits-its-old-bridge-with-strain-sensors',
      title: 'Harbor City fits its old bridge with strain sensors',
      source: {
        name: 'The Harbor Courier',
        url: 'https://harbor-courier.example/2026/05/14/harbor-bridge-sensors',
      },
      published: '2026-05-14T05:45:00Z',
      topics: ['infrastructure', 'energy'],
      hook: 'A 1960s bridge now reports its own stress levels every ten seconds, and the readings will be published as open data.',
      tldr: {
        whatChanged:
          'Harbor City has fitted the Harbor Street bridge with 240 sensors that report strain and temperature every ten seconds.',
        whyItMatters: '',
        whatToDoNext: '',
      },
      timeline: [
        {
          date: '2025-09',
          event:
            "The council approved the project in September 2025 after a survey found corrosion on three of the bridge's twelve bearings.",
        },
        {
          date: '2026-05-14',
          event:
            'The network went live on 14 May 2026, and the first public data set is due at the end of June.',
        },
      ],
      audience: [],
      deepDive: [],
      implications: [],
      comparison: undefined,
    });
    expect(draft.article.takeaways.length).toBeGreaterThan(0);
    expect(Object.keys(draft.todo).sort()).toEqual(
      ['audience', 'comparison', 'deepDive', 'implications', 'tldr.whatToDoNext', 'tldr.whyItMatters'].sort(),
    );
  });

  test('tags are typed from the library where it knows the name, else as a person, place or organisation', () => {
    const { draft } = draftOf('harbor-bridge.html');
    const tags = draft.article.reading.flatMap((sentence) => sentence.entities);
    expect(tags).toEqual(
      expect.arrayContaining([
        { type: 'tech', name: 'LoRaWAN' },
        { type: 'person', name: 'Tomas Berg' },
        { type: 'person', name: 'Elena Ruiz' },
        { type: 'org', name: 'Port Authority' },
        { type: 'org', name: 'Northbay Instruments' },
        { type: 'location', name: 'Harbor City' },
      ]),
    );
  });

  test('the rendered draft marks every empty field with a # TODO: comment and no placeholder; the check names exactly those', () => {
    const { draft } = draftOf('harbor-bridge.html');
    const text = render(draft);
    expect(text).not.toMatch(/<[^!>][^>]*>/);
    for (const field of [
      'audience',
      'whyItMatters',
      'whatToDoNext',
      'comparison',
      'deepDive',
      'implications',
    ]) {
      const lines = text.split('\n');
      const at = lines.findIndex((line) => line.trimStart().startsWith(`${field}:`));
      expect(lines[at - 1]?.trimStart(), field).toMatch(/^# TODO: /);
    }
    const check = checkDraft('draft.md', text, draft.article.id, library.articles);
    expect(check.needs).toEqual([
      'audience',
      'tldr.whyItMatters',
      'tldr.whatToDoNext',
      'comparison',
      'deepDive',
      'implications',
    ]);
    expect(check.problems).toEqual([]);
    expect(check.generated).toBeGreaterThanOrEqual(3);
  });

  test('once an author fills the TODO fields, the draft passes content:check inside the library', async () => {
    const { draft } = draftOf('harbor-bridge.html');
    const path = await writeArticle(dir, '_drafts/harbor.md', fillTodos(render(draft)));
    expect(checkDraft(path, fillTodos(render(draft)), draft.article.id, library.articles).errors).toEqual([]);
    // Drafts are not articles until they leave _drafts/; then the loader takes them as they are.
    const before = await loadContent(dir);
    expect(before.articles.map((entry) => entry.article.id)).not.toContain(draft.article.id);
    await rename(path, join(dir, 'harbor.md'));
    const after = await loadContent(dir);
    expect(after.errors).toEqual([]);
    expect(
      after.articles.find((entry) => entry.article.id === draft.article.id)?.generated,
    ).toBeGreaterThanOrEqual(3);
  });
});
