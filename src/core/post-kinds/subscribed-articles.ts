// The articles a subscription posts about (its topics), and the buttons that open their briefs.

import type { Article } from '../../content/article-schema.ts';
import { encodeAction } from '../action-payload.ts';
import { articleRef } from '../article-catalog.ts';
import { preferLanguage } from '../article-language.ts';
import type { Button } from '../output.ts';
import { shortTitle } from '../present-brief.ts';
import type { Subscription } from '../records/subscription.ts';

/** The articles on the subscription's topics, in the chat's language when it has any (see preferLanguage). */
export function onTopics(subscription: Subscription, articles: readonly Article[]): Article[] {
  const onThem =
    subscription.topics.length === 0
      ? articles
      : articles.filter((article) => article.topics.some((topic) => subscription.topics.includes(topic)));
  return preferLanguage(onThem);
}

/** One row: a button per article, opening its brief. */
export function briefButtons(articles: readonly Article[]): Button[][] {
  return [
    articles.map((article) => ({
      kind: 'action' as const,
      label: shortTitle(article.title, 28),
      payload: encodeAction({ type: 'brief', article: articleRef(article.id) }),
    })),
  ];
}
