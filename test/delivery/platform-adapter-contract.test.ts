// One contract, every platform: the Telegram and Discord adapters over their emulators and the playground
// each send, edit and acknowledge through PlatformAdapter, with references and classified failures.
import { afterEach, describe, expect, test } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter.ts';
import { CONSOLE_CHAT_ID } from '../../src/adapters/console/console-session.ts';
import type { CoreServices } from '../../src/core/core-services.ts';
import { message, type Response } from '../../src/core/output.ts';
import type { Acknowledged, PlatformAdapter } from '../../src/delivery/platform-adapter.ts';
import { RoundsRepository } from '../../src/store/rounds-repository.ts';
import type { Records } from '../../src/store/store-contract.ts';
import { startPlayground } from '../adapters/console/playground-harness.ts';
import {
  startHarness as startDiscord,
  startHttpHarness as startDiscordHttp,
  textOf,
} from '../adapters/discord/discord-harness.ts';
import { startHarness as startTelegram } from '../adapters/telegram/telegram-harness.ts';
import { eventually } from '../support/eventually.ts';

/** One platform, ready to be driven through the contract. */
interface Fixture {
  adapter: PlatformAdapter<unknown>;
  core: CoreServices;
  records: Records;
  /** A chat the bot may post in. */
  chatId: string;
  /** A chat the bot cannot post in. */
  unreachable: string;
  /** Whether the platform now shows `text` in the message `ref` (the playground: on its screen). */
  shows(ref: string, text: string): boolean;
  /** A person starts a group quiz of `article` in the chat: a real event, answered by the adapter. */
  startGroupQuiz(article: string): Promise<void>;
  /** Each acknowledgement the adapter gave, with the response it answered. */
  acknowledged: { response: Response; result: Acknowledged }[];
  close(): Promise<void>;
}

/** Keeps what the adapter's own acknowledge answered, as the deliverer received it. */
function recordAcknowledgements(adapter: PlatformAdapter<unknown>): Fixture['acknowledged'] {
  const seen: Fixture['acknowledged'] = [];
  const acknowledge = adapter.acknowledge.bind(adapter);
  adapter.acknowledge = async (event, response) => {
    const result = await acknowledge(event, response);
    seen.push({ response, result });
    return result;
  };
  return seen;
}

const GROUP = { id: -100_555, type: 'supergroup' as const, title: 'Contract readers' };
const ALICE = { id: 101, first_name: 'Alice' };

async function telegram(): Promise<Fixture> {
  const h = await startTelegram({ before: (emulator) => emulator.addChat(GROUP) });
  const gone = { id: -100_556, type: 'supergroup' as const, title: 'Left behind' };
  h.emulator.addChat(gone);
  h.emulator.blockChat(gone.id);
  const adapter = h.adapter as PlatformAdapter<unknown>;
  return {
    adapter,
    core: h.core,
    records: h.store.records,
    chatId: String(GROUP.id),
    unreachable: String(gone.id),
    shows: (ref, text) => {
      const [chat, id] = ref.split(':').map(Number);
      return h.emulator.message(chat ?? 0, id ?? 0)?.text.includes(text) ?? false;
    },
    async startGroupQuiz(article) {
      h.emulator.sendText({ chat: GROUP, from: ALICE, text: `/quiz ${article} group` });
    },
    acknowledged: recordAcknowledgements(adapter),
    async close() {
      // telegraf's stop() right after launch, before its polling took its first update, never settles:
      // one update answered first shows the polling is under way.
      const mark = h.emulator.messages(ALICE.id).length;
      h.emulator.sendText({ from: ALICE, text: '/help' });
      await eventually(() => h.emulator.messages(ALICE.id).length > mark + 1);
      await h.close();
    },
  };
}

async function discord(): Promise<Fixture> {
  const h = await startDiscord();
  const adapter = h.adapter as PlatformAdapter<unknown>;
  return {
    adapter,
    core: h.core,
    records: h.store.records,
    chatId: h.emulator.channelId,
    // A channel that does not exist, as one deleted since would be.
    unreachable: '1091512251187209999',
    shows: (ref, text) => textOf(h.emulator.message(ref.split(':')[1] ?? '')).includes(text),
    async startGroupQuiz(article) {
      await h.emulator
        .runCommand({ channelId: h.emulator.channelId, name: 'quiz', options: { article, mode: 'group' } })
        .callback();
    },
    acknowledged: recordAcknowledgements(adapter),
    close: () => h.close(),
  };
}

/** Discord with interactions over HTTP: the same contract, the event answered in the POST's response. */
async function discordHttp(): Promise<Fixture> {
  const h = await startDiscordHttp();
  const adapter = h.adapter as PlatformAdapter<unknown>;
  return {
    adapter,
    core: h.core,
    records: h.store.records,
    chatId: h.emulator.channelId,
    unreachable: '1091512251187209999',
    shows: (ref, text) => textOf(h.emulator.message(ref.split(':')[1] ?? '')).includes(text),
    async startGroupQuiz(article) {
      await h.emulator
        .runCommand({ channelId: h.emulator.channelId, name: 'quiz', options: { article, mode: 'group' } })
        .callback();
    },
    acknowledged: recordAcknowledgements(adapter),
    close: () => h.close(),
  };
}

async function playground(): Promise<Fixture> {
  const p = await startPlayground();
  const console = p.app.parts.adapters.find((entry) => entry instanceof ConsoleAdapter);
  if (!console) throw new Error('the app did not open a playground');
  const adapter = console as PlatformAdapter<unknown>;
  return {
    adapter,
    core: p.app.core,
    records: p.app.store.records,
    chatId: CONSOLE_CHAT_ID,
    unreachable: 'another-chat',
    // A transcript cannot change what it printed: an edit prints the new version after it.
    shows: (_ref, text) => p.screen().includes(text),
    startGroupQuiz: (article) => console.session.handleLine(`/quiz ${article} group`),
    acknowledged: recordAcknowledgements(adapter),
    close: () => p.close(),
  };
}

const note = (text: string) => message([{ kind: 'text', text }]);

describe.each([
  { label: 'telegram', name: 'telegram', start: telegram },
  { label: 'discord', name: 'discord', start: discord },
  { label: 'discord over HTTP', name: 'discord', start: discordHttp },
  { label: 'console', name: 'console', start: playground },
])('PlatformAdapter contract: $label', ({ name, start }) => {
  let f: Fixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  test('it names its platform, its limits and its own wording for personal places', async () => {
    f = await start();
    expect(f.adapter.platform).toBe(name);
    expect(f.adapter.limits.overall.limit).toBeGreaterThan(0);
    expect(f.adapter.limits.perChat.limit).toBeGreaterThan(0);
    expect(f.adapter.wording.privatePlace.length).toBeGreaterThan(0);
    expect(f.adapter.wording.reachPrivately.length).toBeGreaterThan(0);
  });

  test('send posts a new message and returns its reference; edit replaces it under the same reference', async () => {
    f = await start();
    const sent = await f.adapter.send(f.chatId, note('First version of the contract note'));
    if (!sent.ok) throw new Error(`send failed: ${JSON.stringify(sent)}`);
    expect(f.shows(sent.ref, 'First version of the contract note')).toBe(true);
    const edited = await f.adapter.edit(sent.ref, note('Second version of the contract note'));
    expect(edited).toEqual({ ok: true, ref: sent.ref });
    expect(f.shows(sent.ref, 'Second version of the contract note')).toBe(true);
  });

  test('a chat the bot cannot post in is a classified failure, not an exception', async () => {
    f = await start();
    expect(await f.adapter.send(f.unreachable, note('Nobody will read this'))).toMatchObject({
      ok: false,
      kind: 'gone',
    });
  });

  test('an edit of a reference that is not the platform’s is refused as our mistake', async () => {
    f = await start();
    if (name === 'console') {
      // The playground prints the new version whatever the reference: nothing to refuse.
      expect(await f.adapter.edit('not-a-ref', note('Printed anyway'))).toEqual({
        ok: true,
        ref: 'not-a-ref',
      });
      return;
    }
    expect(await f.adapter.edit('not-a-ref', note('Never shown'))).toMatchObject({
      ok: false,
      kind: 'rejected',
    });
  });

  test('acknowledge answers a real event and returns the reference of each message; the deliverer remembers the question', async () => {
    f = await start();
    const fixture = f;
    const [article] = fixture.core.catalog().all();
    if (!article) throw new Error('no content');
    await fixture.startGroupQuiz(article.id);
    const answered = await eventually(() =>
      fixture.acknowledged.find(({ response }) => response.messages.some((out) => out.remember)),
    );
    expect(answered.result.refs).toHaveLength(answered.response.messages.length);
    const index = answered.response.messages.findIndex((out) => out.remember);
    const ref = answered.result.refs[index];
    const question = answered.response.messages[index]?.remember;
    if (ref === undefined || !question) throw new Error('the question was sent without a reference');
    // Nothing under src/adapters remembered it: the deliverer did, with the reference acknowledge gave.
    const round = await eventually(async () => {
      const stored = await new RoundsRepository(fixture.records).get(question.roundId);
      return stored?.messageRefs[String(question.position)] !== undefined && stored;
    });
    expect(round.messageRefs[String(question.position)]).toBe(ref);
    expect(await fixture.adapter.edit(ref, note('The question, edited by its reference'))).toEqual({
      ok: true,
      ref,
    });
    expect(fixture.shows(ref, 'The question, edited by its reference')).toBe(true);
  });
});
