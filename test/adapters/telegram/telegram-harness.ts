// A real telegraf bot (the adapter) talking to the emulated Bot API over loopback, on a real core.

import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import { commands } from '../../../commands/index.ts';
import {
  TelegramAdapter,
  type TelegramAdapterOptions,
} from '../../../src/adapters/telegram/telegram-adapter.ts';
import { CommandRouter } from '../../../src/command-kit/command-router.ts';
import type { Article } from '../../../src/content/article-schema.ts';
import { ArticleIndex } from '../../../src/core/article-catalog.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { type CoreServices, createCore } from '../../../src/core/core-services.ts';
import { seededRandom } from '../../../src/core/seeded-random.ts';
import { Deliverer } from '../../../src/delivery/deliverer.ts';
import { silentLogger } from '../../../src/logger.ts';
import { RoundTimers } from '../../../src/schedule/round-timers.ts';
import { type OpenedStore, openStore } from '../../../src/store/open-store.ts';
import { storePorts } from '../../../src/store/store-ports.ts';
import { eventually } from '../../support/eventually.ts';
import { longArticle as longArticleOf } from '../../support/long-article.ts';
import { NOW, shippedArticles, testSeal } from '../../support/test-core.ts';

/** A brief whose deep dive is far longer than one Telegram message. */
export const longArticle = () =>
  longArticleOf(
    'The deep dive keeps going with careful detail about kernels, memory & <interconnects>. ',
    880,
  );

export interface TelegramHarness {
  emulator: TelegramEmulator;
  adapter: TelegramAdapter;
  deliverer: Deliverer;
  clock: ManualClock;
  timers: RoundTimers;
  catalog: ArticleIndex;
  core: CoreServices;
  store: OpenedStore;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    before?: (emulator: TelegramEmulator) => void;
    adapter?: Partial<TelegramAdapterOptions>;
    /** Default memory://; a real SQLite file or Redis for fault tests. */
    storeUrl?: string;
    namespace?: string;
    /** Articles to serve besides the shipped ones. */
    articles?: Article[];
  } = {},
): Promise<TelegramHarness> {
  const emulator = await startTelegramEmulator({
    bot: { id: 777, username: 'newsquiz_bot', first_name: 'newsquiz' },
  });
  options.before?.(emulator);
  const catalog = new ArticleIndex([
    ...(await shippedArticles()),
    await longArticle(),
    ...(options.articles ?? []),
  ]);
  const store = await openStore(options.storeUrl ?? 'memory://', silentLogger(), options.namespace);
  const clock = new ManualClock(NOW);
  const log = silentLogger();
  const core = createCore({
    catalog: () => catalog,
    ports: storePorts(store),
    clock,
    timers: clock,
    random: seededRandom(1),
    defaultTimeZone: 'UTC',
    log,
  });
  const router = new CommandRouter(commands, core);
  const deliverer = new Deliverer({ core, log });
  const adapter = new TelegramAdapter({
    token: emulator.token,
    apiRoot: emulator.apiRoot,
    router,
    core,
    outlet: deliverer,
    seal: testSeal(),
    log,
    counterEditIntervalMs: 50,
    ...options.adapter,
  });
  deliverer.add(adapter);
  const timers = new RoundTimers(
    core.quiz,
    deliverer.deliver,
    new Set(['telegram'] as const),
    clock,
    clock,
    log,
  );
  await timers.start();
  await adapter.start();
  return {
    emulator,
    adapter,
    deliverer,
    clock,
    timers,
    catalog,
    core,
    store,
    close: async () => {
      await timers.stop();
      deliverer.close();
      await adapter.stop();
      await emulator.close();
      await core.effects.stop();
      await store.close();
    },
  };
}

export { eventually };
