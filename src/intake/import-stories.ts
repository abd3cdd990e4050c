// The intake pipeline: each address is a page or a feed; each story becomes one draft, once. Every step
// that can fail says so as an event naming the address and the reason; nothing throws for bad input.
import { hostKey } from './address-policy.ts';
import { checkDraft, type DraftCheck } from './check-draft.ts';
import { ACCEPT_SOURCE, classifyResource } from './classify-resource.ts';
import type { Drafter, LibraryView } from './draft.ts';
import type { DraftWriter } from './draft-writer.ts';
import { extractArticle } from './extract-article.ts';
import type { HostileFetcher } from './hostile-fetch.ts';
import { readImportedStories } from './imported-stories.ts';
import { ITEM_CONCURRENCY } from './intake-limits.ts';
import { type FeedItem, parseFeed } from './parse-feed.ts';
import { renderDraft } from './render-draft.ts';
import type { RobotsRules } from './robots-rules.ts';
import { feedItemKey, storyKeys, storyUrl } from './story-identity.ts';

export type ImportEvent =
  | {
      kind: 'drafted';
      url: string;
      feed: string | undefined;
      id: string;
      path: string;
      check: DraftCheck;
      focus: number;
      tags: number;
      /** What the drafter said about it (a model's outcome), if anything. */
      note: string | undefined;
    }
  | { kind: 'already'; url: string; feed: string | undefined; id: string; where: 'draft' | 'library' }
  | { kind: 'failed'; url: string; feed: string | undefined; reason: string }
  | { kind: 'feed'; url: string; title: string | undefined; items: number; leftOut: number }
  | { kind: 'note'; url: string; message: string };

export interface ImportContext {
  fetcher: HostileFetcher;
  robots: RobotsRules;
  drafter: Drafter;
  writer: DraftWriter;
  library: LibraryView;
  /** Published articles by story key. */
  published: ReadonlyMap<string, string>;
  now?: () => Date;
  onEvent: (event: ImportEvent) => void;
}

export interface ImportSummary {
  drafted: number;
  already: number;
  failed: number;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function importStories(urls: readonly string[], context: ImportContext): Promise<ImportSummary> {
  const summary: ImportSummary = { drafted: 0, already: 0, failed: 0 };
  const now = context.now ?? (() => new Date());
  const emit = (event: ImportEvent) => {
    if (event.kind === 'drafted') summary.drafted += 1;
    if (event.kind === 'already') summary.already += 1;
    if (event.kind === 'failed') summary.failed += 1;
    context.onEvent(event);
  };

  /** A fetched page → a draft, unless its story is in already. */
  const importPage = async (
    html: string,
    url: string,
    feed?: { url: string; title: string | undefined; item: FeedItem },
  ) => {
    const extraction = extractArticle(html, url);
    if (!extraction.ok) return emit({ kind: 'failed', url, feed: feed?.url, reason: extraction.reason });
    const page = extraction.article;
    const keys = storyKeys(page, feed && { feedUrl: feed.url, id: feed.item.id });
    const imported = await readImportedStories(context.writer.draftsDir, context.published);
    const known = imported.find(keys);
    if (known) {
      await context.writer.remember(keys, known.id, url);
      return emit({ kind: 'already', url, feed: feed?.url, ...known });
    }
    const draft = await context.drafter.draft(
      { page, storyUrl: storyUrl(page), item: feed?.item, feedTitle: feed?.title },
      context.library,
    );
    const at = now();
    const result = await context.writer.write(draft, keys, url, (id) =>
      renderDraft({ ...draft, article: { ...draft.article, id } }, { from: url, at, feed: feed?.url, keys }),
    );
    if (!result.written) return emit({ kind: 'already', url, feed: feed?.url, ...result.existing });
    const check = checkDraft(result.path, result.text, result.id, context.library.articles);
    emit({
      kind: 'drafted',
      url,
      feed: feed?.url,
      id: result.id,
      path: result.path,
      check,
      focus: draft.article.reading.length,
      tags: draft.article.reading.reduce((sum, sentence) => sum + sentence.entities.length, 0),
      note: draft.note,
    });
  };

  /** Fetches `url` after robots.txt allows it; the fetched answer, or undefined when it failed (said as an event). */
  const fetchAllowed = async (url: string, trustedHost: string, feed: string | undefined) => {
    const verdict = await context.robots.check(url, trustedHost);
    if (!verdict.allowed) {
      emit({ kind: 'failed', url, feed, reason: verdict.reason });
      return undefined;
    }
    const answer = await context.fetcher.fetch(url, { trustedHost, accept: ACCEPT_SOURCE });
    if (!answer.ok) {
      emit({ kind: 'failed', url, feed, reason: answer.reason });
      return undefined;
    }
    const resource = classifyResource(answer);
    if (resource.kind === 'refused') {
      emit({ kind: 'failed', url, feed, reason: resource.reason });
      return undefined;
    }
    return resource;
  };

  for (const url of urls) {
    let trustedHost: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
      trustedHost = hostKey(parsed);
    } catch {
      emit({
        kind: 'failed',
        url,
        feed: undefined,
        reason: 'is not an http(s) address; give a page or feed such as https://example.org/news/story',
      });
      continue;
    }
    const resource = await fetchAllowed(url, trustedHost, undefined);
    if (!resource) continue;
    if (resource.kind === 'page') {
      await importPage(resource.html, resource.url);
      continue;
    }
    const parsed = parseFeed(resource.text, resource.format, resource.url);
    if (!parsed.ok) {
      emit({ kind: 'failed', url, feed: undefined, reason: parsed.reason });
      continue;
    }
    const { feed } = parsed;
    emit({ kind: 'feed', url, title: feed.title, items: feed.items.length, leftOut: feed.leftOut });
    // Links in a feed may go to public addresses and to the feed's own host (which the operator typed).
    const feedHost = hostKey(new URL(resource.url));
    const imported = await readImportedStories(context.writer.draftsDir, context.published);
    await eachLimited(feed.items, ITEM_CONCURRENCY, async (item) => {
      const itemKey = item.id ? feedItemKey(resource.url, item.id) : undefined;
      const known = itemKey ? imported.find([itemKey]) : undefined;
      if (known) return emit({ kind: 'already', url: item.link ?? item.id ?? url, feed: url, ...known });
      if (!item.link) {
        return emit({
          kind: 'note',
          url,
          message: `item ${item.id ? `"${item.id}"` : 'without an id'} has no link to a page; skipped`,
        });
      }
      const page = await fetchAllowed(item.link, feedHost, url);
      if (!page) return;
      if (page.kind !== 'page')
        return emit({ kind: 'failed', url: item.link, feed: url, reason: 'is a feed, not an article page' });
      await importPage(page.html, page.url, { url: resource.url, title: feed.title, item });
    });
  }
  return summary;
}
