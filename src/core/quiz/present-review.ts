// A review as neutral messages: the answered card with what comes next, the end, and nothing due.

import type { Article } from '../../content/article-schema.ts';
import { t } from '../../i18n/current-locale.ts';
import { encodeAction } from '../action-payload.ts';
import { articleRef } from '../article-catalog.ts';
import { formatDueIn } from '../calendar.ts';
import { type Block, type Button, message, type NeutralMessage } from '../output.ts';
import { reportButton } from '../quality/present-report.ts';
import type { Round } from '../records/round.ts';
import { heading, markedChoices, questionAt } from './present-quiz.ts';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** When the next review is due: now (cards left unanswered), later, or never (no cards at all). */
export type NextReview = { kind: 'now'; count: number } | { kind: 'at'; at: number } | { kind: 'none' };

/** `labelled`: shown after a "Next review" label, so it does not say it again. */
function nextLine(next: NextReview, now: number, labelled = false): string {
  if (next.kind === 'now') {
    return t('review-still-due', { count: next.count });
  }
  if (next.kind === 'at') {
    const due = formatDueIn(next.at, now);
    return labelled ? t('review-due-labelled', { due: capitalise(due) }) : t('review-due', { due });
  }
  return t('review-none-left');
}

/** The answered card with the right answer marked, the explanation, and the way on. */
export function reviewFeedbackMessage(
  round: Round,
  article: Article,
  picked: number,
  score: { right: number; answered: number },
  left: number,
): NeutralMessage {
  const { question } = questionAt(round, article, 0);
  const blocks: Block[] = [
    heading(round, article, 0),
    { kind: 'text', text: question.prompt },
    markedChoices(round, article, 0, picked),
    { kind: 'quote', text: question.explanation },
    { kind: 'footer', text: t('review-right-so-far', { right: score.right, answered: score.answered }) },
  ];
  const buttons: Button[][] =
    left > 0
      ? [
          [
            {
              kind: 'action',
              label: t('review-next-button', { left }),
              style: 'primary',
              advance: true,
              payload: encodeAction({ type: 'next', round: round.id, question: 0 }),
            },
          ],
        ]
      : [];
  return message(blocks, [...buttons, [reportButton(round.id, 0)]]);
}

export interface ReviewEnd {
  right: number;
  answered: number;
  next: NextReview;
  /** The newest article the user has not read yet, offered to go on with. */
  article: Article | undefined;
  now: number;
}

/** The end of a review: the score, when the next review is due, and the next article to read. */
export function reviewDoneMessage(end: ReviewEnd): NeutralMessage {
  const blocks: Block[] = [
    { kind: 'title', text: t('review-complete') },
    {
      kind: 'fields',
      fields: [
        { label: t('review-right'), value: t('quiz-score-value', { score: end.right, total: end.answered }) },
        { label: t('review-next'), value: nextLine(end.next, end.now, true) },
      ],
    },
  ];
  if (end.article)
    blocks.push({ kind: 'text', text: t('review-next-article', { title: end.article.title }) });
  return message(blocks, end.article ? [articleButtons(end.article)] : []);
}

/** /review with nothing due: when the next card comes due, and an article to read meanwhile. */
export function nothingDueMessage(
  next: Exclude<NextReview, { kind: 'now' }>,
  article: Article | undefined,
  now: number,
): NeutralMessage {
  const blocks: Block[] = [
    { kind: 'title', text: t('review-nothing-due') },
    { kind: 'text', text: nextLine(next, now) },
  ];
  if (article) blocks.push({ kind: 'text', text: t('review-meanwhile', { title: article.title }) });
  return message(blocks, article ? [articleButtons(article)] : []);
}

function articleButtons(article: Article): Button[] {
  const ref = articleRef(article.id);
  return [
    {
      kind: 'action',
      label: t('review-read-next'),
      style: 'primary',
      payload: encodeAction({ type: 'read', article: ref, step: 0 }),
    },
    {
      kind: 'action',
      label: t('review-quiz-on-it'),
      payload: encodeAction({ type: 'quiz', article: ref, mode: 'solo' }),
    },
  ];
}
