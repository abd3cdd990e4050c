// A news page's metadata from JSON-LD (NewsArticle and kin), Open Graph, <meta> and <link rel=canonical>.
import type { DomDocument } from './parsed-dom.ts';
import { plainText } from './plain-text.ts';

export interface PageMetadata {
  headline: string | undefined;
  /** `<link rel=canonical>`, absolute. */
  canonicalUrl: string | undefined;
  /** `og:url`, absolute. */
  ogUrl: string | undefined;
  publisher: string | undefined;
  /** ISO moment, UTC. */
  published: string | undefined;
  description: string | undefined;
  /** Keywords, tags and sections the page gives itself, as written. */
  keywords: string[];
  image: string | undefined;
}

/** JSON-LD types that describe the story itself. */
const ARTICLE_TYPES = new Set([
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'BackgroundNewsArticle',
  'OpinionNewsArticle',
  'ReviewNewsArticle',
  'Article',
  'BlogPosting',
  'TechArticle',
  'ScholarlyArticle',
  'Report',
]);
/** JSON-LD scripts larger than this are skipped rather than parsed. */
const MAX_JSON_LD_CHARACTERS = 512 * 1024;
/** How deep @graph and nested lists are searched. */
const MAX_JSON_LD_DEPTH = 4;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text of a JSON-LD value: a string, the first of a list, or an object's name. */
function jsonText(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return plainText(value) || undefined;
  if (Array.isArray(value)) return jsonText(value[0]);
  if (isObject(value)) return jsonText(value.name ?? value.url ?? value['@id']);
  return undefined;
}

/** A URL in a JSON-LD value, as written: a string, the first of a list, or an object's url. */
function jsonUrl(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return jsonUrl(value[0]);
  if (isObject(value)) return jsonUrl(value.url ?? value['@id']);
  return undefined;
}

function jsonList(value: Json | undefined): string[] {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((entry) => plainText(entry))
      .filter(Boolean);
  if (Array.isArray(value)) return value.flatMap((entry) => jsonList(entry));
  return [];
}

function typesOf(node: { [key: string]: Json }): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((entry): entry is string => typeof entry === 'string');
}

/** The JSON-LD node that describes the article, searching lists and @graph. */
function findArticleNode(value: Json, depth = 0): { [key: string]: Json } | undefined {
  if (depth > MAX_JSON_LD_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = findArticleNode(entry, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (typesOf(value).some((type) => ARTICLE_TYPES.has(type))) return value;
  const graph = value['@graph'];
  return graph === undefined ? undefined : findArticleNode(graph, depth + 1);
}

function jsonLdArticle(document: DomDocument): { [key: string]: Json } | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD_CHARACTERS) continue;
    let data: Json;
    try {
      data = JSON.parse(text) as Json;
    } catch {
      // Broken JSON-LD is common; Open Graph and <meta> are read next.
      continue;
    }
    const found = findArticleNode(data);
    if (found) return found;
  }
  return undefined;
}

/** An absolute http(s) URL made from `value` relative to the page, else undefined. */
export function absoluteHttpUrl(value: string | undefined | null, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A date as an ISO moment in UTC without milliseconds (`2026-05-14T08:30:00Z`), or undefined. */
export function isoMoment(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  // A date alone stays a day: its time of day is not known.
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return Number.isNaN(Date.parse(trimmed)) ? undefined : trimmed;
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function readPageMetadata(document: DomDocument, pageUrl: string): PageMetadata {
  const meta = (key: string): string | undefined => {
    const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
    const content = element?.getAttribute('content');
    return content ? plainText(content) || undefined : undefined;
  };
  const metaAll = (key: string): string[] =>
    [...document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)]
      .map((element) => plainText(element.getAttribute('content') ?? ''))
      .filter(Boolean);
  const node = jsonLdArticle(document);
  const siteName = meta('og:site_name');
  const title = plainText(document.querySelector('title')?.textContent ?? '') || undefined;

  const keywords = [
    ...jsonList(node?.keywords),
    ...jsonList(node?.articleSection),
    ...metaAll('article:tag'),
    ...metaAll('article:section'),
    ...metaAll('keywords').flatMap((value) => value.split(',')),
    ...metaAll('news_keywords').flatMap((value) => value.split(',')),
  ]
    .map((keyword) => keyword.trim())
    .filter(Boolean);

  return {
    headline:
      jsonText(node?.headline) ??
      meta('og:title') ??
      meta('twitter:title') ??
      withoutSiteName(title, siteName),
    canonicalUrl: absoluteHttpUrl(
      document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
      pageUrl,
    ),
    ogUrl: absoluteHttpUrl(
      document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
      pageUrl,
    ),
    publisher: jsonText(node?.publisher) ?? siteName,
    published: isoMoment(
      jsonText(node?.datePublished) ??
        meta('article:published_time') ??
        meta('datePublished') ??
        meta('date'),
    ),
    description: jsonText(node?.description) ?? meta('og:description') ?? meta('description'),
    // Each keyword once, as first written.
    keywords: keywords.filter(
      (keyword, index) =>
        keywords.findIndex((other) => other.toLowerCase() === keyword.toLowerCase()) === index,
    ),
    image: absoluteHttpUrl(
      jsonUrl(node?.image) ?? document.querySelector('meta[property="og:image"]')?.getAttribute('content'),
      pageUrl,
    ),
  };
}

/** `Bridge opens | Example News` → `Bridge opens` when the site's name is known. */
function withoutSiteName(title: string | undefined, siteName: string | undefined): string | undefined {
  if (!title || !siteName) return title;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' · ']) {
    const suffix = `${separator}${siteName}`;
    if (title.endsWith(suffix) && title.length > suffix.length) return title.slice(0, -suffix.length);
  }
  return title;
}
