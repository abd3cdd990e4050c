// A real Redis killed in the middle of a burst of answers, under the real Telegram adapter.

import type { ChatMessageView } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { startHarness, type TelegramHarness } from '../adapters/telegram/telegram-harness.ts';
import { eventually } from '../support/eventually.ts';
import { needsRedisServer, type OwnRedis, startOwnRedis } from '../support/redis-server.ts';
import { uniqueNamespace } from '../support/test-core.ts';

const group = { id: -100555, type: 'supergroup' as const, title: 'Outage group' };
const host = { id: 1, first_name: 'Host' };
const member = (n: number) => ({ id: 5_000 + n, first_name: `Member ${n}` });
const STORE_DOWN = /cannot reach its storage/;

const ownRedis = needsRedisServer();

describe.skipIf(ownRedis.skip)(ownRedis.title('Redis outage (redis-server killed mid-burst)'), () => {
  let h: TelegramHarness | undefined;
  let redis: OwnRedis | undefined;
  afterEach(async () => {
    await h?.close().catch(() => undefined);
    await redis?.stop();
  });

  const question = (title: string) =>
    eventually(
      () =>
        h?.emulator
          .messages(group.id)
          .filter((view) => view.fromBot && view.text.includes(title))
          .at(-1),
      10_000,
    );
  const answers = (view: ChatMessageView) =>
    (view.replyMarkup?.inline_keyboard.flat() ?? []).flatMap((button) =>
      'callback_data' in button && typeof button.callback_data === 'string' ? [button.callback_data] : [],
    );

  test('every press is answered, nothing hangs, nothing acknowledged is lost, and the bot recovers by itself', async () => {
    redis = await startOwnRedis();
    h = await startHarness({ storeUrl: redis.url, namespace: uniqueNamespace() });
    h.emulator.sendText({ chat: group, from: host, text: '/quiz@newsquiz_bot deepseek-v4-delay group 300' });
    const first = await question('Question 1 of');
    const data = answers(first);

    // 60 members press; Redis dies after the first 20 presses are on their way.
    const presses: string[] = [];
    for (let n = 0; n < 60; n++) {
      presses.push(
        h.emulator.pressButton({
          chat: group,
          from: member(n),
          messageId: first.messageId,
          data: data[n % data.length] ?? '',
        }),
      );
      if (n === 20) await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Each press gets its answer within seconds: counted, or told the store is down. None hangs.
    const toasts = await Promise.all(presses.map((id) => h?.emulator.callbackAnswer(id, 15_000)));
    const texts = toasts.map((toast) => toast?.text ?? '');
    expect(texts.every((text) => /^(✅|❌)/.test(text) || STORE_DOWN.test(text))).toBe(true);
    expect(texts.some((text) => STORE_DOWN.test(text))).toBe(true);
    for (const toast of toasts) expect(toast?.latencyMs ?? Infinity).toBeLessThan(5_000);

    // Commands that need no store still work during the outage; polling goes on.
    h.emulator.sendText({ chat: group, from: host, text: '/help@newsquiz_bot' });
    await eventually(
      () => h?.emulator.messages(group.id).find((view) => view.fromBot && view.text.includes('/quiz')),
      10_000,
    );

    // Redis comes back with what it had written: every acknowledged answer is there. A press whose
    // reply was lost in the crash may have counted although its user was told to try again: a retry
    // then says their first answer counts. Nothing is counted twice either way.
    await redis.start();
    const roundId = data[0]?.split(':')[2] ?? '';
    const recorded = await eventually(async () => {
      try {
        return await h?.store.answers.list({ roundId, position: 0 });
      } catch {
        return undefined;
      }
    }, 15_000);
    const recordedUsers = new Set(recorded.map((answer) => answer.userId));
    expect(recordedUsers.size).toBe(recorded.length);
    presses.forEach((_, index) => {
      if (/^(✅|❌)/.test(texts[index] ?? '')) expect(recordedUsers.has(String(member(index).id))).toBe(true);
    });

    // The bot recovered without a restart: a member who was told to try again, and whose answer did
    // not count, can answer now.
    const retry = presses.findIndex(
      (_, index) => STORE_DOWN.test(texts[index] ?? '') && !recordedUsers.has(String(member(index).id)),
    );
    const again = await eventually(async () => {
      const id = h?.emulator.pressButton({
        chat: group,
        from: member(retry),
        messageId: first.messageId,
        data: data[0] ?? '',
      });
      const toast = id ? await h?.emulator.callbackAnswer(id, 10_000) : undefined;
      return toast && /^(✅|❌)/.test(toast.text ?? '') ? toast : undefined;
    }, 20_000);
    expect(again.text).toMatch(/^(✅|❌)/);
  }, 90_000);
});
