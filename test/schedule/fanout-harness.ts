// Fan-out fixtures: many subscribed chats on the emulated Bot API, and the bot run as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Subscription } from '../../src/core/records.ts';
import { silentLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import type { TelegramEmulator } from '../emulators/telegram/index.ts';

export const ROOT = join(import.meta.dirname, '../..');

/** Group chat ids for `count` chats. */
export const chatIds = (count: number) => Array.from({ length: count }, (_, index) => -1_000_000_000 - index);

/**
 * Subscribes every chat to a daily brief whose run was two minutes ago, created an hour ago, so a
 * starting bot catches that run up at once (inside SCHEDULE_GRACE) and fans it out.
 */
export async function seedDailyBriefs(
  storeUrl: string,
  chats: readonly number[],
  now = Date.now(),
  namespace?: string,
) {
  const store = await openStore(storeUrl, silentLogger(), namespace);
  const repo = new SubscriptionsRepository(store.records);
  const run = new Date(now - 2 * 60_000);
  const time = `${String(run.getUTCHours()).padStart(2, '0')}:${String(run.getUTCMinutes()).padStart(2, '0')}`;
  await Promise.all(
    chats.map((chatId, index) =>
      repo.updateChat('telegram', String(chatId), (items) => {
        const subscription: Subscription = {
          id: `fan${index}`,
          platform: 'telegram',
          chatId: String(chatId),
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
      }),
    ),
  );
  await store.close();
}

export function addGroups(emulator: TelegramEmulator, chats: readonly number[]): void {
  for (const id of chats) emulator.addChat({ id, type: 'group', title: `Chat ${id}` });
}

/** Bot messages per chat, as the emulator recorded them. */
export function postsPerChat(emulator: TelegramEmulator, chats: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>(chats.map((id) => [id, 0]));
  for (const call of emulator.calls) {
    if (call.method !== 'sendMessage' || !call.response.ok) continue;
    const id = Number(call.params.chat_id);
    if (counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export function summarise(counts: Map<number, number>) {
  const values = [...counts.values()];
  return {
    delivered: values.filter((count) => count > 0).length,
    lost: values.filter((count) => count === 0).length,
    duplicates: values.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
  };
}

/** Starts the bot (`src/main.ts`) as its own process against the emulator. */
export function spawnBot(emulator: TelegramEmulator, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TELEGRAM_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      CONTENT_DIR: join(ROOT, 'content'),
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function waitFor(check: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return check();
}

export async function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
