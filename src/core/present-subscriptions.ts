// Subscriptions as neutral messages: what was set or stopped, and a chat's list with each next post.
import { type Block, message, type NeutralMessage } from './output.ts';
import type { RunOutcome } from './ports.ts';
import type { Subscription } from './records/subscription.ts';
import { takenAsText } from './time-zone-names.ts';

/** Where a subscription's zone came from: given with it, or (none given) the chat's, the admin's, the bot's. */
export type ZoneSource = 'given' | 'chat' | 'own' | 'default';

/** Why a subscription's time is in its zone, when none was given with it. */
const ZONE_SOURCES: Record<Exclude<ZoneSource, 'given'>, string> = {
  chat: 'the zone of this chat’s other subscriptions',
  own: 'your own time zone (/timezone)',
  default: 'the bot’s default zone',
};

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
      text: `${title} set for ${describe(subscription)}. Next post: ${formatInstant(nextAt, subscription.timezone)}.`,
    },
  ];
  if (zone.source !== 'given') {
    blocks.push({
      kind: 'text',
      text: `No zone was given, so ${subscription.time} is in ${subscription.timezone}, ${ZONE_SOURCES[zone.source]}. For another, add it: /subscribe ${subscription.kind} ${subscription.time}${subscription.weekday ? ` ${subscription.weekday}` : ''} ${subscription.timezone === 'Asia/Tokyo' ? 'Europe/Berlin' : 'Asia/Tokyo'}`,
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
  message([{ kind: 'text', text: `${title} stopped for this chat.` }]);

export const noSubscriptionText = (title: string) => `This chat has no ${title.toLowerCase()} subscription.`;

/** `; the last post (Mon 23 Nov, 08:00 UTC) was skipped: why`, when the latest run did not post. */
function lastPostText(subscription: Subscription, last: RunOutcome | undefined): string {
  if (last?.status !== 'skipped' && last?.status !== 'failed') return '';
  const when = formatInstant(last.scheduledFor, subscription.timezone);
  const what = last.status === 'skipped' ? 'was skipped' : 'could not be posted';
  return `; the last post (${when}) ${what}: ${last.reason ?? 'no reason was recorded'}`;
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
    return message([
      { kind: 'text', text: 'This chat has no subscriptions. Admins can add one with /subscribe.' },
    ]);
  }
  return message([
    { kind: 'title', text: 'Subscriptions of this chat' },
    {
      kind: 'list',
      items: items.map(({ subscription, title, nextAt, last }) => {
        const state = subscription.active
          ? `next post ${formatInstant(nextAt, subscription.timezone)}`
          : `paused: ${subscription.disabledReason ?? 'disabled'}`;
        return `${title}: ${describe(subscription)}; ${state}${lastPostText(subscription, last)}`;
      }),
    },
  ]);
}

function describe(subscription: Subscription): string {
  const when = subscription.weekday
    ? `${subscription.weekday} ${subscription.time}`
    : `daily ${subscription.time}`;
  const topics =
    subscription.topics.length > 0 ? ` on ${subscription.topics.map((topic) => `#${topic}`).join(' ')}` : '';
  return `${when} (${subscription.timezone})${topics}`;
}

/** An instant as people read it in a zone: `Mon 30 Nov, 19:00 CET`. */
export function formatInstant(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(ms));
}
