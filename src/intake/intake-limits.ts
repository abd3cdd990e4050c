// The limits every intake fetch and parse runs under: pages and feeds are hostile input.

/** One fetch (redirects, headers and body together) must finish within this. */
export const FETCH_DEADLINE_MS = 15_000;
/** A page or feed larger than this after decompression is refused. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Redirects followed for one fetch; one more is refused. */
export const MAX_REDIRECTS = 5;
/** robots.txt must answer within this; with a page's deadline, a refused URL still ends within 20 s. */
export const ROBOTS_DEADLINE_MS = 4_000;
/** robots.txt is read up to this size (RFC 9309 asks crawlers to parse at least 500 KiB). */
export const MAX_ROBOTS_BYTES = 500 * 1024;
/** A page with more elements than this is refused before Readability walks it. */
export const MAX_PAGE_ELEMENTS = 40_000;
/** Items taken from one feed, newest first as feeds list them; the rest are left for a later run. */
export const MAX_FEED_ITEMS = 100;
/** Links fetched at the same time while importing a feed's items. */
export const ITEM_CONCURRENCY = 4;
/** The longest field value kept from metadata (titles, descriptions, names) before it is judged. */
export const MAX_FIELD_CHARACTERS = 2_000;
