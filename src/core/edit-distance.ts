// How far apart two words are, for did-you-mean suggestions (articles, time zones).

/** Edit distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** A word of 4 or more letters one edit (two from 7 letters) away from `candidate`. */
export const isTypoOf = (word: string, candidate: string) =>
  word.length >= 4 && editDistance(word, candidate, word.length >= 7 ? 2 : 1) <= (word.length >= 7 ? 2 : 1);
