// The Interactions Endpoint as Discord uses it: signed POSTs from the emulated Discord to the real adapter
// over loopback, answered in the HTTP response; follow-ups, edits and channel posts over REST.
import { postSigned, signatureHeaders } from '@newsquiz/emulators/discord';
import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES } from '../../../../src/adapters/discord/http/interactions-server.ts';
import type { CommandRouter } from '../../../../src/command-kit/command-router.ts';
import {
  alice,
  bob,
  button,
  eventually,
  type HttpHarness,
  type HttpHarnessOptions,
  isEphemeral,
  startHttpHarness,
  textOf,
} from '../discord-harness.ts';

const TYPE_PONG = 1;
const TYPE_MESSAGE = 4;
const TYPE_DEFERRED = 5;
const TYPE_UPDATE = 7;

let h: HttpHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HttpHarnessOptions = {}): Promise<HttpHarness> {
  h = await startHttpHarness(options);
  return h;
}

const endpointOf = (harness: HttpHarness) => ({ url: harness.endpoint, privateKey: harness.keys.privateKey });
const ping = (harness: HttpHarness) =>
  JSON.stringify({
    id: '1',
    application_id: harness.emulator.applicationId,
    type: 1,
    token: 't',
    version: 1,
  });
/** REST calls the bot made on this interaction's webhook or callback route. */
const callsFor = (harness: HttpHarness, token: string) =>
  harness.emulator.calls.filter((call) => call.path.includes(token));

describe('the endpoint', () => {
  test('answers a signed PING with {"type":1}, as the Developer Portal checks when the URL is saved', async () => {
    const harness = await start();
    const answer = await postSigned(endpointOf(harness), ping(harness), 3_000);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ type: TYPE_PONG });
    expect(await harness.emulator.checkInteractionsEndpoint(endpointOf(harness))).toEqual([]);
  });

  test('refuses a missing or wrong signature, and a timestamp over five minutes old, with 401', async () => {
    const harness = await start();
    const body = ping(harness);
    const endpoint = endpointOf(harness);
    const unsigned = await postSigned(endpoint, body, 3_000, {});
    expect(unsigned.status).toBe(401);
    // Signed over another body: the signature does not match this one.
    const wrong = await postSigned(
      endpoint,
      body,
      3_000,
      signatureHeaders(harness.keys.privateKey, `${body} `),
    );
    expect(wrong.status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const old = await postSigned(
      endpoint,
      body,
      3_000,
      signatureHeaders(harness.keys.privateKey, body, sixMinutesAgo),
    );
    expect(old.status).toBe(401);
    expect(old.body).toContain('5-minute');
    // Four minutes old is still inside the window.
    const recent = Math.floor(Date.now() / 1000) - 4 * 60;
    const fresh = await postSigned(
      endpoint,
      body,
      3_000,
      signatureHeaders(harness.keys.privateKey, body, recent),
    );
    expect(fresh.status).toBe(200);
  });

  test('refuses a body over 1 MB with 413 without reading it, and stays up for the next request', async () => {
    const harness = await start();
    const big = JSON.stringify({ type: 2, padding: 'x'.repeat(MAX_BODY_BYTES) });
    const answer = await postSigned(endpointOf(harness), big, 5_000).catch((error: Error) => error);
    // The server answers before the whole body is sent and closes the connection; the client may see
    // either the 413 or the reset, never a success.
    if (answer instanceof Error) expect(answer.message).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    else expect(answer.status).toBe(413);
    const next = await postSigned(endpointOf(harness), ping(harness), 3_000);
    expect(next.status).toBe(200);
  });

  test('other paths get 404 and other methods 405', async () => {
    const harness = await start();
    const other = await fetch(harness.endpoint.replace('/interactions', '/other'), { method: 'POST' });
    expect(other.status).toBe(404);
    const get = await fetch(harness.endpoint);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  test('opens no gateway connection: the token is used for REST only', async () => {
    const harness = await start();
    const handle = harness.emulator.runCommand({
      channelId: harness.emulator.channelId,
      name: 'help',
      user: alice,
    });
    await handle.callback();
    expect(harness.emulator.gatewayConnectionsOpened).toBe(0);
    expect(harness.emulator.sessions).toEqual([]);
    expect(harness.emulator.calls.filter((call) => call.path.startsWith('/gateway'))).toEqual([]);
    expect(harness.adapter.problem()).toBeUndefined();
  });
});

describe('answers', () => {
  test('a command is answered inline (type 4), with no REST call on the interaction', async () => {
    const harness = await start();
    const handle = harness.emulator.runCommand({
      channelId: harness.emulator.channelId,
      name: 'help',
      user: alice,
    });
    const callback = await handle.callback();
    expect(callback.type).toBe(TYPE_MESSAGE);
    expect(textOf(handle.record().original)).toContain('/quiz');
    expect(handle.record().endpointAnswer?.status).toBe(200);
    await harness.settled(handle.id);
    expect(callsFor(harness, handle.token)).toEqual([]);
  });

  test('a solo quiz comes inline with its buttons, and a press on an answer updates it (type 7)', async () => {
    const harness = await start();
    const handle = harness.emulator.runCommand({
      channelId: harness.emulator.channelId,
      name: 'quiz',
      options: { article: 'deepseek-v4-delay', mode: 'solo' },
      user: alice,
    });
    const callback = await handle.callback();
    expect(callback.type).toBe(TYPE_MESSAGE);
    expect(isEphemeral(callback)).toBe(true);
    const question = handle.record().original;
    expect(textOf(question)).toContain('Question 1 of');
    await harness.settled(handle.id);

    const press = harness.emulator.pressButton({
      messageId: question?.id ?? '',
      customId: button(question, /^A\b|^1\b|.+/),
      user: alice,
    });
    const pressed = await press.callback();
    expect(pressed.type).toBe(TYPE_UPDATE);
    await harness.settled(press.id);
    const updated = harness.emulator.message(question?.id ?? '');
    expect(textOf(updated)).toMatch(/Correct|Not quite|answer/i);
    expect((updated?.flags ?? 0) & MessageFlags.Ephemeral).not.toBe(0);
  });

  test('slow work is deferred (type 5) inside the deadline, then the answer follows over REST', async () => {
    const slow = (router: CommandRouter): CommandRouter =>
      Object.assign(Object.create(router) as CommandRouter, {
        runOptions: async (...args: Parameters<CommandRouter['runOptions']>) => {
          await new Promise((resolve) => setTimeout(resolve, 600));
          return router.runOptions(...args);
        },
      });
    const harness = await start({ router: slow, adapter: { deferAfterMs: 100 } });
    const handle = harness.emulator.runCommand({
      channelId: harness.emulator.channelId,
      name: 'help',
      user: alice,
    });
    const callback = await handle.callback();
    expect(callback.type).toBe(TYPE_DEFERRED);
    expect(isEphemeral(callback)).toBe(true);
    expect(callback.elapsedMs).toBeLessThan(3_000);
    await harness.settled(handle.id);
    // /help is public: the ephemeral placeholder goes, and the answer follows for everyone.
    const record = handle.record();
    expect(record.original?.deleted).toBe(true);
    expect(record.followUps.map((message) => [textOf(message).includes('/quiz'), message.ephemeral])).toEqual(
      [[true, false]],
    );
    const calls = callsFor(harness, handle.token).map(
      (call) => `${call.method} ${decodeURIComponent(call.path).replace(handle.token, ':token')}`,
    );
    expect(calls).toEqual([
      `DELETE /webhooks/${harness.emulator.applicationId}/:token/messages/@original`,
      `POST /webhooks/${harness.emulator.applicationId}/:token`,
    ]);
  });

  test('a slow private answer fills the deferred placeholder with an edit over REST', async () => {
    const slow = (router: CommandRouter): CommandRouter =>
      Object.assign(Object.create(router) as CommandRouter, {
        runOptions: async (...args: Parameters<CommandRouter['runOptions']>) => {
          await new Promise((resolve) => setTimeout(resolve, 600));
          return router.runOptions(...args);
        },
      });
    const harness = await start({ router: slow, adapter: { deferAfterMs: 100 } });
    const handle = harness.emulator.runCommand({
      channelId: harness.emulator.channelId,
      name: 'progress',
      user: alice,
    });
    expect((await handle.callback()).type).toBe(TYPE_DEFERRED);
    await harness.settled(handle.id);
    const original = handle.record().original;
    expect(original?.ephemeral).toBe(true);
    expect(textOf(original)).toMatch(/streak/i);
    const calls = callsFor(harness, handle.token).map((call) => call.method);
    expect(calls).toEqual(['PATCH']);
  });

  test('a group quiz is posted to the channel over REST, a press counts live, and the close edits it', async () => {
    const harness = await start();
    const channelId = harness.emulator.channelId;
    const handle = harness.emulator.runCommand({
      channelId,
      name: 'quiz',
      options: { article: 'deepseek-v4-delay', mode: 'group', seconds: 30 },
      user: alice,
    });
    const callback = await handle.callback();
    expect(callback.type).toBe(TYPE_MESSAGE);
    expect(callback.data?.content).toBe('Posted to this channel.');
    await harness.settled(handle.id);
    const question = harness.emulator.channelMessages(channelId).at(-1);
    expect(textOf(question)).toContain('Question 1 of');

    const press = harness.emulator.pressButton({
      messageId: question?.id ?? '',
      customId: button(question, /.+/),
      user: bob,
    });
    await press.callback();
    await harness.settled(press.id);
    await eventually(() => textOf(harness.emulator.message(question?.id ?? '')).match(/1 answer/));

    harness.clock.advance(31_000);
    await eventually(() => textOf(harness.emulator.message(question?.id ?? '')).match(/Bob/), 10_000);
    expect(harness.emulator.gatewayConnectionsOpened).toBe(0);
  });

  test('autocomplete is answered in the response with choices (type 8)', async () => {
    const harness = await start();
    const handle = harness.emulator.autocomplete({
      channelId: harness.emulator.channelId,
      name: 'brief',
      options: { article: 'deepseek' },
      focused: 'article',
      user: alice,
    });
    const callback = await handle.callback();
    expect(callback.type).toBe(8);
    expect(JSON.stringify(callback.data)).toContain('deepseek-v4-delay');
  });

  test('a payload that is not an interaction the bot reads gets 400, not a crash', async () => {
    const harness = await start();
    const body = JSON.stringify({ type: 2, id: 'x' });
    const answer = await postSigned(endpointOf(harness), body, 3_000);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/^Not an interaction this bot reads/);
  });
});
