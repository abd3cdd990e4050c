// Why a post was skipped or failed, or a subscription paused, is stored as a message id and said in
// the reader's language; what an earlier version stored (an English sentence) still reads, as it is.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { chatStateSchema } from '../../src/core/records/chat-state.ts';
import { fireSchema } from '../../src/core/records/fire.ts';
import { outboxItemSchema, pendingOutboxItem } from '../../src/core/records/outbox.ts';
import { because } from '../../src/core/records/reason.ts';
import { subscriptionSchema } from '../../src/core/records/subscription.ts';
import { onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { makeCore, type TestCore, tempDir } from '../support/test-core.ts';

const OLD_SENTENCE = 'Forbidden: bot was kicked from the supergroup chat';

test('every stored reason reads both as a previous version wrote it and as a message id', () => {
  const subscription = {
    id: 's1',
    platform: 'telegram',
    chatId: '-1001',
    kind: 'daily-brief',
    time: '08:00',
    weekday: null,
    timezone: 'UTC',
    topics: [],
    createdAt: 0,
    createdBy: 'u1',
    active: false,
    cursor: 0,
  };
  const fire = {
    v: 1,
    subscriptionId: 's1',
    period: '2026-11-23',
    scheduledFor: 0,
    status: 'skipped',
    at: 0,
  };
  const item = {
    ...pendingOutboxItem(
      {
        subscriptionId: 's1',
        platform: 'telegram',
        chatId: '-1001',
        period: '2026-11-23',
        scheduledFor: 0,
        payload: { kind: 'quiz', articleId: 'a' },
      },
      0,
    ),
    status: 'failed',
  };
  const chat = { v: 1, groupRound: null, active: false };
  for (const reason of [OLD_SENTENCE, because('delivery-removed', undefined, `403: ${OLD_SENTENCE}`)]) {
    expect(subscriptionSchema.parse({ ...subscription, disabledReason: reason }).disabledReason).toEqual(
      reason,
    );
    expect(fireSchema.parse({ ...fire, reason }).reason).toEqual(reason);
    expect(outboxItemSchema.parse({ ...item, error: reason }).error).toEqual(reason);
    expect(chatStateSchema.parse({ ...chat, inactiveReason: reason }).inactiveReason).toEqual(reason);
  }
  expect(
    subscriptionSchema.safeParse({ ...subscription, disabledReason: { id: 'Not an id!' } }).success,
  ).toBe(false);
});

let t: TestCore;
let dir: { remove(): Promise<void>; path: string };
beforeEach(async () => {
  dir = await tempDir();
  t = await makeCore({ storeUrl: `sqlite://${dir.path}/store.sqlite` });
});
afterEach(async () => {
  await t.close();
  await dir.remove();
});

const admin: Actor = { platform: 'telegram', userId: 'u1', name: 'Ann', chatId: '-1001', chatKind: 'group' };
const listIn = async (platformLocale: string) =>
  textOf(
    onlyMessage(
      await t.router.runLine(
        { ...admin, platformLocale },
        { name: 'subscriptions', args: '' },
        async () => true,
      ),
    ),
  );

test('a paused subscription says why in the reader’s language; a reason stored by an earlier version is shown as it is', async () => {
  await t.router.runLine(admin, { name: 'subscribe', args: 'daily-brief 08:00 UTC' }, async () => true);
  await t.router.runLine(admin, { name: 'subscribe', args: 'quiz-of-the-day 20:00 UTC' }, async () => true);
  const [brief, quiz] = await t.core.subscriptions.all();
  if (!brief || !quiz) throw new Error('the subscriptions were not set');
  await t.core.subscriptions.disable(
    'telegram',
    '-1001',
    brief.id,
    because('delivery-removed', {}, '403: x'),
  );
  await t.core.subscriptions.disable('telegram', '-1001', quiz.id, OLD_SENTENCE);

  const german = await listIn('de');
  expect(german).toContain('pausiert: ich wurde aus dem Chat entfernt');
  expect(german).toContain(`pausiert: ${OLD_SENTENCE}`);
  expect(await listIn('zh-CN')).toContain('已暂停：我已被移出聊天');
  const english = await listIn('en');
  expect(english).toContain('paused: I was removed from the chat');
  expect(english).not.toContain('403: x');
});
