// Review reminders (/remind): set, moved, stopped and explained. A reminder is a subscription of the
// user's private chat to the review-reminder post kind, so the scheduler and the outbox (claims, rate
// limits, exactly once) carry it; post-kinds/review-reminder.ts composes it.
import { t } from '../i18n/current-locale.ts';
import type { Actor } from './actor.ts';
import { type Block, message, type Response, reply } from './output.ts';
import { NEUTRAL_WORDING, type PlatformWording } from './platform-wording.ts';
import type { RunOutcome } from './ports.ts';
import reviewReminder from './post-kinds/review-reminder.ts';
import { formatInstant } from './present-subscriptions.ts';
import type { ProgressService } from './progress-service.ts';
import { reasonText } from './reason-text.ts';
import type { Platform } from './records/platform.ts';
import type { Subscription } from './records/subscription.ts';
import { nextRun } from './schedule-time.ts';
import { type SubscriptionService, toWall } from './subscription-service.ts';
import { USER_ERRORS, UserError } from './user-error.ts';

export interface ReminderDeps {
  subscriptions: SubscriptionService;
  progress: ProgressService;
  clock: { now(): number };
}

const KIND = reviewReminder.name;

/**
 * What the user is told about a reminder turned off because a message could not reach them; how to
 * be reachable again is the platform's to say (its adapter's wording, with the actor).
 */
function offBecause(wording: PlatformWording, reason: string): string {
  return t('remind-off-bounced', { reason, how: t(wording.reachPrivately) });
}

/** What the latest check did when it sent nothing: a quiet day (skipped, with why) or a failure. */
function lastCheckText(reminder: Subscription, last: RunOutcome | undefined): string | undefined {
  if (last?.status !== 'skipped' && last?.status !== 'failed') return undefined;
  const when = formatInstant(last.scheduledFor, reminder.timezone);
  const why = last.reason ? reasonText(last.reason) : t('subscriptions-no-reason');
  return last.status === 'skipped'
    ? t('remind-last-quiet', { when, why })
    : t('remind-last-failed', { when, why });
}

export class ReminderService {
  constructor(private readonly deps: ReminderDeps) {}

  /** The private chat reminders go to; refused where the platform has none for the actor. */
  #chatOf(actor: Actor): string {
    const chatId = actor.privateChatId ?? (actor.chatKind === 'private' ? actor.chatId : undefined);
    if (chatId === undefined) {
      throw new UserError(USER_ERRORS.noPrivateChat, t('remind-no-private-chat'));
    }
    return chatId;
  }

  /** `/remind 19:00`: every day at that time in the user's time zone. */
  async set(actor: Actor, time: string): Promise<Response> {
    // The zone is read from the profile as the reminder is written (a /timezone meanwhile is not missed).
    const owner = await this.deps.progress.profileOwner(actor.platform, actor.userId);
    const reminder = await this.deps.subscriptions.setPersonal(KIND, actor, this.#chatOf(actor), {
      time,
      owner,
    });
    const timezone = reminder.timezone;
    const next = formatInstant(nextRun(toWall(reminder), this.deps.clock.now()), timezone);
    const own = await this.deps.progress.ownTimeZone(actor.platform, actor.userId);
    return this.#private([
      {
        kind: 'text',
        text: t('remind-set', { time, zone: timezone, next }),
      },
      ...(own === undefined
        ? [
            {
              kind: 'text' as const,
              text: t('remind-default-zone', { zone: timezone }),
            },
          ]
        : []),
    ]);
  }

  async off(actor: Actor): Promise<Response> {
    const removed = await this.deps.subscriptions.removePersonal(
      KIND,
      actor.platform,
      this.#chatOf(actor),
      actor.userId,
    );
    return this.#private([
      {
        kind: 'text',
        text: removed ? t('remind-off') : t('remind-none-short'),
      },
    ]);
  }

  /** `/remind` alone: when, in which zone, or why it is off. */
  async status(actor: Actor): Promise<Response> {
    const reminder = await this.reminderOf(actor.platform, this.#chatOf(actor), actor.userId);
    if (!reminder) {
      return this.#private([
        {
          kind: 'text',
          text: t('remind-none'),
        },
      ]);
    }
    if (!reminder.active) {
      return this.#private([
        {
          kind: 'text',
          text: offBecause(
            actor.wording ?? NEUTRAL_WORDING,
            reminder.disabledReason ? reasonText(reminder.disabledReason) : t('remind-no-reason'),
          ),
        },
      ]);
    }
    const next = formatInstant(nextRun(toWall(reminder), this.deps.clock.now()), reminder.timezone);
    const last = lastCheckText(reminder, await this.deps.subscriptions.lastRun(reminder));
    return this.#private([
      {
        kind: 'text',
        text: t('remind-show', { time: reminder.time, zone: reminder.timezone, next }),
      },
      ...(last ? [{ kind: 'text' as const, text: last }] : []),
    ]);
  }

  /**
   * `/timezone`: sets the user's zone and moves their reminder to the same time in it, both in one
   * change (two instances setting two zones at once cannot leave them apart).
   */
  async setTimeZone(actor: Actor, timezone: string): Promise<void> {
    const chatId = actor.privateChatId ?? (actor.chatKind === 'private' ? actor.chatId : undefined);
    await this.deps.progress.setTimezone(
      actor,
      timezone,
      chatId === undefined
        ? undefined
        : (profile, owner) =>
            this.deps.subscriptions.moveWithProfile(KIND, actor, chatId, timezone, profile, owner),
    );
  }

  /** A user's review reminder, kept with the subscriptions of the private chat it goes to. */
  reminderOf(platform: Platform, chatId: string, userId: string): Promise<Subscription | undefined> {
    return this.deps.subscriptions.personalOf(KIND, platform, chatId, userId);
  }

  #private(blocks: Block[]): Response {
    return reply(message(blocks), { to: 'private' });
  }
}
