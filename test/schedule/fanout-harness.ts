// Fan-out fixtures: many subscribed chats on an emulated platform, and the bot run as its own process
// on compiled code (dist/), as in production.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DiscordEmulator, EmulatedChannel } from '@newsquiz/emulators/discord';
import type { TelegramEmulator } from '@newsquiz/emulators/telegram';
import type { Platform } from '../../src/core/records/platform.ts';
import type { Subscription } from '../../src/core/records/subscription.ts';
import { silentLogger } from '../../src/logger.ts';
import { type OpenedStore, openStore } from '../../src/store/open-store.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { FIXTURE_CONTENT } from '../support/fixture-content.ts';

export const ROOT = join(import.meta.dirname, '../..');

export { ensureBuild } from '../support/compiled-build.ts';

/** Telegram group chat ids for `count` chats. */
export const telegramChats = (count: number) =>
  Array.from({ length: count }, (_, index) => String(-1_000_000_000 - index));

/** Discord channel ids (snowflakes) for `count` text channels. */
export const discordChannels = (count: number) =>
  Array.from({ length: count }, (_, index) => String(1_300_000_000_000_000_000n + BigInt(index)));

/** Guilds of at most 100 channels each, holding `channels`. */
export function discordGuilds(channels: readonly string[]): { channels: EmulatedChannel[] }[] {
  const guilds: { channels: EmulatedChannel[] }[] = [];
  channels.forEach((id, index) => {
    if (index % 100 === 0) guilds.push({ channels: [] });
    guilds.at(-1)?.channels.push({ id, name: `news-${index}` });
  });
  return guilds;
}

export function addTelegramGroups(emulator: TelegramEmulator, chats: readonly string[]): void {
  for (const id of chats) emulator.addChat({ id: Number(id), type: 'group', title: `Chat ${id}` });
}

/** The run every seeded subscription has due: when, and its period (the UTC day). */
export interface SeededRun {
  runAt: number;
  period: string;
}

/**
 * Subscribes every chat to a daily brief whose run was two minutes ago, created an hour ago, so a
 * starting bot catches that run up at once (inside SCHEDULE_GRACE) and fans it out.
 */
export async function seedDailyBriefs(
  storeUrl: string,
  platform: Exclude<Platform, 'console'>,
  chats: readonly string[],
  options: { now?: number; namespace?: string } = {},
): Promise<SeededRun> {
  const now = options.now ?? Date.now();
  const store = await openStore(storeUrl, silentLogger(), options.namespace);
  const repo = new SubscriptionsRepository(store.records);
  const run = new Date(now - 2 * 60_000);
  run.setUTCSeconds(0, 0);
  const time = `${String(run.getUTCHours()).padStart(2, '0')}:${String(run.getUTCMinutes()).padStart(2, '0')}`;
  await inChunks(chats.length, (index) => {
    const chatId = chats[index] ?? '';
    return repo.updateChat(platform, chatId, (items) => {
      const subscription: Subscription = {
        id: `fan${index}`,
        platform,
        chatId,
        kind: 'daily-brief',
        time,
        weekday: null,
        timezone: 'UTC',
        topics: [],
        createdAt: now - 3_600_000,
        createdBy: 'bench',
        active: true,
        disabledReason: null,
        cursor: 0,
      };
      return { items: [...items, subscription], result: undefined };
    });
  });
  await store.close();
  return { runAt: run.getTime(), period: run.toISOString().slice(0, 10) };
}

/** Claims every seeded run for `owner`, as an instance does that is then killed before queueing any. */
export async function seedDeadClaims(
  storeUrl: string,
  chats: readonly string[],
  seeded: SeededRun,
  owner: string,
  namespace?: string,
  leaseMs?: number,
): Promise<void> {
  await withStore(storeUrl, namespace, async (store) => {
    const repo = new SubscriptionsRepository(store.records);
    await inChunks(chats.length, (index) =>
      repo.claimFire(
        { subscriptionId: `fan${index}`, period: seeded.period, scheduledFor: seeded.runAt },
        owner,
        Date.now(),
        leaseMs,
      ),
    );
  });
}

/** Reads the bot's store from outside (a fresh connection each time: nothing cached across reads). */
export async function withStore<T>(
  storeUrl: string,
  namespace: string | undefined,
  read: (store: OpenedStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(storeUrl, silentLogger(), namespace);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/**
 * Reads in chunks. (All at once, a SQLite store looks idle while the reads are outstanding, starts its
 * maintenance, and closing it in the middle of that fails with SQLITE_MISUSE.)
 */
async function inChunks<T>(count: number, read: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += 200) {
    const indexes = Array.from({ length: Math.min(200, count - start) }, (_, offset) => start + offset);
    results.push(...(await Promise.all(indexes.map(read))));
  }
  return results;
}

/** How many of the seeded chats' posts for today the store records as sent, and as still pending. */
export async function outboxState(
  storeUrl: string,
  chats: readonly string[],
  seeded: SeededRun,
  namespace?: string,
) {
  return withStore(storeUrl, namespace, async (store) => {
    const outbox = new OutboxRepository(store.records);
    const items = await inChunks(chats.length, (index) => outbox.get(`fan${index}:${seeded.period}`));
    return {
      sent: items.filter((item) => item?.status === 'sent').length,
      pending: items.filter((item) => !item || item.status === 'pending').length,
    };
  });
}

/** How the seeded runs stand in the store: claimed (not yet queued), queued, and claimed at least twice. */
export function runStates(storeUrl: string, chats: readonly string[], seeded: SeededRun, namespace?: string) {
  return withStore(storeUrl, namespace, async (store) => {
    const repo = new SubscriptionsRepository(store.records);
    const fires = await inChunks(chats.length, (index) => repo.getFire(`fan${index}`, seeded.period));
    return {
      claimed: fires.filter((fire) => fire?.status === 'claimed').length,
      queued: fires.filter((fire) => fire?.status === 'queued').length,
    };
  });
}

/** Posts each chat received, read from the platform's log as it grows (cheap enough to poll often). */
export interface Deliveries {
  /** Distinct messages per chat so far. */
  counts(): Map<string, number>;
  /** When each distinct message was accepted (the emulator's clock, ms). */
  acceptedAt(): number[];
}

function deliveries<T>(
  chats: readonly string[],
  calls: () => readonly T[],
  read: (call: T) => { chat: string; message: string; at: number } | undefined,
): Deliveries {
  const counts = new Map<string, number>(chats.map((id) => [id, 0]));
  const seen = new Set<string>();
  const times: number[] = [];
  let next = 0;
  const catchUp = () => {
    const all = calls();
    for (; next < all.length; next++) {
      const call = all[next];
      const accepted = call === undefined ? undefined : read(call);
      if (!accepted || !counts.has(accepted.chat)) continue;
      const key = `${accepted.chat}:${accepted.message}`;
      // A repeat Discord answers from its nonce returns the first message: not a second post.
      if (seen.has(key)) continue;
      seen.add(key);
      times.push(accepted.at);
      counts.set(accepted.chat, (counts.get(accepted.chat) ?? 0) + 1);
    }
  };
  return {
    counts() {
      catchUp();
      return new Map(counts);
    },
    acceptedAt() {
      catchUp();
      return [...times];
    },
  };
}

export function telegramDeliveries(emulator: TelegramEmulator, chats: readonly string[]): Deliveries {
  return deliveries(
    chats,
    () => emulator.calls,
    (call) => {
      if (call.method !== 'sendMessage' || !call.response.ok) return undefined;
      const result = call.response.result as { message_id?: number };
      return { chat: String(call.params.chat_id), message: String(result.message_id), at: call.at };
    },
  );
}

const CREATE = /^\/channels\/(\d+)\/messages$/;

export function discordDeliveries(emulator: DiscordEmulator, chats: readonly string[]): Deliveries {
  return deliveries(
    chats,
    () => emulator.calls,
    (call) => {
      const channel = CREATE.exec(call.path)?.[1];
      if (call.method !== 'POST' || call.status !== 200 || !channel) return undefined;
      return { chat: channel, message: String((call.response as { id?: string }).id), at: call.at };
    },
  );
}

export function summarise(counts: Map<string, number>) {
  const values = [...counts.values()];
  return {
    delivered: values.filter((count) => count > 0).length,
    lost: values.filter((count) => count === 0).length,
    duplicates: values.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
  };
}

export const telegramEnv = (emulator: TelegramEmulator) => ({
  TELEGRAM_TOKEN: emulator.token,
  TELEGRAM_API_ROOT: emulator.apiRoot,
});

export const discordEnv = (emulator: DiscordEmulator) => ({
  DISCORD_TOKEN: emulator.token,
  DISCORD_API_BASE: emulator.apiBase,
});

export interface BotProcess {
  child: ChildProcess;
  /** Log lines (JSON) the bot wrote, when started with `logs: true`. */
  lines: Record<string, unknown>[];
}

/** Starts the compiled bot (`dist/src/main.js`, see ensureBuild) as its own process. */
export function spawnBot(
  env: Record<string, string>,
  options: { logs?: boolean; nodeArgs?: string[] } = {},
): BotProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CONTENT_DIR: FIXTURE_CONTENT,
      LOG_LEVEL: options.logs ? 'warn' : 'error',
      ...env,
    },
    stdio: ['ignore', options.logs ? 'pipe' : 'ignore', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const complete = text.split('\n');
    rest = complete.pop() ?? '';
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { child, lines };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 20) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return check();
}

export async function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
