// A question's version: its prompt's key (see question-key.ts), a dot, and a fingerprint of its prompt,
// its choices and which one is right. Statistics are kept per version, so an edited answer key or
// choice starts afresh instead of mixing old answers in, and the answers to earlier versions of a
// prompt can still be told apart.
import type { Question } from '../../content/article-schema.ts';
import { questionKey } from '../review/question-key.ts';

/** FNV-1a, base 36. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Versions of loaded questions, worked out once each (a reload makes new question objects). */
const versions = new WeakMap<Pick<Question, 'prompt' | 'choices'>, string>();

/** The explanation is left out: rewording it changes nothing that was asked. */
export function questionVersion(question: Pick<Question, 'prompt' | 'choices'>): string {
  let version = versions.get(question);
  if (version === undefined) {
    const asked = [question.prompt, ...question.choices.map((c) => `${c.correct ? '+' : '-'}${c.text}`)];
    version = `${questionKey(question.prompt)}.${fingerprint(asked.join('\u0000'))}`;
    versions.set(question, version);
  }
  return version;
}

/** The prompt's key a version starts with. */
export const promptKeyOf = (version: string) => version.slice(0, version.indexOf('.'));
