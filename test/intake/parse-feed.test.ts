import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFeed } from '../../src/intake/parse-feed.ts';
import { parseXmlDocument } from '../../src/intake/parsed-dom.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, 'site', name), 'utf8')
    .replaceAll('{{origin}}', ORIGIN)
    .replaceAll('{{port}}', '8080');

function feedOf(name: string, format: 'xml' | 'json' = 'xml') {
  const parsed = parseFeed(fixture(name), format, `${ORIGIN}/${name}`);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
}

describe('formats', () => {
  test('RSS 2.0: every item with its guid, link, date and categories', () => {
    const feed = feedOf('feed.rss');
    expect(feed).toMatchObject({ format: 'rss', title: 'Regional Wire: latest', leftOut: 0 });
    expect(feed.items).toEqual([
      {
        id: 'regional-wire-10417',
        link: `${ORIGIN}/harbor-bridge.html?utm_source=rss&utm_medium=feed`,
        title: 'Harbor City fits its old bridge with strain sensors',
        published: '2026-05-14T05:45:00Z',
        categories: ['Infrastructure', 'Energy'],
        summary: 'A 1960s bridge now reports its own stress levels.',
      },
      {
        id: 'regional-wire-10422',
        link: `${ORIGIN}/market-hall.html`,
        title: 'Old market hall to become a food start-up centre',
        published: '2026-11-09T10:00:00Z',
        categories: ['Business'],
        summary: 'Twenty small kitchens will open in the listed building.',
      },
    ]);
  });

  test('Atom: the alternate link resolved against the feed, the category label, markup in the title removed', () => {
    const [entry] = feedOf('feed.atom').items;
    expect(entry).toEqual({
      id: 'tag:drycreekledger.example,2026:post-4812',
      link: `${ORIGIN}/desal-pilot.html`,
      title: 'Valley Water Board approves solar-powered desalination pilot',
      published: '2026-04-22T16:20:00Z',
      categories: ['Climate'],
      summary: 'The plant near Lake Corvo will turn brackish groundwater into drinking water.',
    });
  });

  test('JSON Feed: id, url, tags and date', () => {
    const feed = feedOf('feed.json', 'json');
    expect(feed).toMatchObject({ format: 'json', title: 'Northgate News' });
    expect(feed.items[0]).toMatchObject({
      id: 'northgate-2291',
      link: `${ORIGIN}/market-hall.html`,
      categories: ['Business', 'Energy'],
    });
  });

  test('a document that is no feed says what it is', () => {
    expect(parseFeed('<html><body>hi</body></html>', 'xml', ORIGIN)).toEqual({
      ok: false,
      reason: 'is not a feed: its root element is <html>, not <rss>, <feed> or <rdf:RDF>',
    });
    expect(parseFeed('{"items": []}', 'json', ORIGIN)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a JSON Feed'),
    });
  });

  test('links that are not http(s) are dropped, so the item is skipped rather than followed', () => {
    const items = feedOf('private-links.rss').items;
    expect(items.find((item) => item.id === 'p-6')?.link).toBeUndefined();
  });
});

describe('hostile feeds', () => {
  test('an entity bomb is refused at once, with nothing expanded', () => {
    const started = performance.now();
    const parsed = parseFeed(fixture('entity-bomb.rss'), 'xml', ORIGIN);
    expect(parsed).toEqual({
      ok: false,
      reason:
        'declares XML entities (<!ENTITY …>), which feeds do not use; refused, nothing was expanded or fetched',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  test('an external entity is refused the same way', () => {
    expect(parseFeed(fixture('xxe.rss'), 'xml', ORIGIN)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('<!ENTITY'),
    });
  });

  test('the XML reader itself never expands an entity: a bomb reads as its literal reference, quickly', () => {
    const started = performance.now();
    const document = parseXmlDocument(fixture('entity-bomb.rss'));
    const title = document.getElementsByTagName('title');
    expect([...title].map((element) => element.textContent)).toEqual(['&lol9;', '&lol9;']);
    expect(performance.now() - started).toBeLessThan(1_000);
    const external = parseXmlDocument(fixture('xxe.rss'));
    expect([...external.getElementsByTagName('category')].map((element) => element.textContent)).toEqual([
      '&secret;',
    ]);
  });

  test('markup and scripts in every field of a feed are removed; only their text stays', () => {
    const feed = feedOf('scripts.rss');
    expect(feed.title).toBe('Town Crier');
    expect(feed.items[0]).toMatchObject({
      title: 'Council backs night trains',
      categories: ['Transport'],
      summary: 'Night trains on weekends.',
    });
    expect(JSON.stringify(feed)).not.toMatch(/alert|onerror|onclick|<script/i);
  });

  test('a feed with thousands of items is cut to the first 100', () => {
    const items = Array.from(
      { length: 2_500 },
      (_, n) => `<item><guid>id-${n}</guid><link>${ORIGIN}/s/${n}</link></item>`,
    ).join('');
    const parsed = parseFeed(
      `<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`,
      'xml',
      ORIGIN,
    );
    expect(parsed.ok && [parsed.feed.items.length, parsed.feed.leftOut]).toEqual([100, 2_400]);
  });
});
