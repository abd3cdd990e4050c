// A question known by its prompt: cards keep pointing at the same question when an article is reordered.

/** FNV-1a of the prompt, in base 36. */
export function questionKey(prompt: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < prompt.length; index++) {
    hash ^= prompt.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
