// Maps a page's keywords and a feed item's categories onto the topic slugs the library already uses.
import { CONTENT_LIMITS } from '../content/article-schema.ts';
import { slugFromTitle } from '../content/article-template.ts';

const SMALL_WORDS = new Set(['and', 'the', 'for', 'in', 'on', 'to', 'a', 'an']);

/** Slugs a keyword could stand for: itself, its singular, its initials (`Internet of Things` → `iot`). */
function readings(keyword: string): string[] {
  const slug = slugFromTitle(keyword);
  if (!slug) return [];
  const words = slug.split('-');
  const initials = words
    .filter((word) => !SMALL_WORDS.has(word))
    .map((word) => word[0])
    .join('');
  const withOf = words
    .filter((word) => !SMALL_WORDS.has(word) || word === 'of')
    .map((word) => word[0])
    .join('');
  return [slug, slug.replace(/s$/, ''), ...(words.length > 1 ? [initials, withOf] : [])];
}

/** A topic is named by a keyword when a reading equals it or holds it as whole hyphenated parts (`ai-act` → `ai`). */
function names(reading: string, topic: string): boolean {
  return reading === topic || `-${reading}-`.includes(`-${topic}-`);
}

export interface TopicMapping {
  topics: string[];
  /** Keywords that named no topic of the library. */
  unmatched: string[];
}

export function mapTopics(keywords: readonly string[], libraryTopics: ReadonlySet<string>): TopicMapping {
  const topics: string[] = [];
  const unmatched: string[] = [];
  for (const keyword of keywords) {
    const found = [...libraryTopics].filter((topic) =>
      readings(keyword).some((reading) => names(reading, topic)),
    );
    if (found.length === 0) unmatched.push(keyword);
    for (const topic of found) if (!topics.includes(topic)) topics.push(topic);
  }
  return { topics: topics.slice(0, CONTENT_LIMITS.topics), unmatched };
}
