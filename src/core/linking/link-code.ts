// One-time link codes: drawn from a CSPRNG, easy to read and type, compared in constant time.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** Digits and capitals without 0/O, 1/I/L: nothing a reader can mistake for another symbol. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
/** A code is good for this long after /link showed it. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes one account may try within CODE_TTL_MS (a sliding window)... */
export const MAX_WRONG_PER_ACCOUNT = 5;
/** ...and everyone together, per fixed window of CODE_TTL_MS. */
export const MAX_WRONG_GLOBAL = 1_000;
/** Codes issued by everyone together per fixed window of CODE_TTL_MS. */
export const MAX_CODES_GLOBAL = 10_000;

/*
 * Why guessing fails. There are 31^10 = 819,628,286,980,801 (about 8.2e14, 49.5 bits) codes. A code
 * lives 10 minutes; a span of 10 minutes touches at most two fixed windows, so at most 2 × 10,000 =
 * 20,000 codes are live at once, and at most 2 × 1,000 = 2,000 wrong guesses are taken in any code's
 * lifetime (a guess past a limit is refused before any code is looked at). Each guess hits a live code
 * with chance at most 20,000 / 8.2e14, so all of them together hit one with chance at most
 * 2,000 × 20,000 / 8.2e14 = 4.9e-8, below one in a million (1e-6) with a margin of 20. The limit of
 * 5 wrong codes per account keeps one user from spending the global budget alone.
 */

/** A new code, e.g. `7KQ4X-M9TZC`; `random(n)` gives an integer in [0, n) from a CSPRNG. */
export function newCode(random: (bound: number) => number = randomInt): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** As shown: two groups of five. */
export const showCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** What was typed, as a code: case, spaces and dashes do not matter. */
export const normalizeCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

export const codeDigest = (code: string) => createHash('sha256').update(code).digest('hex');

/** Whether two digests are equal, taking the same time wherever they differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
