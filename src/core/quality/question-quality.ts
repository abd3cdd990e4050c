// How each question of an article performs: answer statistics, readers' reports and the flags an author
// should look at. Pure: built from the counters and reports the store keeps.
import type { Article, Question } from '../../content/article-schema.ts';
import type { QuestionStatsPort, ReportsPort } from '../ports.ts';
import type { ChoicePicks } from '../records/question-picks.ts';
import { type ArticleReports, REPORT_REASONS, type ReportReason } from '../records/report.ts';
import { questionKey } from '../review/question-key.ts';
import { promptKeyOf, questionVersion } from './question-version.ts';

/** "Most people miss it": at most this share right... */
export const MISSED_SHARE = 0.3;
/** ...over at least this many answers. */
export const MISSED_MIN_ANSWERS = 20;

export interface ChoiceStat {
  /** Index of the choice in the article. */
  choice: number;
  text: string;
  correct: boolean;
  picks: number;
  /** picks / answered (0 when nobody answered). */
  share: number;
}

export interface QuestionStats {
  answered: number;
  right: number;
  shareRight: number;
  /** Every choice in the article's order. */
  choices: ChoiceStat[];
  /** The wrong choice picked most (the earliest in the article on a tie), if anyone picked a wrong one. */
  topWrong?: ChoiceStat;
}

export type QualityFlag =
  /** At most 30% right over at least 20 answers. */
  | 'most-miss'
  /** A wrong choice was picked more often than the right one. */
  | 'wrong-beats-right';

export interface QuestionQuality {
  /** Index of the question in the article. */
  index: number;
  prompt: string;
  generated: boolean;
  /** 1-based line in the article's file (a written question's heading, a generated one's sentence). */
  line?: number;
  /** Statistics of the question as it is now (answers to earlier versions are not mixed in). */
  stats: QuestionStats;
  /** Answers given to earlier versions of the question (before an edit of its choices or answer key). */
  earlierAnswers: number;
  reports: {
    /** Reports on the question as it is now, by reason. */
    byReason: Record<ReportReason, number>;
    total: number;
    /** Notes given with "Something else", newest first. */
    notes: string[];
    /** Reports made before the question's choices were last edited. */
    earlier: number;
  };
  flags: QualityFlag[];
}

/** `0.237` → `24%`. */
export const percent = (share: number) => `${Math.round(share * 100)}%`;

export function questionStats(question: Question, picks: ReadonlyMap<number, number>): QuestionStats {
  const answered = [...picks.values()].reduce((sum, count) => sum + count, 0);
  const share = (count: number) => (answered === 0 ? 0 : count / answered);
  const choices = question.choices.map((choice, index): ChoiceStat => {
    const count = picks.get(index) ?? 0;
    return { choice: index, text: choice.text, correct: choice.correct, picks: count, share: share(count) };
  });
  const right = choices.find((choice) => choice.correct)?.picks ?? 0;
  const wrong = choices.filter((choice) => !choice.correct && choice.picks > 0);
  const topWrong = wrong.reduce<ChoiceStat | undefined>(
    (best, choice) => (best === undefined || choice.picks > best.picks ? choice : best),
    undefined,
  );
  return {
    answered,
    right,
    shareRight: share(right),
    choices,
    ...(topWrong === undefined ? {} : { topWrong }),
  };
}

export function qualityFlags(stats: QuestionStats): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (stats.answered >= MISSED_MIN_ANSWERS && stats.shareRight <= MISSED_SHARE) flags.push('most-miss');
  if (stats.topWrong && stats.topWrong.picks > stats.right) flags.push('wrong-beats-right');
  return flags;
}

/** Every question of the article with its statistics, reports and flags, in the article's order. */
export function articleQuality(
  article: Article,
  picks: readonly ChoicePicks[],
  reports: ArticleReports | undefined,
  lines: readonly (number | undefined)[] = [],
): QuestionQuality[] {
  const byVersion = new Map<string, Map<number, number>>();
  for (const entry of picks) {
    const choices = byVersion.get(entry.version) ?? new Map<number, number>();
    choices.set(entry.choice, (choices.get(entry.choice) ?? 0) + entry.picks);
    byVersion.set(entry.version, choices);
  }
  const total = (choices: ReadonlyMap<number, number>) => [...choices.values()].reduce((a, b) => a + b, 0);
  const allAnswers = new Map([...byVersion].map(([version, choices]) => [version, total(choices)]));
  return article.questions.map((question, index): QuestionQuality => {
    const version = questionVersion(question);
    const stats = questionStats(question, byVersion.get(version) ?? new Map());
    const line = lines[index];
    return {
      index,
      prompt: question.prompt,
      generated: question.generated === true,
      ...(line === undefined ? {} : { line }),
      stats,
      earlierAnswers: earlierAnswers(version, allAnswers),
      reports: questionReports(reports?.questions[questionKey(question.prompt)] ?? {}, version),
      flags: qualityFlags(stats),
    };
  });
}

/** Answers to earlier versions of the question: versions of the same prompt other than the current one. */
function earlierAnswers(version: string, allAnswers: ReadonlyMap<string, number>): number {
  const prompt = promptKeyOf(version);
  let count = 0;
  for (const [other, answers] of allAnswers) {
    if (other !== version && promptKeyOf(other) === prompt) count += answers;
  }
  return count;
}

function questionReports(
  entries: Readonly<
    Record<string, { reason: ReportReason; note?: string | undefined; version: string; at: number }>
  >,
  version: string,
): QuestionQuality['reports'] {
  const byReason = Object.fromEntries(REPORT_REASONS.map((reason) => [reason, 0])) as Record<
    ReportReason,
    number
  >;
  const current = Object.values(entries).filter((entry) => entry.version === version);
  for (const entry of current) byReason[entry.reason] += 1;
  return {
    byReason,
    total: current.length,
    notes: current
      .filter((entry) => entry.note !== undefined)
      .sort((a, b) => b.at - a.at)
      .map((entry) => entry.note ?? ''),
    earlier: Object.keys(entries).length - current.length,
  };
}

/** Reads an article's counters and reports from the store: two lookups, whatever the number of answers. */
export async function readArticleQuality(
  ports: { questionStats: QuestionStatsPort; reports: ReportsPort },
  article: Article,
  lines: readonly (number | undefined)[] = [],
): Promise<QuestionQuality[]> {
  const [picks, reports] = await Promise.all([
    ports.questionStats.questionPicks(article.id),
    ports.reports.get(article.id),
  ]);
  return articleQuality(article, picks, reports, lines);
}
