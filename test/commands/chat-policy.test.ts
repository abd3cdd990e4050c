import { afterEach, beforeEach, expect, test } from 'vitest';
import { markChatInactive } from '../../src/core/chat-status.ts';
import { because } from '../../src/core/records/reason.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

// The rules before a command runs are the router's, the same on every platform: adapters only say
// whether the user may configure the chat and, if the platform tells, why the bot could not post there.

const CANNOT_POST = "I can't post in this channel: I need Send Messages here.";
const admin = async () => true;
const member = async () => false;

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(async () => {
  await t.close();
});

test('setting up posts the bot could not make is refused at once, for someone who may configure the chat', async () => {
  const refused = await t.router.runLine(
    actor('ana'),
    { name: 'subscribe', args: 'daily-brief 08:00' },
    admin,
    CANNOT_POST,
  );
  expect(refused.notice).toEqual({ text: CANNOT_POST, tone: 'error' });
  expect(await t.core.subscriptions.all()).toEqual([]);

  const options = await t.router.runOptions(
    actor('ana'),
    'subscribe',
    { kind: 'daily-brief', time: '08:00' },
    admin,
    CANNOT_POST,
  );
  expect(options.notice?.text).toBe(CANNOT_POST);
});

test('a member does not learn about the bot’s permissions; other commands run where the bot cannot post', async () => {
  const asMember = await t.router.runLine(
    actor('ben'),
    { name: 'subscribe', args: 'daily-brief 08:00' },
    member,
    CANNOT_POST,
  );
  expect(asMember.notice?.text ?? '').not.toContain("I can't post");
  const help = await t.router.runLine(actor('ana'), { name: 'help', args: '' }, admin, CANNOT_POST);
  expect(help.messages.length).toBeGreaterThan(0);
});

test('a chat that writes to the bot where it can post is active again; one where it cannot stays inactive', async () => {
  await markChatInactive(
    t.core,
    'console',
    'chat-1',
    because('delivery-removed', undefined, 'bot was kicked'),
  );
  await t.router.runLine(actor('ana'), { name: 'help', args: '' }, member, CANNOT_POST);
  expect((await t.core.chats.get('console', 'chat-1'))?.active).toBe(false);
  await t.router.runLine(actor('ana'), { name: 'nosuchcommand', args: '' }, member);
  expect((await t.core.chats.get('console', 'chat-1'))?.active).toBe(true);
});
