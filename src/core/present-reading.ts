// Reading mode: one focus sentence per step with its entity tags, then an end card with the challenge.

import type { Article } from '../content/article-schema.ts';
import { t } from '../i18n/current-locale.ts';
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
        { kind: 'title', text: t('reading-end-title', { title: article.title }) },
        { kind: 'text', text: t('reading-end-read', { count: total }) },
        {
          kind: 'text',
          text: t('reading-end-challenge', { count: article.questions.length }),
        },
      ],
      [
        [
          nav(t('reading-back'), total - 1, 'back'),
          {
            kind: 'action',
            label: t('reading-take-challenge'),
            style: 'success',
            role: 'next',
            payload: encodeAction({ type: 'quiz', article: ref, mode: 'solo' }),
          },
          {
            kind: 'action',
            label: t('reading-challenge-chat'),
            payload: encodeAction({ type: 'quiz', article: ref, mode: 'group' }),
          },
        ],
      ],
    );
  }
  const sentence = article.reading[step];
  const buttons: Button[] = [];
  if (step > 0) buttons.push(nav(t('reading-back'), step - 1, 'back'));
  buttons.push(nav(step === total - 1 ? t('reading-finish') : t('reading-next'), step + 1, 'next'));
  return message(
    [
      { kind: 'title', text: t('reading-title', { title: article.title }) },
      { kind: 'heading', text: t('reading-focus', { step: step + 1, total }) },
      { kind: 'quote', text: sentence?.text ?? '' },
      ...(sentence && sentence.entities.length > 0
        ? [
            {
              kind: 'tags' as const,
              // The kind of each tag in the reader's language; the name is the article's own.
              tags: sentence.entities.map(({ type, name }) => ({ type: t(`entity-type-${type}`), name })),
            },
          ]
        : []),
    ],
    [buttons],
  );
}
