// Parses HTML and XML with linkedom into the small typed DOM intake reads (linkedom's own types leave it untyped).
import { DOMParser, parseHTML } from 'linkedom';

export interface DomList<T> extends Iterable<T> {
  readonly length: number;
}

export interface DomElement {
  readonly tagName: string;
  readonly parentElement: DomElement | null;
  readonly children: DomList<DomElement>;
  textContent: string | null;
  innerHTML: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): DomList<DomElement>;
  getElementsByTagName(name: string): DomList<DomElement>;
  contains(other: DomElement): boolean;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): DomList<DomElement>;
  getElementsByTagName(name: string): DomList<DomElement>;
  createElement(tagName: string): DomElement;
}

/** An HTML page as a document; scripts are never run (linkedom has no script engine). */
export function parseHtmlDocument(html: string): DomDocument {
  return parseHTML(html).document as DomDocument;
}

/**
 * An XML document (a feed). htmlparser2 reads a DOCTYPE as an opaque declaration: entities it declares
 * are never expanded and external ones never fetched; only the five XML entities and character
 * references are decoded.
 */
export function parseXmlDocument(xml: string): DomDocument {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as DomDocument;
}
