// A review as neutral messages: the answered card with what comes next, the end, and nothing due.
import type { Article } from '../../content/article-schema.ts';
import { encodeAction } from '../action-payload.ts';
import { articleRef } from '../article-catalog.ts';
import { formatDueIn } from '../calendar.ts';
import { type Block, type Button, message, type NeutralMessage } from '../output.ts';
import { reportButton } from '../quality/present-report.ts';
import type { Round } from '../records/round.ts';
import { heading, markedChoices, questionAt } from './present-quiz.ts';

/** When the next review is due: now (cards left unanswered), later, or never (no cards at all). */
export type NextReview = { kind: 'now'; count: number } | { kind: 'at'; at: number } | { kind: 'none' };

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `labelled`: shown after a "Next review" label, so it does not say it again. */
function nextLine(next: NextReview, now: number, labelled = false): string {
  if (next.kind === 'now') {
    return `${next.count} card${next.count === 1 ? ' is' : 's are'} still due: send /review to go on.`;
  }
  if (next.kind === 'at') {
    const due = formatDueIn(next.at, now);
    return labelled ? `${capitalise(due)}.` : `Next review ${due}.`;
  }
  return 'No cards left to review. Questions you miss in quizzes come back here.';
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
    { kind: 'footer', text: `Right so far: ${score.right} of ${score.answered}` },
  ];
  const buttons: Button[][] =
    left > 0
      ? [
          [
            {
              kind: 'action',
              label: `Next review ▶ (${left} left)`,
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
    { kind: 'title', text: 'Review complete' },
    {
      kind: 'fields',
      fields: [
        { label: 'Right', value: `${end.right} of ${end.answered}` },
        { label: 'Next review', value: nextLine(end.next, end.now, true) },
      ],
    },
  ];
  if (end.article) blocks.push({ kind: 'text', text: `Next article: ${end.article.title}` });
  return message(blocks, end.article ? [articleButtons(end.article)] : []);
}

/** /review with nothing due: when the next card comes due, and an article to read meanwhile. */
export function nothingDueMessage(
  next: Exclude<NextReview, { kind: 'now' }>,
  article: Article | undefined,
  now: number,
): NeutralMessage {
  const blocks: Block[] = [
    { kind: 'title', text: 'Nothing to review now' },
    { kind: 'text', text: nextLine(next, now) },
  ];
  if (article) blocks.push({ kind: 'text', text: `Meanwhile, the next article: ${article.title}` });
  return message(blocks, article ? [articleButtons(article)] : []);
}

function articleButtons(article: Article): Button[] {
  const ref = articleRef(article.id);
  return [
    {
      kind: 'action',
      label: 'Read the next article',
      style: 'primary',
      payload: encodeAction({ type: 'read', article: ref, step: 0 }),
    },
    {
      kind: 'action',
      label: 'Quiz on it',
      payload: encodeAction({ type: 'quiz', article: ref, mode: 'solo' }),
    },
  ];
}
