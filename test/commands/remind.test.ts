import { afterEach, beforeEach, expect, test } from 'vitest';
import { TELEGRAM_WORDING } from '../../src/adapters/telegram/telegram-adapter.ts';
import type { Actor } from '../../src/core/actor.ts';
import { onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { makeCore, type TestCore } from '../support/test-core.ts';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore({ timeZone: 'UTC' });
});
afterEach(() => t.close());

/** Ana in a Telegram group, as the Telegram adapter makes her: her private chat has her user id. */
const ana: Actor = {
  platform: 'telegram',
  userId: '501',
  name: 'Ana',
  chatId: '-100900',
  chatKind: 'group',
  privateChatId: '501',
  wording: TELEGRAM_WORDING,
};
const run = (name: string, args: string, who: Actor = ana) =>
  t.router.runLine(who, { name, args }, async () => false);
const said = async (name: string, args: string, who: Actor = ana) =>
  textOf(onlyMessage(await run(name, args, who)));
const reminder = () => t.core.reminders.reminderOf('telegram', '501', '501');

test('/remind 7pm sets a daily reminder in the user’s private chat, in their time zone, and says so privately', async () => {
  await run('timezone', 'Europe/Berlin');
  const set = await run('remind', '7pm');
  expect(set.messages[0]?.target).toEqual({ to: 'private' });
  expect(textOf(onlyMessage(set))).toContain('I will remind you at 19:00 (Europe/Berlin)');
  expect(await reminder()).toMatchObject({
    kind: 'review-reminder',
    chatId: '501',
    createdBy: '501',
    time: '19:00',
    timezone: 'Europe/Berlin',
    active: true,
  });
  expect(await said('remind', '')).toContain('Reminders at 19:00 (Europe/Berlin)');
  // The group's own subscriptions are not touched, and the private chat's list leaves reminders to /remind.
  expect(await t.core.subscriptions.all()).toHaveLength(1);
  expect(await said('subscriptions', '', { ...ana, chatId: '501', chatKind: 'private' })).toContain(
    'This chat has no subscriptions',
  );
});

test('a user with no /timezone is told the reminder runs in the bot’s default zone and how to set their own', async () => {
  const set = await said('remind', '7pm');
  expect(set).toContain('I will remind you at 19:00 (UTC)');
  expect(set).toContain('UTC is the bot’s default zone: you have not set yours. Set it with /timezone');
  await run('timezone', 'Berlin');
  expect(await said('remind', '7pm')).not.toContain('default zone');
});

test('19:00 and 19.30 are times too; a second /remind moves the one reminder; a new /timezone moves it along', async () => {
  await run('remind', '19:00');
  await run('remind', '19.30');
  expect((await t.core.subscriptions.all()).map((item) => item.time)).toEqual(['19:30']);
  await run('timezone', 'Asia/Tokyo');
  expect(await reminder()).toMatchObject({ time: '19:30', timezone: 'Asia/Tokyo' });
});

test('/remind off stops it; with none set, /remind says how to set one', async () => {
  await run('remind', '08:00');
  expect(await said('remind', 'off')).toContain('Reminders are off.');
  expect(await reminder()).toBeUndefined();
  expect(await said('remind', 'OFF')).toContain('You have no reminder. Set one with /remind 19:00.');
  expect(await said('remind', '')).toContain('You have no reminder. /remind 19:00');
});

test('a value that is neither a time nor off is refused with what is expected', async () => {
  const refused = await run('remind', 'soon');
  expect(refused.notice?.tone).toBe('error');
  expect(refused.notice?.text).toContain('a time of day such as 19:00 or 7pm, or off');
  expect(await reminder()).toBeUndefined();
});

test('a reminder turned off because the private chat could not be reached says why and what to do', async () => {
  await run('remind', '19:00');
  const set = await reminder();
  await t.core.subscriptions.disable(
    'telegram',
    '501',
    set?.id ?? '',
    "Forbidden: bot can't initiate conversation with a user",
  );
  const status = await said('remind', '');
  expect(status).toContain(
    "Reminders are off: the last one could not reach you privately (Forbidden: bot can't initiate conversation with a user).",
  );
  expect(status).toContain('open a chat with me, press Start, then send /remind again');
  await run('remind', '19:00');
  expect(await reminder()).toMatchObject({ active: true, disabledReason: null });
});

test('each person in one chat has a reminder of their own (the playground’s /as people share its chat)', async () => {
  const console = (userId: string): Actor => ({
    platform: 'console',
    userId,
    name: userId,
    chatId: 'console',
    chatKind: 'private',
  });
  await run('remind', '07:00', console('ana'));
  await run('remind', '21:00', console('as:bob'));
  expect(await said('remind', '', console('ana'))).toContain('Reminders at 07:00');
  expect(await said('remind', '', console('as:bob'))).toContain('Reminders at 21:00');
  await run('remind', 'off', console('as:bob'));
  expect(await said('remind', '', console('ana'))).toContain('Reminders at 07:00');
});
