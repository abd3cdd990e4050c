// A group round claims its chat: the chat's record and the round's are one change. Two group quizzes
// started in one chat at once (in one batch, and from two instances), repeated, leave one round running,
// and the chat names that round.
import { describe, expect } from 'vitest';
import { ArticleIndex } from '../../src/core/article-catalog.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { type CoreServices, createCore } from '../../src/core/core-services.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { isUserError } from '../../src/core/user-error.ts';
import { silentLogger } from '../../src/logger.ts';
import { ChatsRepository } from '../../src/store/chats-repository.ts';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { RoundsRepository } from '../../src/store/rounds-repository.ts';
import { storePorts } from '../../src/store/store-ports.ts';
import { RACES, STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';
import { actor, NOW, shippedArticles } from '../support/test-core.ts';

const ARTICLE = 'deepseek-v4-delay';

async function coreOn(store: OpenedStore, seed: number): Promise<CoreServices> {
  const catalog = new ArticleIndex(await shippedArticles());
  const clock = new ManualClock(NOW);
  return createCore({
    catalog: () => catalog,
    ports: storePorts(store),
    clock,
    timers: clock,
    random: seededRandom(seed),
    defaultTimeZone: 'UTC',
    log: silentLogger(),
  });
}

describe.each(STORE_BACKENDS)('group rounds started at once in the $name store', (backend) => {
  const { pair, maybe } = useStorePair(backend);

  maybe(
    `two group quizzes started in one chat at once, on two instances, leave one round running and the chat naming it (${RACES} times)`,
    async () => {
      const cores = [await coreOn(pair.on(0), 1), await coreOn(pair.on(1), 2)] as const;
      const article = (await shippedArticles()).find((entry) => entry.id === ARTICLE);
      if (!article) throw new Error('no article');
      const rounds = new RoundsRepository(pair.on(0).records);
      const chats = new ChatsRepository(pair.on(1).records);
      for (let race = 0; race < RACES; race++) {
        const chatId = `group-${race}`;
        // Each start waits its own short jitter, so they arrive in a different order each race.
        const jitter = (n: number) => new Promise((resolve) => setTimeout(resolve, (race * 7 + n * 3) % 4));
        const outcomes = await Promise.all(
          [0, 1, 2].map((n) =>
            jitter(n)
              .then(() => cores[n % 2]?.quiz.start(actor(`u${n}`, chatId), article, 'group'))
              .then(
                () => 'started' as const,
                (error: unknown) => {
                  if (isUserError(error) && error.code === 'round-running') return 'refused' as const;
                  throw error;
                },
              ),
          ),
        );
        const open: string[] = [];
        for (const id of await rounds.openIds()) {
          const round = await rounds.get(id);
          if (round?.chatId === chatId && round.status === 'open') open.push(id);
        }
        const claimed = (await chats.get('console', chatId))?.groupRound;
        expect(
          { started: outcomes.filter((outcome) => outcome === 'started').length, open: open.length },
          `race ${race}: ${outcomes.join(', ')}`,
        ).toEqual({ started: 1, open: 1 });
        expect(claimed, `race ${race}`).toBe(open[0]);
      }
    },
  );
});
