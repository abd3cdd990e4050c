// How a question's statistics, reports and flags read for its author (content:reports and the preview).
import { REPORT_REASONS } from '../records/report.ts';
import { REASON_LABELS } from './present-report.ts';
import {
  MISSED_MIN_ANSWERS,
  MISSED_SHARE,
  percent,
  type QualityFlag,
  type QuestionQuality,
} from './question-quality.ts';

/** What each flag means, as the listing and README say it. */
export const FLAG_MEANINGS: Record<QualityFlag, string> = {
  'most-miss': `most people miss it: ${percent(MISSED_SHARE)} right or less over ${MISSED_MIN_ANSWERS} answers or more`,
  'wrong-beats-right': 'a wrong choice is picked more often than the right one',
};

/** `37 answered · 24% right · most picked wrong: "A court order" (51%)`, or that nobody answered. */
export function statsLine(quality: QuestionQuality): string {
  const { stats } = quality;
  const earlier = quality.earlierAnswers > 0 ? ` (and ${quality.earlierAnswers} to earlier versions)` : '';
  if (stats.answered === 0) return `no answers yet${earlier}`;
  const wrong = stats.topWrong
    ? `most picked wrong: “${stats.topWrong.text}” (${percent(stats.topWrong.share)})`
    : 'no wrong answers';
  return `${stats.answered} answered${earlier} · ${percent(stats.shareRight)} right · ${wrong}`;
}

/** `3 reports: Answer key is wrong 2, Unclear 1`, or none. */
export function reportsLine(quality: QuestionQuality): string {
  const { reports } = quality;
  const earlier = reports.earlier > 0 ? ` (and ${reports.earlier} on an earlier version)` : '';
  if (reports.total === 0) return `no reports${earlier}`;
  const reasons = REPORT_REASONS.filter((reason) => reports.byReason[reason] > 0)
    .map((reason) => `${REASON_LABELS[reason]} ${reports.byReason[reason]}`)
    .join(', ');
  return `${reports.total} report${reports.total === 1 ? '' : 's'}: ${reasons}${earlier}`;
}

/** One line per flag, with the figures behind it. */
export function flagLines(quality: QuestionQuality): string[] {
  const { stats } = quality;
  return quality.flags.map((flag) => {
    if (flag === 'most-miss') {
      return `⚑ ${FLAG_MEANINGS[flag]} (${percent(stats.shareRight)} right over ${stats.answered})`;
    }
    const wrong = stats.topWrong;
    return `⚑ ${FLAG_MEANINGS[flag]} (“${wrong?.text ?? ''}” ${wrong?.picks ?? 0} vs ${stats.right})`;
  });
}
