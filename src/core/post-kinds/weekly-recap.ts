// The weekly recap: the past 7 days' articles with their hooks, and the chat's quiz standings of last week.

import type { Article } from '../../content/article-schema.ts';
import { publishedMs } from '../../content/published-at.ts';
import { t } from '../../i18n/current-locale.ts';
import { formatDayRange, formatIsoWeek, isoWeek, localDay, previousIsoWeek } from '../calendar.ts';
import { message, type NeutralMessage } from '../output.ts';
import type { Ranked } from '../progress.ts';
import { definePostKind, kindLabel, kindReason } from './define-post-kind.ts';
import { briefButtons, onTopics } from './subscribed-articles.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

const labels = {
  title: 'Weekly recap',
  offer: 'a weekly recap',
  nothing: 'no articles and no quiz answers in the past week',
} as const;
const say = (key: keyof typeof labels) => kindLabel('weekly-recap', labels, key);
const why = (key: keyof typeof labels) => kindReason('weekly-recap', labels, key);

/**
 * The recap of a week: the articles of the 7 days before `at` with their hooks, and a chat's quiz
 * standings for `weekName` (`2026-W48`); its heading names the days (in `timeZone`). Undefined when there is neither.
 */
export function weeklyRecapMessage(
  articles: readonly Article[],
  at: number,
  standings: readonly Ranked[],
  weekName: string,
  timeZone: string,
): NeutralMessage | undefined {
  const recent = articles.filter(
    (article) => publishedMs(article) > at - WEEK_MS && publishedMs(article) <= at,
  );
  if (recent.length === 0 && standings.length === 0) return undefined;
  return message(
    [
      {
        kind: 'title',
        text: t('post-heading', {
          title: say('title'),
          when: formatDayRange(localDay(at - WEEK_MS + DAY_MS, timeZone), localDay(at, timeZone)),
        }),
      },
      recent.length > 0
        ? { kind: 'list', items: recent.map((article) => `${article.title}: ${article.hook}`) }
        : { kind: 'text', text: t('recap-no-articles') },
      ...(standings.length > 0
        ? [
            { kind: 'heading' as const, text: t('recap-standings', { week: formatIsoWeek(weekName) }) },
            {
              kind: 'table' as const,
              columns: ['#', t('board-player'), t('board-points')],
              rows: standings
                .slice(0, 5)
                .map((entry, index) => [String(index + 1), entry.name, String(entry.points)]),
            },
          ]
        : []),
    ],
    recent.length > 0 ? briefButtons(recent.slice(0, 5)) : [],
  );
}

export default definePostKind({
  name: 'weekly-recap',
  labels,
  aliases: ['recap', 'weekly'],
  audience: 'chat',
  every: 'week',
  async compose({ core, subscription, runAt }) {
    // Last week by the bot's zone, as the leaderboards keep their weeks.
    const week = previousIsoWeek(isoWeek(runAt, core.defaultTimeZone));
    const standings = await core.progress.ranking(subscription.platform, subscription.chatId, { week });
    const recap = weeklyRecapMessage(
      onTopics(subscription, core.catalog().all()),
      runAt,
      standings,
      week,
      subscription.timezone,
    );
    if (!recap) return { kind: 'skip', reason: why('nothing') };
    return { kind: 'post', payload: { kind: 'message', message: recap } };
  },
});
