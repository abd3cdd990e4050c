// The core, assembled: what commands, actions and timers work with. No platform SDK in here.
import type { Logger } from 'pino';
import { BoardsRepository } from '../store/boards-repository.ts';
import { ChatsRepository } from '../store/chats-repository.ts';
import type { OpenedStore } from '../store/open-store.ts';
import { ProgressRepository } from '../store/progress-repository.ts';
import { RoundsRepository } from '../store/rounds-repository.ts';
import { SubscriptionsRepository } from '../store/subscriptions-repository.ts';
import type { ArticleCatalog } from './article-catalog.ts';
import type { Clock } from './clock.ts';
import { ProgressService } from './progress-service.ts';
import { QuizService } from './quiz-service.ts';
import { SubscriptionService } from './subscription-service.ts';

export interface CoreServices {
  catalog: () => ArticleCatalog;
  quiz: QuizService;
  progress: ProgressService;
  subscriptions: SubscriptionService;
  chats: ChatsRepository;
  clock: Clock;
  defaultTimeZone: string;
  log: Logger;
}

export interface CoreDeps {
  catalog: () => ArticleCatalog;
  store: OpenedStore;
  clock: Clock;
  random: () => number;
  defaultTimeZone: string;
  log: Logger;
}

export function createCore(deps: CoreDeps): CoreServices {
  const { records } = deps.store;
  const boards = new BoardsRepository(records);
  const chats = new ChatsRepository(records);
  const progress = new ProgressService({
    progress: new ProgressRepository(records),
    boards,
    clock: deps.clock,
    defaultTimeZone: deps.defaultTimeZone,
  });
  const quiz = new QuizService({
    catalog: deps.catalog,
    rounds: new RoundsRepository(records),
    chats,
    boards,
    progress,
    clock: deps.clock,
    random: deps.random,
    log: deps.log.child({ module: 'quiz' }),
  });
  const subscriptions = new SubscriptionService(
    new SubscriptionsRepository(records),
    deps.catalog,
    deps.clock,
  );
  return {
    catalog: deps.catalog,
    quiz,
    progress,
    subscriptions,
    chats,
    clock: deps.clock,
    defaultTimeZone: deps.defaultTimeZone,
    log: deps.log,
  };
}
