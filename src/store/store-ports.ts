// The core's ports, implemented over an opened store.
import type { CorePorts } from '../core/core-services.ts';
import { ChatsRepository } from './chats-repository.ts';
import { LinksRepository } from './links-repository.ts';
import { LiveMessages } from './live-messages.ts';
import type { OpenedStore } from './open-store.ts';
import { OutboxNotices } from './outbox-notices.ts';
import { OutboxRepository } from './outbox-repository.ts';
import { PendingAsksRepository } from './pending-asks-repository.ts';
import { ProfilesRepository } from './profiles-repository.ts';
import { QuizOfTheDayRepository } from './quiz-of-the-day-repository.ts';
import { ReportsRepository } from './reports-repository.ts';
import { ReviewCardsRepository } from './review-cards-repository.ts';
import { RoundsRepository } from './rounds-repository.ts';
import { RunOutcomes } from './run-outcomes.ts';
import { SubscriptionsRepository } from './subscriptions-repository.ts';

/** The core's ports, plus the scheduler's fuller view of subscriptions (run claims). */
export function storePorts(store: OpenedStore): CorePorts & { subscriptions: SubscriptionsRepository } {
  const { records } = store;
  const subscriptions = new SubscriptionsRepository(records);
  const outbox = new OutboxRepository(records);
  return {
    rounds: new RoundsRepository(records),
    answers: store.answers,
    scores: store.answers,
    profiles: new ProfilesRepository(records),
    chats: new ChatsRepository(records),
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
  };
}
