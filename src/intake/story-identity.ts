// A story's identity, so it is imported once across pages and feeds: its canonical address (rel=canonical,
// else og:url, else the address it was fetched from, query kept) and, for a feed item, its id in the feed.
// Never its title.
import type { ExtractedArticle } from './extract-article.ts';

/** Query parameters that only say where a reader came from; the same story carries many of them. */
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/i;

/** `url:host/path?query`: scheme, fragment, default port and tracking parameters do not make another story. */
export function urlKey(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
  const port = url.port && url.port !== (url.protocol === 'https:' ? '443' : '80') ? `:${url.port}` : '';
  return `url:${url.hostname.toLowerCase()}${port}${url.pathname}${url.search}`;
}

/** `item:host#id`: an item's id, scoped to the site whose feed lists it (ids are often plain numbers). */
export function feedItemKey(feedUrl: string, id: string): string {
  return `item:${new URL(feedUrl).hostname.toLowerCase()}#${encodeURIComponent(id)}`;
}

/** The page's canonical address: `<link rel=canonical>`, else `og:url`, else where it was fetched from. */
export function storyUrl(page: ExtractedArticle): string {
  return page.metadata.canonicalUrl ?? page.metadata.ogUrl ?? page.url;
}

/** Every key the story is known by: its canonical address and, from a feed, its item id. */
export function storyKeys(
  page: ExtractedArticle,
  item?: { feedUrl: string; id: string | undefined },
): string[] {
  const keys = [urlKey(storyUrl(page))];
  if (item?.id) keys.push(feedItemKey(item.feedUrl, item.id));
  return keys.filter((key): key is string => key !== undefined);
}
