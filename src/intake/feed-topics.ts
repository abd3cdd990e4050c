// A feed's topics from feeds.yaml, given to every draft it brings: the operator chose them for the feed,
// so they come first, then the drafter's own, at most as many as an article may have.
import { CONTENT_LIMITS } from '../content/article-schema.ts';
import type { Drafter } from './draft.ts';

export function withFeedTopics(drafter: Drafter, topics: readonly string[]): Drafter {
  if (topics.length === 0) return drafter;
  return {
    name: drafter.name,
    async draft(source, library) {
      const draft = await drafter.draft(source, library);
      const merged = [...new Set([...topics, ...draft.article.topics])].slice(0, CONTENT_LIMITS.topics);
      const { topics: _filled, ...todo } = draft.todo;
      return { ...draft, article: { ...draft.article, topics: merged }, todo };
    },
  };
}
