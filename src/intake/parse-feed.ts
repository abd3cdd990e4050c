// Reads RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed into one list of items; entities are never expanded.
import { z } from 'zod';
import { MAX_FEED_ITEMS } from './intake-limits.ts';
import { absoluteHttpUrl, isoMoment } from './page-metadata.ts';
import { type DomElement, parseXmlDocument } from './parsed-dom.ts';
import { plainText } from './plain-text.ts';

export interface FeedItem {
  /** guid (RSS), id (Atom, JSON Feed) or rdf:about; never the title. */
  id: string | undefined;
  /** The story's page, absolute http(s). */
  link: string | undefined;
  title: string | undefined;
  /** ISO moment, UTC. */
  published: string | undefined;
  categories: string[];
  summary: string | undefined;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string | undefined;
  items: FeedItem[];
  /** Items past MAX_FEED_ITEMS, left out. */
  leftOut: number;
}

export type FeedParse = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

/** An entity declaration anywhere before the root element: a bomb or an external entity, never a real feed's need. */
const ENTITY_DECLARATION = /<!ENTITY/i;
const ROOT = /<(rss|feed|rdf:RDF)[\s>]/;

const text = (value: string | null | undefined) => (value ? plainText(value) || undefined : undefined);

/** Direct children of `parent` named `name` (namespace prefix included, as written). */
function childrenNamed(parent: DomElement, ...names: string[]): DomElement[] {
  return [...parent.children].filter((child) => names.includes(child.tagName));
}

function childText(parent: DomElement, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = text(childrenNamed(parent, name)[0]?.textContent);
    if (value) return value;
  }
  return undefined;
}

function rssItem(item: DomElement, base: string): FeedItem {
  const guid = childrenNamed(item, 'guid')[0];
  const id = text(guid?.textContent) ?? item.getAttribute('rdf:about') ?? undefined;
  const permalink = guid && guid.getAttribute('isPermaLink') !== 'false' ? guid.textContent : undefined;
  return {
    id,
    link: absoluteHttpUrl(childText(item, 'link') ?? permalink, base),
    title: childText(item, 'title'),
    published: isoMoment(childText(item, 'pubDate', 'dc:date', 'published')),
    categories: childrenNamed(item, 'category', 'dc:subject')
      .map((category) => text(category.textContent))
      .filter((value): value is string => value !== undefined),
    summary: childText(item, 'description'),
  };
}

function atomLink(entry: DomElement, base: string): string | undefined {
  const links = childrenNamed(entry, 'link');
  const alternate =
    links.find(
      (link) =>
        (link.getAttribute('rel') ?? 'alternate') === 'alternate' &&
        /html/.test(link.getAttribute('type') ?? 'html'),
    ) ?? links.find((link) => (link.getAttribute('rel') ?? 'alternate') === 'alternate');
  return absoluteHttpUrl(alternate?.getAttribute('href'), base);
}

function atomEntry(entry: DomElement, base: string): FeedItem {
  return {
    id: childText(entry, 'id'),
    link: atomLink(entry, base),
    title: childText(entry, 'title'),
    published: isoMoment(childText(entry, 'published', 'updated')),
    categories: childrenNamed(entry, 'category')
      .map((category) => text(category.getAttribute('label') ?? category.getAttribute('term')))
      .filter((value): value is string => value !== undefined),
    summary: childText(entry, 'summary', 'content'),
  };
}

function xmlFeed(source: string, base: string): FeedParse {
  const root = ROOT.exec(source);
  const prolog = root ? source.slice(0, root.index) : source.slice(0, 4096);
  if (ENTITY_DECLARATION.test(prolog)) {
    return {
      ok: false,
      reason:
        'declares XML entities (<!ENTITY …>), which feeds do not use; refused, nothing was expanded or fetched',
    };
  }
  const document = parseXmlDocument(source);
  const top = document.documentElement;
  const name = top?.tagName;
  if (!top || !name) return { ok: false, reason: 'is not a feed: it holds no XML element' };
  let format: ParsedFeed['format'];
  let title: string | undefined;
  let items: FeedItem[];
  if (name === 'rss') {
    const channel = childrenNamed(top, 'channel')[0];
    if (!channel) return { ok: false, reason: 'is an RSS document without a <channel>' };
    format = 'rss';
    title = childText(channel, 'title');
    items = childrenNamed(channel, 'item').map((item) => rssItem(item, base));
  } else if (name === 'rdf:RDF') {
    format = 'rdf';
    const channel = childrenNamed(top, 'channel')[0];
    title = channel ? childText(channel, 'title') : undefined;
    items = childrenNamed(top, 'item').map((item) => rssItem(item, base));
  } else if (name === 'feed') {
    format = 'atom';
    title = childText(top, 'title');
    items = childrenNamed(top, 'entry').map((entry) => atomEntry(entry, base));
  } else {
    return {
      ok: false,
      reason: `is not a feed: its root element is <${plainText(name, 40)}>, not <rss>, <feed> or <rdf:RDF>`,
    };
  }
  return {
    ok: true,
    feed: {
      format,
      title,
      items: items.slice(0, MAX_FEED_ITEMS),
      leftOut: Math.max(0, items.length - MAX_FEED_ITEMS),
    },
  };
}

const jsonFeedItem = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  content_text: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
const jsonFeedSchema = z.looseObject({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\//),
  title: z.string().optional(),
  items: z.array(z.unknown()),
});

function jsonFeed(source: string, base: string): FeedParse {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return { ok: false, reason: `is not valid JSON (${(error as Error).message})` };
  }
  const feed = jsonFeedSchema.safeParse(data);
  if (!feed.success)
    return { ok: false, reason: 'is JSON but not a JSON Feed (no "version" of jsonfeed.org and "items")' };
  const items = feed.data.items.flatMap((raw): FeedItem[] => {
    const item = jsonFeedItem.safeParse(raw);
    if (!item.success) return [];
    const { id, url, external_url, title, summary, content_text, date_published, date_modified, tags } =
      item.data;
    return [
      {
        id: text(id),
        link: absoluteHttpUrl(url ?? external_url, base),
        title: text(title),
        published: isoMoment(date_published ?? date_modified),
        categories: (tags ?? []).map((tag) => plainText(tag)).filter(Boolean),
        summary: text(summary ?? content_text),
      },
    ];
  });
  return {
    ok: true,
    feed: {
      format: 'json',
      title: text(feed.data.title),
      items: items.slice(0, MAX_FEED_ITEMS),
      leftOut: Math.max(0, items.length - MAX_FEED_ITEMS),
    },
  };
}

/** `base` is the feed's own URL, against which relative links are resolved. */
export function parseFeed(source: string, format: 'xml' | 'json', base: string): FeedParse {
  return format === 'json' ? jsonFeed(source, base) : xmlFeed(source, base);
}
