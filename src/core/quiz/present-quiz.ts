// Quiz rounds as neutral messages: questions, feedback, question close, and the round summary.

import type { Article } from '../../content/article-schema.ts';
import { t } from '../../i18n/current-locale.ts';
import { encodeAction } from '../action-payload.ts';
import { articleRef } from '../article-catalog.ts';
import { formatDuration } from '../calendar.ts';
import { type Block, type Button, message, type NeutralMessage } from '../output.ts';
import { postKinds } from '../post-kinds/index.ts';
import { reportButton } from '../quality/present-report.ts';
import type { AnswerRecord } from '../records/answer.ts';
import type { Round } from '../records/round.ts';
import { choiceOrder, isLastQuestion, standings } from './round-rules.ts';

/** Recorded answers per position of a round, up to the question being shown. */
export type AnswerSets = readonly (readonly AnswerRecord[])[];

const LETTERS = ['A', 'B', 'C', 'D', 'E'];
/** `From the text · ` before a footer of a generated question, so players know it is a cloze of the text. */
const markGenerated = (question: Article['questions'][number], footer: string) =>
  question.generated ? t('quiz-generated', { footer }) : footer;
const MAX_NAMES = 10;
const MAX_STANDINGS = 5;

export function questionAt(round: Round, article: Article, position: number) {
  const index = round.questions[position] ?? 0;
  const question = article.questions[index];
  if (!question) throw new Error(`round ${round.id} points at missing question ${index} of ${article.id}`);
  return { question, order: choiceOrder(round, position, question.choices.length) };
}

export function heading(round: Round, article: Article, position: number, suffix = ''): Block {
  if (round.review) {
    const asked = round.review.served.length + 1;
    return {
      kind: 'title',
      text: t('quiz-review-heading', {
        asked,
        total: asked + round.review.left,
        suffix,
        title: article.title,
      }),
    };
  }
  // A scheduled round says what it is on every question: a chat that did not ask for it sees why it came.
  const occasion = round.occasion ? t('quiz-occasion', { kind: postKinds.titleOf(round.occasion) }) : '';
  return {
    kind: 'title',
    text: t('quiz-heading', {
      occasion,
      position: position + 1,
      total: round.questions.length,
      suffix,
      title: article.title,
    }),
  };
}

/** A question with one button per (shuffled) choice. */
export function questionMessage(
  round: Round,
  article: Article,
  position: number,
  answeredCount = 0,
): NeutralMessage {
  const { question, order } = questionAt(round, article, position);
  const buttons: Button[][] = order.map((choiceIndex, shown) => [
    {
      kind: 'action',
      label: question.choices[choiceIndex]?.text ?? '',
      payload: encodeAction({ type: 'answer', round: round.id, question: position, choice: shown }),
    },
  ]);
  const footer =
    round.mode === 'group'
      ? t('quiz-footer-group', { seconds: round.questionSeconds, count: answeredCount })
      : round.mode === 'review'
        ? t('quiz-footer-review')
        : t('quiz-footer-solo');
  return message(
    [
      heading(round, article, position),
      ...(position === 0 && round.note ? [{ kind: 'quote' as const, text: round.note }] : []),
      { kind: 'text', text: question.prompt },
      { kind: 'footer', text: markGenerated(question, footer) },
    ],
    buttons,
  );
}

/** A copy of a question that is not the live one: its prompt, no buttons, and where to answer. */
export function movedQuestionMessage(round: Round, article: Article, position: number): NeutralMessage {
  const { question } = questionAt(round, article, position);
  return message([
    heading(round, article, position),
    { kind: 'text', text: question.prompt },
    { kind: 'footer', text: t('quiz-moved-copy') },
  ]);
}

export function markedChoices(round: Round, article: Article, position: number, picked?: number): Block {
  const { question, order } = questionAt(round, article, position);
  return {
    kind: 'list',
    items: order.map((choiceIndex, shown) => {
      const choice = question.choices[choiceIndex];
      const mark = choice?.correct ? '✅' : choiceIndex === picked ? '❌' : '▫️';
      return `${mark} ${LETTERS[shown]}. ${choice?.text ?? ''}`;
    }),
  };
}

/** Solo: the answered question with the right answer marked, the explanation, and what comes next. */
export function soloFeedbackMessage(
  round: Round,
  article: Article,
  position: number,
  picked: number,
  sets: AnswerSets,
): NeutralMessage {
  const { question } = questionAt(round, article, position);
  const player = standings(round, sets)[0];
  const blocks: Block[] = [
    heading(round, article, position),
    { kind: 'text', text: question.prompt },
    markedChoices(round, article, position, picked),
    { kind: 'quote', text: question.explanation },
    {
      kind: 'footer',
      text: markGenerated(
        question,
        t('quiz-score-footer', { score: player?.score ?? 0, answered: player?.answered ?? 0 }),
      ),
    },
  ];
  const buttons: Button[][] = isLastQuestion(round)
    ? []
    : [
        [
          {
            kind: 'action',
            label: t('quiz-next-question'),
            style: 'primary',
            advance: true,
            payload: encodeAction({ type: 'next', round: round.id, question: position }),
          },
          { kind: 'action', label: t('quiz-stop'), payload: encodeAction({ type: 'stop', round: round.id }) },
        ],
      ];
  return message(blocks, [...buttons, [reportButton(round.id, position)]]);
}

/** Group: the closed question with the answer, who got it, and the standings so far. */
export function groupCloseMessage(
  round: Round,
  article: Article,
  position: number,
  sets: AnswerSets,
): NeutralMessage {
  const { question } = questionAt(round, article, position);
  const answers = sets[position] ?? [];
  const right = answers.filter((answer) => answer.correct).sort((a, b) => a.at - b.at);
  const names = right.slice(0, MAX_NAMES).map((answer) => answer.name);
  const shown = names.join(t('list-comma'));
  const who =
    right.length > MAX_NAMES
      ? t('quiz-names-and-more', { names: shown, count: right.length - MAX_NAMES })
      : shown;
  const correct = question.choices.find((choice) => choice.correct)?.text ?? '';
  return message(
    [
      heading(round, article, position, t('quiz-closed-suffix')),
      { kind: 'text', text: question.prompt },
      markedChoices(round, article, position),
      {
        kind: 'fields',
        fields: [
          { label: t('quiz-answer'), value: correct },
          {
            label: t('quiz-got-it', { right: right.length, total: answers.length }),
            value: names.length > 0 ? who : t('quiz-nobody'),
          },
        ],
      },
      { kind: 'quote', text: question.explanation },
      standingsBlock(round, sets),
    ],
    // Whoever answered may report it, now that the answer key shows (privately, see handle-action.ts).
    [[reportButton(round.id, position)]],
  );
}

function standingsBlock(round: Round, sets: AnswerSets): Block {
  const table = standings(round, sets).slice(0, MAX_STANDINGS);
  return {
    kind: 'table',
    columns: ['#', t('board-player'), t('quiz-score')],
    rows:
      table.length > 0
        ? table.map((entry, index) => [String(index + 1), entry.name, String(entry.score)])
        : [['–', t('progress-no-answers'), '0']],
  };
}

/**
 * End of a round: score, accuracy and time (solo), or the final standings (group). `note` says why a round
 * ended before its last question (stopped, nobody answering).
 */
export function summaryMessage(
  round: Round,
  article: Article,
  sets: AnswerSets,
  note?: string,
): NeutralMessage {
  const ref = articleRef(article.id);
  const duration = formatDuration((round.endedAt ?? round.startedAt) - round.startedAt);
  const blocks: Block[] = [
    {
      kind: 'title',
      text: t(note ? 'quiz-summary-stopped' : 'quiz-summary-complete', {
        kind: round.occasion ? postKinds.titleOf(round.occasion) : t('quiz-kind'),
        title: article.title,
      }),
    },
    ...(note ? [{ kind: 'text' as const, text: note }] : []),
  ];
  if (round.mode === 'solo') {
    const player = standings(round, sets)[0];
    const answered = player?.answered ?? 0;
    const score = player?.score ?? 0;
    blocks.push({
      kind: 'fields',
      fields: [
        // A stopped quiz counts the questions asked, not the ones it never reached.
        {
          label: t('quiz-score'),
          value: t('quiz-score-value', { score, total: note ? answered : round.questions.length }),
        },
        {
          label: t('progress-accuracy'),
          value: t('percent', { value: answered === 0 ? 0 : Math.round((score / answered) * 100) }),
        },
        { label: t('quiz-time'), value: duration },
      ],
    });
  } else {
    const all = sets.flat();
    const correct = all.filter((answer) => answer.correct).length;
    blocks.push(
      {
        kind: 'fields',
        fields: [
          { label: t('quiz-players'), value: String(standings(round, sets).length) },
          {
            label: t('progress-accuracy'),
            value: t('percent', { value: all.length === 0 ? 0 : Math.round((correct / all.length) * 100) }),
          },
          { label: t('quiz-time'), value: duration },
        ],
      },
      { kind: 'heading', text: t('quiz-final-standings') },
      standingsBlock(round, sets),
    );
  }
  const missed = round.mode === 'solo' ? sets.flat().filter((answer) => !answer.correct).length : 0;
  const review: Button[] =
    missed > 0
      ? [
          {
            kind: 'action',
            label: t('quiz-review-missed', { count: missed }),
            style: 'primary',
            payload: encodeAction({ type: 'review' }),
          },
        ]
      : [];
  return message(blocks, [
    ...(review.length > 0 ? [review] : []),
    [
      {
        kind: 'action',
        label: t('quiz-play-again'),
        style: 'primary',
        payload: encodeAction({
          type: 'quiz',
          article: ref,
          mode: round.mode === 'group' ? 'group' : 'solo',
        }),
      },
      {
        kind: 'action',
        label: t('quiz-read-article'),
        payload: encodeAction({ type: 'read', article: ref, step: 0 }),
      },
      {
        kind: 'action',
        label: t('quiz-leaderboard'),
        payload: encodeAction({ type: 'board', period: 'week' }),
      },
    ],
  ]);
}
