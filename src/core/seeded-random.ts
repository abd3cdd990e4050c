// Reproducible randomness: the same seed always gives the same shuffle.

/** mulberry32: a tiny, fast 32-bit PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A permutation of 0..length-1 (Fisher–Yates) drawn from `seed`. */
export function shuffledOrder(length: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length }, (_, index) => index);
  for (let index = length - 1; index > 0; index--) {
    const swap = Math.floor(random() * (index + 1));
    const held = order[index] as number;
    order[index] = order[swap] as number;
    order[swap] = held;
  }
  return order;
}

/** Mixes a round seed with a question index so each question gets its own order. */
export function deriveSeed(seed: number, salt: number): number {
  return (Math.imul(seed ^ (salt + 0x9e3779b9), 0x85ebca6b) ^ (seed >>> 13)) >>> 0;
}
