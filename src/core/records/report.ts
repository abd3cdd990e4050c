// A reader's report of a question: why it is bad, kept per article, one per person and question.
import { z } from 'zod';

/** Why a question is bad, as a reader picks it. */
export const REPORT_REASONS = ['wrong-key', 'unclear', 'outdated', 'other'] as const;
export const reportReasonSchema = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof reportReasonSchema>;

/** A note typed with "Something else": one short paragraph. */
export const MAX_REPORT_NOTE = 300;

export const questionReportSchema = z.object({
  reason: reportReasonSchema,
  note: z.string().max(MAX_REPORT_NOTE).optional(),
  /** The question's version when it was reported (see question-version.ts): an edit since makes it an earlier version's report. */
  version: z.string(),
  at: z.number(),
});
export type QuestionReport = z.infer<typeof questionReportSchema>;

/**
 * All reports on one article's questions: question key (of its prompt, see question-key.ts) →
 * reporter (the person's first account, `platform:userId`) → their one report.
 */
export const articleReportsSchema = z.object({
  v: z.literal(1),
  questions: z.record(z.string(), z.record(z.string(), questionReportSchema)),
});
export type ArticleReports = z.infer<typeof articleReportsSchema>;
