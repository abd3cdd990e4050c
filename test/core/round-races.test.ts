// Rounds created together with another record, raced in one batch and from two instances, repeated: a
// group round claims its chat (two group quizzes started in one chat at once leave one running, and the
// chat names it); the next review card is named by the card answered before it (one next round, named).
import { describe, expect } from 'vitest';
import { commands } from '../../commands/index.ts';
import { CommandRouter } from '../../src/command-kit/command-router.ts';
import { decodeAction } from '../../src/core/action-payload.ts';
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
import { actionButtonsOf, answerButtons, onlyMessage, promptOf } from '../support/quiz-helpers.ts';
import { RACES, STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';
import { actor, NOW, shippedArticles } from '../support/test-core.ts';

const ARTICLE = 'deepseek-v4-delay';

async function coreOn(store: OpenedStore, seed: number): Promise<CoreServices> {
  return (await routed(store, seed)).core;
}

async function routed(
  store: OpenedStore,
  seed: number,
): Promise<{ core: CoreServices; router: CommandRouter }> {
  const catalog = new ArticleIndex(await shippedArticles());
  const clock = new ManualClock(NOW);
  const core = createCore({
    catalog: () => catalog,
    ports: storePorts(store),
    clock,
    timers: clock,
    random: seededRandom(seed),
    defaultTimeZone: 'UTC',
    log: silentLogger(),
  });
  return { core, router: new CommandRouter(commands, core) };
}

describe.each(STORE_BACKENDS)('rounds created with another record, raced, in the $name store', (backend) => {
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

  maybe(
    '"Next review" pressed on two instances at once makes one next card, the one the answered card names (10 times)',
    async () => {
      const [one, two] = [await routed(pair.on(0), 3), await routed(pair.on(1), 4)];
      const rounds = new RoundsRepository(pair.on(0).records);
      const article = (await shippedArticles()).find((entry) => entry.id === ARTICLE);
      if (!article) throw new Error('no article');
      for (let race = 0; race < 10; race++) {
        const ana = actor(`ana${race}`, `dm${race}`, { chatKind: 'private' });
        // Two questions missed in a solo quiz: two cards to review.
        let question = onlyMessage(await one.core.quiz.start(ana, article, 'solo'));
        for (let position = 0; ; position++) {
          const buttons = answerButtons(question, article);
          const answered = await one.router.press(
            ana,
            (position < 2 ? buttons.wrong : buttons.right).payload,
          );
          if (answered.messages[1]) break;
          const next = actionButtonsOf(onlyMessage(answered)).find((button) =>
            button.label.startsWith('Next'),
          );
          if (!next) throw new Error('no Next button');
          question = onlyMessage(await one.router.press(ana, next.payload));
        }
        const card = onlyMessage(
          await one.router.runLine(ana, { name: 'review', args: '' }, async () => true),
        );
        const cardArticle = (await shippedArticles()).find((entry) =>
          entry.questions.some((q) => q.prompt === promptOf(card)),
        );
        if (!cardArticle) throw new Error('no article for the card');
        const feedback = onlyMessage(
          await one.router.press(ana, answerButtons(card, cardArticle).right.payload),
        );
        const next = actionButtonsOf(feedback).find((button) => button.label.startsWith('Next review'));
        if (!next) throw new Error('no Next review button');
        const jitter = (n: number) => new Promise((resolve) => setTimeout(resolve, (race * 7 + n * 3) % 4));
        const shown = await Promise.all(
          [one, two, one].map((side, n) => jitter(n).then(() => side.router.press(ana, next.payload))),
        );
        const answeredRound = decodeAction(next.payload);
        if (answeredRound?.type !== 'next') throw new Error(`unexpected payload ${next.payload}`);
        const named = (await rounds.get(answeredRound.round))?.review?.next;
        expect(named, `race ${race}`).toBeDefined();
        expect(await rounds.get(named ?? ''), `race ${race}`).toMatchObject({ status: 'open' });
        const ids = shown.flatMap((response) => response.messages.map((out) => out.remember?.roundId));
        expect(new Set(ids.filter(Boolean)), `race ${race}`).toEqual(new Set([named]));
      }
    },
  );
});
