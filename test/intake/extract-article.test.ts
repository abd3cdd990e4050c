import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractArticle } from '../../src/intake/extract-article.ts';

const page = (name: string) => readFileSync(join(import.meta.dirname, 'site', name), 'utf8');

function extract(name: string, url = `http://127.0.0.1:8080/${name}`) {
  const result = extractArticle(page(name), url);
  if (!result.ok) throw new Error(result.reason);
  return result.article;
}

/** Text of the pages' furniture: navigation, ads, share bars, related links, comments, cookie banners, newsletters, captions. */
const FURNITURE = [
  'cookies',
  'Accept all',
  'Science and Technology',
  'Subscribe for 1 dollar',
  'Coastline Appliances',
  'Beacon Mutual',
  'Share on Social',
  'Copy link',
  'Photo: Marta Quell',
  'east tram line',
  'Harbor Briefing',
  'harborfan77',
  'potholes on Dock Road',
  'university students',
  'ferry timetable',
  'Storm warning',
  'All rights reserved',
  'By Ines Calloway',
  'Donate to keep',
  'Email a friend',
  'Verdant Drip',
  'County tests every private well',
  'costs per gallon',
  'our well went dry',
  'Leave a reply',
  'nonprofit newsroom',
  'Proudly independent',
  'Log in',
  'Night buses',
  'happy with that',
];

describe('metadata', () => {
  test('JSON-LD NewsArticle, Open Graph and rel=canonical give headline, canonical address, publisher, date, description', () => {
    expect(extract('harbor-bridge.html').metadata).toEqual({
      headline: 'Harbor City fits its old bridge with strain sensors',
      canonicalUrl: 'https://harbor-courier.example/2026/05/14/harbor-bridge-sensors',
      ogUrl: 'https://harbor-courier.example/2026/05/14/harbor-bridge-sensors?ref=og',
      publisher: 'The Harbor Courier',
      published: '2026-05-14T05:45:00Z',
      description:
        'A 1960s bridge now reports its own stress levels every ten seconds, and the readings will be published as open data.',
      keywords: ['infrastructure', 'sensors', 'IoT', 'City', 'Internet of Things', 'Harbor City', 'Bridges'],
      image: 'https://harbor-courier.example/images/bridge-sensors.jpg',
    });
  });

  test('a JSON-LD @graph, an entity in the title and a page with only Open Graph are read too', () => {
    expect(extract('desal-pilot.html').metadata).toMatchObject({
      headline: 'Valley Water Board approves solar-powered desalination pilot',
      publisher: 'Dry Creek Ledger',
      published: '2026-04-22T16:20:00Z',
      keywords: ['desalination', 'water', 'solar', 'Environment', 'Energy', 'climate'],
    });
    expect(extract('market-hall.html').metadata).toMatchObject({
      headline: 'Old market hall to become a food start-up centre',
      canonicalUrl: undefined,
      ogUrl: 'https://northgate-news.example/local/market-hall-food-centre',
      publisher: 'Northgate News',
      published: undefined,
    });
  });
});

describe('story text', () => {
  test.each(['harbor-bridge.html', 'desal-pilot.html', 'market-hall.html'])(
    '%s: the story paragraphs, and nothing from navigation, ads, share bars, related links, comments or cookie banners',
    (name) => {
      const { paragraphs } = extract(name);
      expect(paragraphs.length).toBeGreaterThanOrEqual(6);
      const text = paragraphs.join('\n');
      for (const furniture of FURNITURE) expect(text, furniture).not.toContain(furniture);
    },
  );

  test('the story keeps its own words: first and last paragraphs as written', () => {
    const { paragraphs } = extract('harbor-bridge.html');
    expect(paragraphs[0]).toBe(
      'Harbor City has fitted the Harbor Street bridge with 240 sensors that report strain and temperature every ten seconds.',
    );
    expect(paragraphs.at(-1)).toBe(
      'The network went live on 14 May 2026, and the first public data set is due at the end of June.',
    );
  });

  test('nothing from a script, a style, an event handler or a javascript: link reaches the text or the metadata', () => {
    const article = extract('scripts.html');
    const everything = JSON.stringify(article);
    expect(everything).not.toMatch(
      /alert|INJECTED|evil|steal|onerror|onclick|onmouseover|javascript|display: none|Template text|Enable JavaScript/i,
    );
    expect(article.metadata).toMatchObject({
      headline: 'Council backs night trains',
      canonicalUrl: undefined,
      ogUrl: 'https://towncrier.example/2026/06/night-trains',
      publisher: 'Town Crier',
      description: 'Night trains will run on weekends from July.',
      image: undefined,
    });
    expect(article.paragraphs).toContain(
      'Transport director Amira Haddad said the trains would cost 900,000 euros a year and that ticket sales should cover a third of it.',
    );
  });

  test('a page with more elements than the limit is refused before it is read', () => {
    const html = `<!doctype html><html><body>${'<div><span>x</span></div>'.repeat(25_000)}</body></html>`;
    expect(extractArticle(html, 'http://127.0.0.1/big')).toEqual({
      ok: false,
      reason: 'has 50,002 elements; a page may have at most 40,000',
    });
  });

  test('a page without article text says so', () => {
    expect(
      extractArticle('<!doctype html><html><body><nav>Home</nav></body></html>', 'http://127.0.0.1/empty'),
    ).toEqual({
      ok: false,
      reason: 'has no article text that could be found',
    });
  });
});
