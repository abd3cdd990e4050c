// The core's and the scheduler's ports, implemented over an opened store.
import type { CorePorts } from '../core/core-services.ts';
import type { SchedulePorts } from '../core/schedule-ports.ts';
import { ChatsRepository } from './chats-repository.ts';
import { FeedStateRepository } from './feed-state-repository.ts';
import { LanguagesRepository } from './languages-repository.ts';
import { LinksRepository } from './links-repository.ts';
import { LiveMessages } from './live-messages.ts';
import { OutboxNotices } from './outbox-notices.ts';
import { OutboxRepository } from './outbox-repository.ts';
import { PendingAsksRepository } from './pending-asks-repository.ts';
import { ProfilesRepository } from './profiles-repository.ts';
import { QuizOfTheDayRepository } from './quiz-of-the-day-repository.ts';
import { ReportsRepository } from './reports-repository.ts';
import { ReviewCardsRepository } from './review-cards-repository.ts';
import { RoundsRepository } from './rounds-repository.ts';
import { RunOutcomes } from './run-outcomes.ts';
import type { OpenedStore } from './store-contract.ts';
import { SubscriptionsRepository } from './subscriptions-repository.ts';

/** The core's ports, with the scheduler's: the fuller view of subscriptions (run claims), the outbox, feeds. */
export function storePorts(store: OpenedStore): CorePorts & SchedulePorts {
  const { records } = store;
  const subscriptions = new SubscriptionsRepository(records);
  const outbox = new OutboxRepository(records);
  return {
    rounds: new RoundsRepository(records),
    answers: store.answers,
    scores: store.answers,
    profiles: new ProfilesRepository(records),
    chats: new ChatsRepository(records),
    languages: new LanguagesRepository(records),
    liveMessages: new LiveMessages(records, store.lock),
    reviewCards: new ReviewCardsRepository(records),
    subscriptions,
    runs: new RunOutcomes(subscriptions, outbox),
    links: new LinksRepository(records, store.changes),
    notices: new OutboxNotices(outbox),
    questionStats: store.answers,
    reports: new ReportsRepository(records),
    asks: new PendingAsksRepository(records),
    quizOfTheDay: new QuizOfTheDayRepository(records),
    outbox,
    feeds: new FeedStateRepository(records),
  };
}
