// Readers' reports on questions: one record per article, changed under the store's lock.

import type { Mutation, ReportsPort } from '../core/ports.ts';
import { type ArticleReports, articleReportsSchema } from '../core/records/report.ts';
import type { Records } from './store-contract.ts';

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
}
