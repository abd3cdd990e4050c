// Subscriptions as neutral messages: what was set or stopped, and a chat's list with each next post.
import { FluentDateTime } from '@fluent/bundle';
import { t } from '../i18n/current-locale.ts';
import { type Block, message, type NeutralMessage } from './output.ts';
import type { RunOutcome } from './ports.ts';
import { reasonText } from './reason-text.ts';
import type { Subscription } from './records/subscription.ts';
import { takenAsText } from './time-zone-names.ts';

/** Where a subscription's zone came from: given with it, or (none given) the chat's, the admin's, the bot's. */
export type ZoneSource = 'given' | 'chat' | 'own' | 'default';

/** Why a subscription's time is in its zone, when none was given with it. */
const zoneSource = (source: Exclude<ZoneSource, 'given'>) => t(`subscribe-zone-from-${source}`);

/**
 * `title`: its kind's (`Weekly recap`); `nextAt`: the next post's instant (epoch ms); `zone`: where its
 * zone came from, and what was typed for it.
 */
export function subscribedMessage(
  subscription: Subscription,
  title: string,
  nextAt: number,
  zone: { source: ZoneSource; abbreviation?: string },
): NeutralMessage {
  const blocks: Block[] = [
    {
      kind: 'text',
      text: t('subscribe-set', {
        title,
        what: describe(subscription),
        next: formatInstant(nextAt, subscription.timezone),
      }),
    },
  ];
  if (zone.source !== 'given') {
    blocks.push({
      kind: 'text',
      text: t('subscribe-zone-note', {
        time: subscription.time,
        zone: subscription.timezone,
        source: zoneSource(zone.source),
        example: `/subscribe ${subscription.kind} ${subscription.time}${subscription.weekday ? ` ${subscription.weekday}` : ''} ${subscription.timezone === 'Asia/Tokyo' ? 'Europe/Berlin' : 'Asia/Tokyo'}`,
      }),
    });
  }
  const taken = zone.abbreviation
    ? takenAsText({ zone: subscription.timezone, abbreviation: zone.abbreviation })
    : undefined;
  if (taken) blocks.push({ kind: 'text', text: taken });
  return message(blocks);
}

/** `title`: the kind's (`Weekly recap`), as are the others'. */
export const unsubscribedMessage = (title: string): NeutralMessage =>
  message([{ kind: 'text', text: t('unsubscribe-done', { title }) }]);

export const noSubscriptionText = (title: string) => t('unsubscribe-none', { title });

/** `; the last post (Mon 23 Nov, 08:00 UTC) was skipped: why`, when the latest run did not post. */
function lastPostText(subscription: Subscription, last: RunOutcome | undefined): string {
  if (last?.status !== 'skipped' && last?.status !== 'failed') return '';
  const when = formatInstant(last.scheduledFor, subscription.timezone);
  const reason = last.reason ? reasonText(last.reason) : t('subscriptions-no-reason');
  return t(last.status === 'skipped' ? 'subscriptions-last-skipped' : 'subscriptions-last-failed', {
    when,
    reason,
  });
}

/** A chat's subscriptions, each with its next post or why it is paused, and a last post that did not come. */
export function subscriptionsMessage(
  items: readonly {
    subscription: Subscription;
    title: string;
    nextAt: number;
    last?: RunOutcome | undefined;
  }[],
): NeutralMessage {
  if (items.length === 0) {
    return message([{ kind: 'text', text: t('subscriptions-none') }]);
  }
  return message([
    { kind: 'title', text: t('subscriptions-title') },
    {
      kind: 'list',
      items: items.map(({ subscription, title, nextAt, last }) => {
        const state = subscription.active
          ? t('subscriptions-next', { next: formatInstant(nextAt, subscription.timezone) })
          : t('subscriptions-paused', {
              reason: subscription.disabledReason
                ? reasonText(subscription.disabledReason)
                : t('subscriptions-disabled'),
            });
        return t('subscriptions-item', {
          title,
          what: describe(subscription),
          state,
          last: lastPostText(subscription, last),
        });
      }),
    },
  ]);
}

function describe(subscription: Subscription): string {
  const when = subscription.weekday
    ? t('subscribe-weekly-at', { day: t(`weekday-${subscription.weekday}`), time: subscription.time })
    : t('subscribe-daily-at', { time: subscription.time });
  const topics =
    subscription.topics.length > 0
      ? t('subscribe-on-topics', { topics: subscription.topics.map((topic) => `#${topic}`).join(' ') })
      : '';
  return t('subscribe-when', { when, zone: subscription.timezone, topics });
}

/** An instant as people read it in a zone: `Mon 30 Nov, 19:00 CET`. */
export function formatInstant(ms: number, timeZone: string): string {
  const at = new FluentDateTime(ms, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return t('instant', { at });
}
