// Decides whether a fetched answer is an HTML page or a feed (RSS, Atom, JSON Feed), by its type and first bytes.
import { decodeBody } from './decode-body.ts';
import type { Fetched } from './hostile-fetch.ts';

export type Resource =
  | { kind: 'page'; url: string; html: string }
  | { kind: 'feed'; url: string; format: 'xml' | 'json'; text: string }
  | { kind: 'refused'; reason: string };

const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const XML_FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
]);
const JSON_FEED_TYPES = new Set(['application/feed+json', 'application/json']);
/** Types servers send when they do not know better: the first bytes decide. */
const SNIFFED_TYPES = new Set(['', 'text/plain', 'application/octet-stream']);

/** What the start of a body looks like, for an answer whose type says nothing. */
function sniff(text: string): 'page' | 'xml' | 'json' | undefined {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<!doctype html|^<html[\s>]/i.test(head)) return 'page';
  if (/<(rss|feed|rdf:RDF)[\s>]/.test(head)) return 'xml';
  if (head.startsWith('{') && /"version"\s*:\s*"https?:\/\/jsonfeed\.org\//.test(head)) return 'json';
  return undefined;
}

export const ACCEPT_SOURCE =
  'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';

export function classifyResource(answer: Fetched): Resource {
  const { mediaType } = answer;
  const text = () => decodeBody(answer.body, answer.charset);
  if (PAGE_TYPES.has(mediaType)) return { kind: 'page', url: answer.url, html: text() };
  if (XML_FEED_TYPES.has(mediaType)) return { kind: 'feed', url: answer.url, format: 'xml', text: text() };
  if (JSON_FEED_TYPES.has(mediaType)) return { kind: 'feed', url: answer.url, format: 'json', text: text() };
  if (SNIFFED_TYPES.has(mediaType)) {
    const body = text();
    const kind = sniff(body);
    if (kind === 'page') return { kind: 'page', url: answer.url, html: body };
    if (kind) return { kind: 'feed', url: answer.url, format: kind, text: body };
  }
  return {
    kind: 'refused',
    reason: `is ${mediaType === '' ? 'of no stated type' : mediaType}, not an HTML page or a feed (RSS, Atom or JSON Feed)`,
  };
}
