// Quiz rounds as neutral messages: questions, feedback, question close, and the round summary.
import type { Article } from '../../content/article-schema.ts';
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
/** Said of a question generated from a focus sentence, so players know it is a cloze of the text. */
export const GENERATED_MARK = 'From the text';

/** `From the text · ` before a footer of a generated question. */
const markGenerated = (question: Article['questions'][number], footer: string) =>
  question.generated ? `${GENERATED_MARK} · ${footer}` : footer;
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
      text: `Review ${asked} of ${asked + round.review.left}${suffix} · ${article.title}`,
    };
  }
  // A scheduled round says what it is on every question: a chat that did not ask for it sees why it came.
  const occasion = round.occasion ? `${postKinds.titleOf(round.occasion)} · ` : '';
  return {
    kind: 'title',
    text: `${occasion}Question ${position + 1} of ${round.questions.length}${suffix} · ${article.title}`,
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
      ? `Everyone can answer · ${round.questionSeconds} s per question · ${answeredCount} answered`
      : round.mode === 'review'
        ? 'Review · a question you missed before · pick one answer'
        : 'Solo quiz · pick one answer';
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
    { kind: 'footer', text: 'This copy is no longer live: the question continues in a newer message.' },
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
    { kind: 'footer', text: markGenerated(question, `Score ${player?.score ?? 0}/${player?.answered ?? 0}`) },
  ];
  const buttons: Button[][] = isLastQuestion(round)
    ? []
    : [
        [
          {
            kind: 'action',
            label: 'Next question ▶',
            style: 'primary',
            advance: true,
            payload: encodeAction({ type: 'next', round: round.id, question: position }),
          },
          { kind: 'action', label: 'Stop quiz', payload: encodeAction({ type: 'stop', round: round.id }) },
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
  const more = right.length > MAX_NAMES ? ` and ${right.length - MAX_NAMES} more` : '';
  const correct = question.choices.find((choice) => choice.correct)?.text ?? '';
  return message(
    [
      heading(round, article, position, ' · closed'),
      { kind: 'text', text: question.prompt },
      markedChoices(round, article, position),
      {
        kind: 'fields',
        fields: [
          { label: 'Answer', value: correct },
          {
            label: `Got it (${right.length} of ${answers.length})`,
            value: names.length > 0 ? `${names.join(', ')}${more}` : 'nobody this time',
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
    columns: ['#', 'Player', 'Score'],
    rows:
      table.length > 0
        ? table.map((entry, index) => [String(index + 1), entry.name, String(entry.score)])
        : [['–', 'no answers yet', '0']],
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
      text: `${round.occasion ? postKinds.titleOf(round.occasion) : 'Quiz'} ${note ? 'stopped' : 'complete'} · ${article.title}`,
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
        { label: 'Score', value: `${score} of ${note ? answered : round.questions.length}` },
        { label: 'Accuracy', value: `${answered === 0 ? 0 : Math.round((score / answered) * 100)}%` },
        { label: 'Time', value: duration },
      ],
    });
  } else {
    const all = sets.flat();
    const correct = all.filter((answer) => answer.correct).length;
    blocks.push(
      {
        kind: 'fields',
        fields: [
          { label: 'Players', value: String(standings(round, sets).length) },
          { label: 'Accuracy', value: `${all.length === 0 ? 0 : Math.round((correct / all.length) * 100)}%` },
          { label: 'Time', value: duration },
        ],
      },
      { kind: 'heading', text: 'Final standings' },
      standingsBlock(round, sets),
    );
  }
  const missed = round.mode === 'solo' ? sets.flat().filter((answer) => !answer.correct).length : 0;
  const review: Button[] =
    missed > 0
      ? [
          {
            kind: 'action',
            label: `Review ${missed} missed question${missed === 1 ? '' : 's'}`,
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
        label: 'Play again',
        style: 'primary',
        payload: encodeAction({
          type: 'quiz',
          article: ref,
          mode: round.mode === 'group' ? 'group' : 'solo',
        }),
      },
      {
        kind: 'action',
        label: 'Read the article',
        payload: encodeAction({ type: 'read', article: ref, step: 0 }),
      },
      { kind: 'action', label: 'Leaderboard', payload: encodeAction({ type: 'board', period: 'week' }) },
    ],
  ]);
}
