import { describe, expect, it } from 'vitest';
import * as quizErrors from '../../src/core/quiz/quiz-errors.ts';
import { isUserError, USER_ERRORS } from '../../src/core/user-error.ts';

/** Names that share a value, e.g. `round-not-found: articleRemoved, roundNotFound`. */
function shared(named: ReadonlyArray<readonly [string, string]>): string[] {
  const byValue = new Map<string, string[]>();
  for (const [name, value] of named) byValue.set(value, [...(byValue.get(value) ?? []), name]);
  return [...byValue].filter(([, names]) => names.length > 1).map(([value, names]) => `${value}: ${names}`);
}

describe('UserError codes', () => {
  it('are distinct: no two conditions share a code', () => {
    expect(shared(Object.entries(USER_ERRORS))).toEqual([]);
  });

  it('give every quiz failure its own code (a removed article is not a round that was not found)', () => {
    const failures = Object.entries(quizErrors).map(([name, make]) => {
      const error = make();
      if (!isUserError(error)) throw new Error(`${name}() does not make a UserError`);
      return [name, error.code] as const;
    });
    expect(failures.length).toBeGreaterThan(1);
    expect(shared(failures)).toEqual([]);
    expect(quizErrors.articleRemoved().code).not.toBe(quizErrors.roundNotFound().code);
  });
});
