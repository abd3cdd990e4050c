// Puts the intake pieces together for a content folder: what content:import, bench:intake and a feed
// poller share. The drafter is a parameter (the built-in one unless another is given).
import type { Article } from '../content/article-schema.ts';
import { builtInDrafter } from './built-in-drafter.ts';
import type { Drafter, LibraryView } from './draft.ts';
import { createDraftWriter } from './draft-writer.ts';
import { buildGazetteer } from './gazetteer.ts';
import { createHostileFetcher, type HostileFetcher } from './hostile-fetch.ts';
import type { ImportContext, ImportEvent } from './import-stories.ts';
import { libraryKeys } from './imported-stories.ts';
import { createRobotsRules } from './robots-rules.ts';
import { userAgent } from './user-agent.ts';

export interface ImportSetup {
  contentDir: string;
  /** The library's articles as loaded (drafts excluded). */
  articles: readonly Article[];
  onEvent: (event: ImportEvent) => void;
  drafter?: Drafter;
  fetcher?: HostileFetcher;
}

/** The library as a drafter sees it: its articles, their tags by name, the topics it uses. */
export function libraryView(articles: readonly Article[]): LibraryView {
  return {
    articles,
    gazetteer: buildGazetteer(articles),
    topics: new Set(articles.flatMap((article) => article.topics)),
  };
}

/** An import context, and `close` to release its connections. */
export function createImportContext(setup: ImportSetup): {
  context: ImportContext;
  close: () => Promise<void>;
} {
  const fetcher = setup.fetcher ?? createHostileFetcher({ userAgent: userAgent() });
  const published = libraryKeys(setup.articles);
  return {
    context: {
      fetcher,
      robots: createRobotsRules(fetcher),
      drafter: setup.drafter ?? builtInDrafter,
      writer: createDraftWriter({
        contentDir: setup.contentDir,
        libraryIds: new Set(setup.articles.map((article) => article.id)),
        published,
      }),
      library: libraryView(setup.articles),
      published,
      onEvent: setup.onEvent,
    },
    close: () => fetcher.close(),
  };
}
