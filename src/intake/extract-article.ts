// An article page → its metadata and the paragraphs of its story (Readability over linkedom, furniture removed first).
import { Readability } from '@mozilla/readability';
import { graphemePrefix } from '../core/clip-text.ts';
import { MAX_PAGE_ELEMENTS } from './intake-limits.ts';
import { type PageMetadata, readPageMetadata } from './page-metadata.ts';
import { type DomElement, parseHtmlDocument } from './parsed-dom.ts';
import { plainText, tidyText } from './plain-text.ts';
import { stripBoilerplate } from './strip-boilerplate.ts';

export interface ExtractedArticle {
  /** The URL the page was fetched from, after redirects. */
  url: string;
  metadata: PageMetadata;
  /** The headline: metadata first, else what Readability found. */
  title: string | undefined;
  /** The story's paragraphs as plain text, in reading order. */
  paragraphs: string[];
}

export type Extraction = { ok: true; article: ExtractedArticle } | { ok: false; reason: string };

/** Paragraph-like blocks of the story; captions, tables and code are not prose to quote. */
const PARAGRAPHS = 'p, li';
const NOT_PROSE = 'figure, figcaption, table, pre, code';
/** Paragraph texts longer than this are cut (a page without <p> may be one block). */
const MAX_PARAGRAPH_CHARACTERS = 20_000;

function insideNotProse(element: DomElement, root: DomElement): boolean {
  for (let parent = element.parentElement; parent && parent !== root; parent = parent.parentElement) {
    if (parent.tagName.toLowerCase().match(/^(figure|figcaption|table|pre|code)$/)) return true;
  }
  return false;
}

function storyParagraphs(root: DomElement): string[] {
  const blocks = [...root.querySelectorAll(PARAGRAPHS)].filter(
    // A list item holding paragraphs is read through them.
    (element) =>
      !insideNotProse(element, root) &&
      element.querySelector('p') === null &&
      !element.querySelector(NOT_PROSE),
  );
  const texts = blocks.map((element) =>
    graphemePrefix(tidyText(element.textContent ?? ''), MAX_PARAGRAPH_CHARACTERS),
  );
  if (texts.some(Boolean)) return texts.filter(Boolean);
  return (root.textContent ?? '')
    .split(/\n\s*\n/)
    .map((text) => graphemePrefix(tidyText(text), MAX_PARAGRAPH_CHARACTERS))
    .filter(Boolean);
}

export function extractArticle(html: string, url: string): Extraction {
  const document = parseHtmlDocument(html);
  const elements = document.querySelectorAll('*').length;
  if (elements > MAX_PAGE_ELEMENTS) {
    return {
      ok: false,
      reason: `has ${elements.toLocaleString('en-US')} elements; a page may have at most ${MAX_PAGE_ELEMENTS.toLocaleString('en-US')}`,
    };
  }
  const metadata = readPageMetadata(document, url);
  stripBoilerplate(document);
  const parsed = new Readability<DomElement>(document, {
    serializer: (node) => node as DomElement,
    disableJSONLD: true,
  }).parse();
  const paragraphs = parsed?.content ? storyParagraphs(parsed.content) : [];
  if (paragraphs.length === 0) return { ok: false, reason: 'has no article text that could be found' };
  return {
    ok: true,
    article: {
      url,
      metadata,
      title: metadata.headline ?? (plainText(parsed?.title ?? '') || undefined),
      paragraphs,
    },
  };
}
