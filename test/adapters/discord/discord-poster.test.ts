import {
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  Permission,
  startDiscordEmulator,
} from '@newsquiz/emulators/discord';
import { afterEach, describe, expect, test } from 'vitest';
import { createDiscordPoster } from '../../../src/adapters/discord/discord-poster.ts';
import { createDiscordRest } from '../../../src/adapters/discord/discord-rest.ts';
import { message, type NeutralMessage } from '../../../src/core/output.ts';
import type { Poster, PostProgress } from '../../../src/delivery/platform-adapter.ts';
import { testSeal } from '../../support/test-core.ts';

const brief = message(
  [
    { kind: 'title', text: 'Daily brief' },
    { kind: 'text', text: 'Three things happened.' },
  ],
  [[{ kind: 'action', label: 'Quiz', payload: '1:q:abc:g' }]],
);
/** Far more than the 6,000 characters one message may carry in embeds. */
const longPost: NeutralMessage = message(
  Array.from({ length: 8 }, (_, n) => ({
    kind: 'text' as const,
    text: `Story ${n + 1}. ${'Detail. '.repeat(200)}`,
  })),
  [[{ kind: 'action', label: 'Open', payload: '1:w' }]],
);

/** A post none of whose parts went out yet; parts are recorded as they go. */
const fresh = (): PostProgress & { refs: string[] } => {
  const refs: string[] = [];
  return {
    refs,
    delivered: [],
    pace: async () => () => undefined,
    onPart: async (_index, _count, ref) => {
      refs.push(ref);
    },
  };
};

describe('the Discord poster (scheduled posts from the outbox)', () => {
  let emulator: DiscordEmulator;
  afterEach(async () => {
    await emulator.close();
  });

  const start = async (options: DiscordEmulatorOptions = {}): Promise<Poster> => {
    emulator = await startDiscordEmulator(options);
    return createDiscordPoster(
      createDiscordRest({ token: emulator.token, apiBase: emulator.apiBase, handBackRateLimits: true }),
      testSeal(),
    );
  };

  test('posts with a nonce, so a retried item does not post twice', async () => {
    const poster = await start();
    const first = await poster.send(emulator.channelId, brief, {
      nonce: 'subscription-1:2026-11-23',
      progress: fresh(),
    });
    expect(first).toMatchObject({
      ok: true,
      ref: expect.stringMatching(new RegExp(`^${emulator.channelId}:\\d+$`)),
    });
    const again = await poster.send(emulator.channelId, brief, {
      nonce: 'subscription-1:2026-11-23',
      progress: fresh(),
    });
    expect(again).toEqual(first);
    expect(emulator.stats.sent).toBe(1);
    const [posted] = emulator.channelMessages(emulator.channelId);
    expect(posted?.allowed_mentions).toEqual({ parse: [] });
    expect(posted?.components?.length).toBe(1);
    const create = emulator.calls.find((call) => call.method === 'POST');
    expect(create?.body).toMatchObject({ enforce_nonce: true, nonce: expect.stringMatching(/^.{1,25}$/) });
  });

  test('a post too long for one message goes out in parts, each de-duplicated on retry', async () => {
    const poster = await start();
    const result = await poster.send(emulator.channelId, longPost, {
      nonce: 'subscription-2:2026-11-23',
      progress: fresh(),
    });
    const parts = emulator.channelMessages(emulator.channelId);
    expect(parts.length).toBeGreaterThan(1);
    expect(result).toEqual({ ok: true, ref: `${emulator.channelId}:${parts.at(-1)?.id}` });
    expect(parts.at(-1)?.components?.length).toBe(1);
    await poster.send(emulator.channelId, longPost, {
      nonce: 'subscription-2:2026-11-23',
      progress: fresh(),
    });
    expect(emulator.channelMessages(emulator.channelId)).toHaveLength(parts.length);
  });

  test('a 429 comes back at once as rate-limited, with how long to wait', async () => {
    const poster = await start({ rateLimits: { globalPerSecond: 1_000, perChannelPer5s: 1 } });
    expect((await poster.send(emulator.channelId, brief, { nonce: 'a', progress: fresh() })).ok).toBe(true);
    const started = Date.now();
    const limited = await poster.send(emulator.channelId, brief, { nonce: 'b', progress: fresh() });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(limited).toMatchObject({ ok: false, kind: 'rate-limited' });
    expect(limited.ok === false && limited.kind === 'rate-limited' && limited.retryAfterMs).toBeGreaterThan(
      1_000,
    );
  });

  test('no access, no permission or no channel means the chat is gone; a server error is transient', async () => {
    const poster = await start();
    emulator.setAppPermissions(emulator.channelId, Permission.ViewChannel);
    expect(await poster.send(emulator.channelId, brief, { nonce: 'c', progress: fresh() })).toMatchObject({
      ok: false,
      kind: 'gone',
      reason: { id: 'delivery-no-permission', detail: expect.stringContaining('50013') },
    });
    emulator.setAppPermissions(emulator.channelId, 0n);
    expect(await poster.send(emulator.channelId, brief, { nonce: 'd', progress: fresh() })).toMatchObject({
      kind: 'gone',
      reason: { id: 'delivery-no-permission', detail: expect.stringContaining('50001') },
    });
    expect(await poster.send('1091512251187209999', brief, { nonce: 'e', progress: fresh() })).toMatchObject({
      kind: 'gone',
      reason: { id: 'delivery-chat-not-found', detail: expect.stringContaining('10003') },
    });
    emulator.failNext('POST', /^\/channels\/\d+\/messages$/, 502);
    expect(await poster.send('1091512251187209999', brief, { nonce: 'f', progress: fresh() })).toMatchObject({
      ok: false,
      kind: 'transient',
    });
    expect(poster.isGroup(emulator.channelId)).toBe(false);
  });
});
