// A real telegraf bot (the adapter) talking to the emulated Bot API over loopback, on a real core.

import { startTelegramEmulator, type TelegramEmulator } from '@newsquiz/emulators/telegram';
import {
  TelegramAdapter,
  type TelegramAdapterOptions,
} from '../../../src/adapters/telegram/telegram-adapter.ts';
import { type App, createApp } from '../../../src/app/create-app.ts';
import { parseConfig } from '../../../src/config.ts';
import type { Article } from '../../../src/content/article-schema.ts';
import { ArticleIndex } from '../../../src/core/article-catalog.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import type { CoreServices } from '../../../src/core/core-services.ts';
import { seededRandom } from '../../../src/core/seeded-random.ts';
import type { Deliverer } from '../../../src/delivery/deliverer.ts';
import { silentLogger } from '../../../src/logger.ts';
import type { RoundTimers } from '../../../src/schedule/round-timers.ts';
import type { OpenedStore } from '../../../src/store/open-store.ts';
import { eventually } from '../../support/eventually.ts';
import { FIXTURE_CONTENT } from '../../support/fixture-content.ts';
import { longArticle as longArticleOf } from '../../support/long-article.ts';
import { NOW, shippedArticles, testSeal } from '../../support/test-core.ts';

/** A brief whose deep dive is far longer than one Telegram message. */
export const longArticle = () =>
  longArticleOf(
    'The deep dive keeps going with careful detail about kernels, memory & <interconnects>. ',
    880,
  );

export interface TelegramHarness {
  /** The bot as createApp built it (its scheduler and outbox sender run too). */
  app: App;
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
    adapter?: Pick<TelegramAdapterOptions, 'webhook' | 'counterEditIntervalMs'>;
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
  const clock = new ManualClock(NOW);
  const webhook = options.adapter?.webhook;
  // The bot as production builds it from its environment, on the emulator, a manual clock and known keys.
  const config = parseConfig({
    TELEGRAM_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    ...(webhook
      ? {
          TELEGRAM_WEBHOOK_URL: webhook.url,
          TELEGRAM_WEBHOOK_SECRET: webhook.secret,
          TELEGRAM_WEBHOOK_PORT: String(webhook.port),
          ...(webhook.host ? { TELEGRAM_WEBHOOK_HOST: webhook.host } : {}),
        }
      : {}),
    STORE_URL: options.storeUrl ?? 'memory://',
    CONTENT_DIR: FIXTURE_CONTENT,
    FEED_POLLING: 'off',
  });
  const app = await createApp(config, {
    clock,
    timers: clock,
    log: silentLogger(),
    ...(options.namespace ? { namespace: options.namespace } : {}),
    catalog,
    random: seededRandom(1),
    seal: testSeal(),
    telegram: { counterEditIntervalMs: options.adapter?.counterEditIntervalMs ?? 50 },
  });
  const adapter = app.parts.adapters.find((entry) => entry instanceof TelegramAdapter);
  if (!adapter) throw new Error('the app did not start a Telegram adapter');
  await app.start();
  return {
    app,
    emulator,
    adapter,
    deliverer: app.parts.deliverer,
    clock,
    timers: app.parts.roundTimers,
    catalog,
    core: app.core,
    store: app.store,
    close: async () => {
      await app.stop();
      await emulator.close();
    },
  };
}

export { eventually };
