// Every entity tag already in the library, found again in new sentences as whole words (any letter case).
import type { Article, Entity, EntityType } from '../content/article-schema.ts';

export interface GazetteerMatch {
  entity: Entity;
  /** Where the name stands in the sentence. */
  start: number;
  end: number;
}

export interface Gazetteer {
  /** How many names it knows. */
  readonly size: number;
  /** The known name of `name` (any case), with its most frequent tag kind. */
  get(name: string): Entity | undefined;
  /** Known names that occur in `sentence` as whole words, longest first where two overlap. */
  find(sentence: string): GazetteerMatch[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const isWordCharacter = (character: string | undefined) =>
  character !== undefined && WORD_CHARACTER.test(character);

interface Entry {
  entity: Entity;
  lower: string;
  /** Where the name's first word starts inside the name (`&str` → 1). */
  offset: number;
}

/** Builds the gazetteer from `articles`, leaving out the article `excludeId` (to measure the tagger on it). */
export function buildGazetteer(articles: readonly Article[], excludeId?: string): Gazetteer {
  const counts = new Map<string, { names: Map<string, number>; types: Map<EntityType, number> }>();
  for (const article of articles) {
    if (article.id === excludeId) continue;
    for (const sentence of article.reading) {
      for (const { type, name } of sentence.entities) {
        const key = name.toLowerCase();
        const known = counts.get(key) ?? { names: new Map(), types: new Map() };
        known.names.set(name, (known.names.get(name) ?? 0) + 1);
        known.types.set(type, (known.types.get(type) ?? 0) + 1);
        counts.set(key, known);
      }
    }
  }
  const mostFrequent = <T>(map: Map<T, number>): T =>
    [...map.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0]?.[0] as T;

  const byName = new Map<string, Entity>();
  const byFirstWord = new Map<string, Entry[]>();
  for (const [lower, { names, types }] of counts) {
    const entity: Entity = { type: mostFrequent(types), name: mostFrequent(names) };
    byName.set(lower, entity);
    WORD.lastIndex = 0;
    const first = WORD.exec(lower);
    if (!first) continue;
    const list = byFirstWord.get(first[0]) ?? [];
    list.push({ entity, lower, offset: first.index });
    byFirstWord.set(first[0], list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.lower.length - a.lower.length);

  return {
    size: byName.size,
    get: (name) => byName.get(name.toLowerCase()),
    find(sentence) {
      const lower = sentence.toLowerCase();
      // Lower-casing that changes lengths (a few scripts) would shift positions: skip such sentences.
      if (lower.length !== sentence.length) return [];
      const matches: GazetteerMatch[] = [];
      let taken = -1;
      for (const word of lower.matchAll(WORD)) {
        for (const entry of byFirstWord.get(word[0]) ?? []) {
          const start = word.index - entry.offset;
          const end = start + entry.lower.length;
          if (start <= taken || lower.slice(start, end) !== entry.lower) continue;
          // Whole words only: `AI` is not found in `Rail`, but `C++` is found in `C++.`.
          if (isWordCharacter(lower[start - 1]) && isWordCharacter(entry.lower[0])) continue;
          if (isWordCharacter(lower[end]) && isWordCharacter(entry.lower.at(-1))) continue;
          matches.push({ entity: entry.entity, start, end });
          taken = end - 1;
          break;
        }
      }
      return matches;
    },
  };
}
