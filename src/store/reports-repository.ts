// Readers' reports on questions: one record per article, changed under the store's lock.

import type { Mutation, ReportsPort } from '../core/ports.ts';
import { type PendingAsk, pendingAskSchema } from '../core/records/pending-ask.ts';
import type { Platform } from '../core/records/platform.ts';
import { type ArticleReports, articleReportsSchema } from '../core/records/report.ts';
import { askKey } from './pending-asks-repository.ts';
import { type Records, recordRef } from './store-contract.ts';

const key = (articleId: string) => `reports:${articleId}`;

export class ReportsRepository implements ReportsPort {
  constructor(private readonly records: Records) {}

  get(articleId: string): Promise<ArticleReports | undefined> {
    return this.records.read(key(articleId), articleReportsSchema);
  }

  update<R>(
    articleId: string,
    mutate: (current: ArticleReports | undefined) => Mutation<ArticleReports, R>,
  ): Promise<R> {
    return this.records.update(key(articleId), articleReportsSchema, mutate);
  }

  updateTakingAsk<R>(
    articleId: string,
    asker: { platform: Platform; userId: string },
    mutate: (
      current: ArticleReports | undefined,
      ask: PendingAsk | undefined,
    ) => { next?: ArticleReports; take: boolean; result: R },
  ): Promise<R> {
    return this.records.change(
      {
        reports: recordRef(key(articleId), articleReportsSchema),
        ask: recordRef(askKey(asker.platform, asker.userId), pendingAskSchema),
      },
      ({ reports, ask }) => {
        const outcome = mutate(reports, ask);
        return {
          next: {
            ...(outcome.next ? { reports: outcome.next } : {}),
            ...(outcome.take && ask ? { ask: null } : {}),
          },
          result: outcome.result,
        };
      },
    );
  }
}
