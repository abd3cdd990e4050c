// The daily brief: the newest articles since the chat's last one (a new subscription starts from now).

import { publishedMs } from '../../content/published-at.ts';
import { t } from '../../i18n/current-locale.ts';
import type { ArticleCatalog } from '../article-catalog.ts';
import { formatDate, localDay } from '../calendar.ts';
import { message } from '../output.ts';
import type { Subscription } from '../records/subscription.ts';
import { type Composed, definePostKind, kindLabel, kindReason } from './define-post-kind.ts';
import { briefButtons, onTopics } from './subscribed-articles.ts';

/** Articles shown in one brief; the rest are counted and left to /news. */
const DAILY_LIMIT = 3;

const labels = {
  title: 'Daily brief',
  offer: 'daily briefs',
  nothingNew: 'no new articles since the last daily brief',
} as const;
const say = (key: keyof typeof labels) => kindLabel('daily-brief', labels, key);
const why = (key: keyof typeof labels) => kindReason('daily-brief', labels, key);

/** The brief of a run at `runAt`: articles on the subscription's topics published since its cursor. */
export function composeDailyBrief(
  subscription: Subscription,
  catalog: ArticleCatalog,
  runAt: number,
): Composed {
  const fresh = onTopics(subscription, catalog.all()).filter(
    (article) => publishedMs(article) > subscription.cursor && publishedMs(article) <= runAt,
  );
  if (fresh.length === 0) return { kind: 'skip', reason: why('nothingNew') };
  const shown = fresh.slice(0, DAILY_LIMIT);
  const more = fresh.length - shown.length;
  const msg = message(
    [
      {
        kind: 'title',
        text: t('post-heading', {
          title: say('title'),
          when: formatDate(localDay(runAt, subscription.timezone)),
        }),
      },
      ...shown.flatMap((article) => [
        { kind: 'heading' as const, text: article.title },
        { kind: 'text' as const, text: article.hook },
        {
          kind: 'fields' as const,
          fields: [{ label: t('brief-what-changed'), value: article.tldr.whatChanged }],
        },
      ]),
      ...(more > 0 ? [{ kind: 'footer' as const, text: t('daily-brief-more', { count: more }) }] : []),
    ],
    briefButtons(shown),
  );
  return {
    kind: 'post',
    payload: { kind: 'message', message: msg },
    cursor: Math.max(...fresh.map((article) => publishedMs(article))),
  };
}

export default definePostKind({
  name: 'daily-brief',
  labels,
  aliases: ['brief', 'daily'],
  audience: 'chat',
  every: 'day',
  compose: async ({ core, subscription, runAt }) => composeDailyBrief(subscription, core.catalog(), runAt),
});
