// Reading mode: one focus sentence per step with its entity tags, then an end card with the challenge.
import type { Article } from '../content/article-schema.ts';
import { encodeAction } from './action-payload.ts';
import { articleRef } from './article-catalog.ts';
import { type Button, message, type NeutralMessage } from './output.ts';

/** Steps 0..n-1 are the focus sentences; step n is the end card. */
export const readingSteps = (article: Article) => article.reading.length + 1;

export function readingStep(article: Article, step: number): NeutralMessage {
  const ref = articleRef(article.id);
  const total = article.reading.length;
  const nav = (label: string, to: number, role: 'next' | 'back'): Button => ({
    kind: 'action',
    label,
    role,
    payload: encodeAction({ type: 'read', article: ref, step: to }),
  });
  if (step >= total) {
    return message(
      [
        { kind: 'title', text: `End of article · ${article.title}` },
        { kind: 'text', text: `You read ${total} focus sentence${total === 1 ? '' : 's'}.` },
        {
          kind: 'text',
          text: `Challenge mode: ${article.questions.length} comprehension questions on what you just read.`,
        },
      ],
      [
        [
          nav('◀ Back', total - 1, 'back'),
          {
            kind: 'action',
            label: 'Take the challenge',
            style: 'success',
            role: 'next',
            payload: encodeAction({ type: 'quiz', article: ref, mode: 'solo' }),
          },
          {
            kind: 'action',
            label: 'Challenge the chat',
            payload: encodeAction({ type: 'quiz', article: ref, mode: 'group' }),
          },
        ],
      ],
    );
  }
  const sentence = article.reading[step];
  const buttons: Button[] = [];
  if (step > 0) buttons.push(nav('◀ Back', step - 1, 'back'));
  buttons.push(nav(step === total - 1 ? 'Finish ▶' : 'Next ▶', step + 1, 'next'));
  return message(
    [
      { kind: 'title', text: `Reading · ${article.title}` },
      { kind: 'heading', text: `Focus sentence ${step + 1} of ${total}` },
      { kind: 'quote', text: sentence?.text ?? '' },
      ...(sentence && sentence.entities.length > 0
        ? [{ kind: 'tags' as const, tags: sentence.entities }]
        : []),
    ],
    [buttons],
  );
}
