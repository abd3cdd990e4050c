// Every command, in the order help lists them. Adapters iterate this list.
import type { AnyCommand } from '../src/command-kit/define-command.ts';
import brief from './brief.ts';
import help from './help.ts';
import language from './language.ts';
import leaderboard from './leaderboard.ts';
import link from './link.ts';
import news from './news.ts';
import progress from './progress.ts';
import quiz from './quiz.ts';
import read from './read.ts';
import recap from './recap.ts';
import remind from './remind.ts';
import review from './review.ts';
import stop from './stop.ts';
import streak from './streak.ts';
import subscribe from './subscribe.ts';
import subscriptions from './subscriptions.ts';
import timezone from './timezone.ts';
import topics from './topics.ts';
import unlink from './unlink.ts';
import unsubscribe from './unsubscribe.ts';

export const commands: readonly AnyCommand[] = [
  news,
  brief,
  read,
  quiz,
  review,
  remind,
  stop,
  progress,
  streak,
  leaderboard,
  recap,
  topics,
  timezone,
  language,
  link,
  unlink,
  subscribe,
  unsubscribe,
  subscriptions,
  help,
];
