import { describe, expect, test } from 'vitest';
import { formatContentError } from '../../src/content/content-error.ts';

describe('formatContentError', () => {
  test('a located field error reads as file:line → path: message', () => {
    expect(
      formatContentError({
        file: 'content/a.md',
        line: 12,
        path: 'questions.2.choices',
        message: 'needs exactly one correct choice, found 2',
      }),
    ).toBe('content/a.md:12 → questions.2.choices: needs exactly one correct choice, found 2');
  });

  test('an error without a line names only the file', () => {
    expect(formatContentError({ file: 'content/b.md', path: 'id', message: 'is required' })).toBe(
      'content/b.md → id: is required',
    );
  });

  test('a whole-file problem has no field path', () => {
    expect(
      formatContentError({
        file: 'content/c.md',
        path: '',
        message: 'file is not valid UTF-8 text; save it as UTF-8',
      }),
    ).toBe('content/c.md → file is not valid UTF-8 text; save it as UTF-8');
    expect(formatContentError({ file: 'content/d.md', line: 1, path: '', message: 'file is empty' })).toBe(
      'content/d.md:1 → file is empty',
    );
  });
});
