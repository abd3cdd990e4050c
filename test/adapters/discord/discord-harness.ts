// The real discord.js adapter logged in to the emulated Discord over loopback, on a real core.

import {
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type EmulatedUserInput,
  generateInteractionKeys,
  type InteractionCallback,
  type InteractionKeys,
  startDiscordEmulator,
} from '@newsquiz/emulators/discord';
import { type APIEmbed, type APIMessage, MessageFlags } from 'discord.js';
import { pino } from 'pino';
import { commands } from '../../../commands/index.ts';
import { DiscordAdapter, type DiscordAdapterOptions } from '../../../src/adapters/discord/discord-adapter.ts';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.ts';
import { DiscordHttpAdapter } from '../../../src/adapters/discord/http/discord-http-adapter.ts';
import { syncCommands } from '../../../src/adapters/discord/sync-commands.ts';
import { type App, createApp } from '../../../src/app/create-app.ts';
import type { CommandRouter } from '../../../src/command-kit/command-router.ts';
import { parseConfig } from '../../../src/config.ts';
import type { Article } from '../../../src/content/article-schema.ts';
import { ArticleIndex } from '../../../src/core/article-catalog.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import type { CoreServices } from '../../../src/core/core-services.ts';
import { seededRandom } from '../../../src/core/seeded-random.ts';
import type { Deliverer } from '../../../src/delivery/deliverer.ts';
import type { RoundTimers } from '../../../src/schedule/round-timers.ts';
import type { OpenedStore } from '../../../src/store/open-store.ts';
import { eventually } from '../../support/eventually.ts';
import { FIXTURE_CONTENT } from '../../support/fixture-content.ts';
import { freePort } from '../../support/free-port.ts';
import { longArticle as longArticleOf } from '../../support/long-article.ts';
import { NOW, shippedArticles, testSeal } from '../../support/test-core.ts';

export const alice: EmulatedUserInput = { id: '400000000000000001', username: 'alice', globalName: 'Alice' };
export const bob: EmulatedUserInput = { id: '400000000000000002', username: 'bob', globalName: 'Bob' };
/** A member whose server nickname is full of markdown and a mass mention. */
export const cyd: EmulatedUserInput = { id: '400000000000000003', username: 'cyd', globalName: 'Cyd' };
export const CYD_NICK = '**Cyd** @everyone <@1>';

/** A brief whose deep dive is far longer than one Discord message. */
export const longArticle = () =>
  longArticleOf(
    'The deep dive keeps going with careful detail about kernels, memory and interconnects. ',
    1_000,
  );

/** An article whose text tries every Discord markdown and mention trick. */
export async function trickyArticle(): Promise<Article> {
  const base = (await shippedArticles())[0];
  if (!base) throw new Error('no content');
  return {
    ...base,
    id: 'tricky-markdown',
    title: '**Bold** claim @everyone <@123> & friends',
    hook: '_under_ ~~strike~~ ||spoiler|| [link](https://evil.example) `code`',
    tldr: { ...base.tldr, whatChanged: '# not a heading\n> not a quote\n- not a list @here' },
  };
}

export type LogRecord = Record<string, unknown> & { level: number; msg?: string };

export interface DiscordHarness {
  /** The bot as createApp built it (its scheduler and outbox sender run too). */
  app: App;
  emulator: DiscordEmulator;
  adapter: DiscordAdapter;
  deliverer: Deliverer;
  clock: ManualClock;
  timers: RoundTimers;
  catalog: ArticleIndex;
  core: CoreServices;
  store: OpenedStore;
  logs: LogRecord[];
  /** Resolves once the adapter has finished with an interaction (handled, or failed and apologised). */
  settled(interactionId: string, timeoutMs?: number): Promise<LogRecord>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: DiscordEmulatorOptions;
  adapter?: Pick<DiscordAdapterOptions, 'counterEditIntervalMs' | 'deferAfterMs'>;
  /** Wraps the real router, e.g. to make it slow or throw. */
  router?: (router: CommandRouter) => CommandRouter;
  /** What the adapter's log keeps (default debug: `settled()` needs it). */
  logLevel?: 'debug' | 'warn';
}

/**
 * The bot as production builds it from its environment (`env`, besides the emulator's token and ids),
 * on the emulator, a manual clock and known keys, with the commands registered; started.
 */
async function startApp(
  options: HarnessOptions,
  env: (emulator: DiscordEmulator) => Promise<Record<string, string>>,
) {
  const emulator = await startDiscordEmulator({
    strictCommands: true,
    guilds: [{ members: [{ user: alice }, { user: bob }, { user: cyd, nick: CYD_NICK }] }],
    ...options.emulator,
  });
  const catalog = new ArticleIndex([
    ...(await shippedArticles()),
    await longArticle(),
    await trickyArticle(),
  ]);
  const clock = new ManualClock(NOW);
  const logs: LogRecord[] = [];
  const log = pino(
    { level: options.logLevel ?? 'debug' },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const config = parseConfig({
    DISCORD_TOKEN: emulator.token,
    DISCORD_CLIENT_ID: emulator.applicationId,
    DISCORD_GUILD_ID: emulator.guildId,
    DISCORD_API_BASE: emulator.apiBase,
    ...(await env(emulator)),
    STORE_URL: 'memory://',
    CONTENT_DIR: FIXTURE_CONTENT,
    FEED_POLLING: 'off',
  });
  const app = await createApp(config, {
    clock,
    timers: clock,
    log,
    catalog,
    random: seededRandom(1),
    seal: testSeal(),
    ...(options.router ? { router: options.router } : {}),
    discord: { counterEditIntervalMs: 50, ...options.adapter },
  });
  // Commands are registered as `npm run commands:register` would, so the emulator types their options.
  const rest = createDiscordRest({ token: emulator.token, apiBase: emulator.apiBase });
  await syncCommands({ rest, applicationId: emulator.applicationId, guildId: emulator.guildId, commands });
  await app.start();
  const settled = (interactionId: string, timeoutMs = 5_000) =>
    eventually(
      () =>
        logs.find(
          (record) =>
            record.interactionId === interactionId &&
            (record.msg === 'interaction handled' || record.msg === 'interaction handler failed'),
        ),
      timeoutMs,
    );
  return {
    app,
    emulator,
    deliverer: app.parts.deliverer,
    clock,
    timers: app.parts.roundTimers,
    catalog,
    core: app.core,
    store: app.store,
    logs,
    settled,
    close: async () => {
      await app.stop();
      await emulator.close();
    },
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const started = await startApp(options, async () => ({}));
  const adapter = started.app.parts.adapters.find((entry) => entry instanceof DiscordAdapter);
  if (!adapter) throw new Error('the app did not start a Discord adapter');
  return { ...started, adapter };
}

export interface HttpHarness extends Omit<DiscordHarness, 'adapter'> {
  adapter: DiscordHttpAdapter;
  /** The application's key pair: the adapter checks with the public key, the emulator signs with the private. */
  keys: InteractionKeys;
  /** The adapter's Interactions Endpoint, where the emulator POSTs. */
  endpoint: string;
}

export type HttpHarnessOptions = HarnessOptions;

/** The bot in HTTP interactions mode (DISCORD_PUBLIC_KEY): no gateway; the emulator POSTs signed interactions to it. */
export async function startHttpHarness(options: HttpHarnessOptions = {}): Promise<HttpHarness> {
  const keys = generateInteractionKeys();
  const started = await startApp(options, async () => ({
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_INTERACTIONS_PORT: String(await freePort()),
    DISCORD_INTERACTIONS_HOST: '127.0.0.1',
  }));
  const adapter = started.app.parts.adapters.find((entry) => entry instanceof DiscordHttpAdapter);
  if (!adapter) throw new Error('the app did not start a Discord HTTP adapter');
  const endpoint = `http://127.0.0.1:${adapter.port}/interactions`;
  started.emulator.interactionsEndpoint = { url: endpoint, privateKey: keys.privateKey };
  return { ...started, adapter, keys, endpoint };
}

export { eventually };

type Component = { type: number; label?: string; custom_id?: string; url?: string; style?: number };

/** Whether an interaction's answer only its user sees. */
export const isEphemeral = (callback: InteractionCallback) =>
  ((callback.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/** Every button of a message, rows flattened. */
export function buttonsOf(message: Pick<APIMessage, 'components'> | null | undefined): Component[] {
  return (message?.components ?? []).flatMap((row) =>
    'components' in row ? (row.components as Component[]) : [],
  );
}

/** The custom_id of the button with this label (or matching this pattern). */
export function button(
  message: Pick<APIMessage, 'components'> | null | undefined,
  label: string | RegExp,
): string {
  const found = buttonsOf(message).find((entry) =>
    typeof label === 'string' ? entry.label === label : label.test(entry.label ?? ''),
  );
  if (!found?.custom_id) {
    const labels = buttonsOf(message).map((entry) => entry.label);
    throw new Error(`no button ${String(label)} in: ${labels.join(', ')}`);
  }
  return found.custom_id;
}

/** Text as Discord shows it: a backslash before punctuation is not displayed. */
export const asShown = (text: string) => text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');

/** All text a user sees in a message: content, then each embed's title, description, fields and footer. */
export function textOf(message: { content?: string; embeds?: APIEmbed[] } | null | undefined): string {
  return asShown(rawTextOf(message));
}

/** The same text as sent, escapes included. */
export function rawTextOf(message: { content?: string; embeds?: APIEmbed[] } | null | undefined): string {
  if (!message) return '';
  const embeds = (message.embeds ?? []).map((embed) =>
    [
      embed.title,
      embed.description,
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
      embed.footer?.text,
    ]
      .filter((part) => part !== undefined)
      .join('\n'),
  );
  return [message.content ?? '', ...embeds].filter(Boolean).join('\n');
}
