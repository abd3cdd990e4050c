// Reporting a question on Discord: from the ephemeral feedback of a group answer, ephemeral reasons and
// thanks; "Something else" opens a modal; forged report custom_ids are refused and store nothing.

import type { EmulatedMessage, EmulatedUserInput } from '@newsquiz/emulators/discord';
import { Routes } from 'discord.js';
import { afterEach, describe, expect, test } from 'vitest';
import { CommandRouter } from '../../../src/command-kit/command-router.ts';
import { ReportsRepository } from '../../../src/store/reports-repository.ts';
import { testSeal } from '../../support/test-core.ts';
import {
  alice,
  bob,
  button,
  buttonsOf,
  type DiscordHarness,
  eventually,
  type HarnessOptions,
  isEphemeral,
  startHarness,
  textOf,
} from './discord-harness.ts';

const ARTICLE = 'deepseek-v4-delay';

describe('reporting a question on Discord', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  const press = async (
    message: EmulatedMessage | null | undefined,
    customId: string,
    user: EmulatedUserInput,
  ) => {
    if (!message) throw new Error('no message to press');
    const handle = h.emulator.pressButton({ messageId: message.id, customId, user });
    const callback = await handle.callback();
    await h.settled(handle.id);
    return { id: handle.id, callback, record: handle.record() };
  };
  const reports = () => new ReportsRepository(h.store.records).get(ARTICLE);
  /** The message an interaction's answer put the labelled button on (its reply, or a follow-up after a defer). */
  const answerWith = (
    record: { original: EmulatedMessage | null; followUps: EmulatedMessage[] },
    label: string,
  ) =>
    [record.original, ...record.followUps].find((entry) =>
      buttonsOf(entry).some((component) => component.label === label),
    ) ?? null;
  const current = (message: EmulatedMessage) => h.emulator.message(message.id) ?? message;

  /** Starts a group round; bob answers its first question wrongly; returns the question and his feedback. */
  async function groupAnswer(options: HarnessOptions = {}) {
    h = await startHarness(options);
    const started = h.emulator.runCommand({
      name: 'quiz',
      options: { article: ARTICLE, mode: 'group', seconds: 20 },
      channelId: h.emulator.channelId,
      user: alice,
    });
    await started.callback();
    await h.settled(started.id);
    const question = h.emulator.channelMessages(h.emulator.channelId).find((m) => !m.webhook_id) ?? null;
    const article = h.catalog.byId(ARTICLE);
    const asked = article?.questions.find((entry) => textOf(question).includes(entry.prompt));
    const wrong = asked?.choices.find((choice) => !choice.correct)?.text ?? '';
    const answered = await press(question, button(question, wrong), bob);
    return { question, answered };
  }

  test('the private feedback of a group answer has Report: the reasons and the thanks are ephemeral; the closed question refuses who did not answer', async () => {
    const { question, answered } = await groupAnswer();
    expect(isEphemeral(answered.callback)).toBe(true);
    expect(answered.callback.data?.content).toMatch(/^❌ Not quite/);
    const feedback = answered.record.original;
    expect(buttonsOf(feedback).map((entry) => entry.label)).toEqual(['Report']);

    const asked = await press(feedback, button(feedback, 'Report'), bob);
    expect(isEphemeral(asked.callback)).toBe(true);
    const reasons = asked.record.original;
    expect(textOf(reasons)).toContain('Report this question');
    expect(buttonsOf(reasons).map((entry) => entry.label)).toEqual([
      'Answer key is wrong',
      'Unclear',
      'Out of date',
      'Something else',
    ]);
    const chosen = await press(reasons, button(reasons, 'Unclear'), bob);
    expect(chosen.callback.type).toBe(7);
    const thanked = reasons ? current(reasons) : null;
    expect(textOf(thanked)).toContain('as: Unclear.');
    expect(buttonsOf(thanked)).toEqual([]);

    h.clock.advance(21_000);
    await h.timers.sweep();
    const closed = await eventually(() => {
      const view = question ? current(question) : undefined;
      return view && textOf(view).includes('closed') ? view : undefined;
    });
    const refused = await press(closed, button(closed, 'Report'), alice);
    expect(isEphemeral(refused.callback)).toBe(true);
    expect(refused.callback.data?.content).toContain(
      'Only someone who answered this question can report it.',
    );
    const stored = Object.values((await reports())?.questions ?? {}).flatMap((entries) =>
      Object.entries(entries),
    );
    expect(stored.map(([who, entry]) => [who, entry.reason])).toEqual([[`discord:${bob.id}`, 'unclear']]);
  });

  test('"Something else" opens a modal whose optional note comes back with the report', async () => {
    const { answered } = await groupAnswer();
    const asked = await press(answered.record.original, button(answered.record.original, 'Report'), bob);
    const reasons = asked.record.original;
    const opened = await press(reasons, button(reasons, 'Something else'), bob);
    expect(opened.callback.type).toBe(9);
    const modal = opened.callback.data as {
      custom_id: string;
      title: string;
      components: { components: { label: string; required: boolean; max_length: number; style: number }[] }[];
    };
    expect(modal.title).toBe('Report: something else');
    expect(modal.components[0]?.components[0]).toMatchObject({
      label: 'What is wrong with it? (optional)',
      required: false,
      max_length: 300,
      style: 2,
    });
    const submitted = h.emulator.submitModal({
      customId: modal.custom_id,
      interactionId: opened.id,
      fields: { text: 'The chart is from last year' },
      user: bob,
    });
    await submitted.callback();
    await h.settled(submitted.id);
    const thanked = reasons ? current(reasons) : null;
    expect(textOf(thanked)).toContain('Your note: “The chart is from last year”');
    expect(
      Object.values((await reports())?.questions ?? {}).flatMap((entries) => Object.values(entries)),
    ).toMatchObject([{ reason: 'other', note: 'The chart is from last year' }]);
  });

  test('when the press was deferred before the modal could open, the note is asked for in the message', async () => {
    // Every press is deferred at once, and the reasons' answer takes a moment: too late for a modal.
    const slow = (real: CommandRouter): CommandRouter => {
      const delayed = new CommandRouter(real.commands, real.core);
      delayed.press = async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return real.press(...args);
      };
      return delayed;
    };
    const { answered } = await groupAnswer({ router: slow, adapter: { deferAfterMs: 10 } });
    const feedback = answerWith(answered.record, 'Report');
    const asked = await press(feedback, button(feedback, 'Report'), bob);
    const reasons = answerWith(asked.record, 'Something else');
    const opened = await press(reasons, button(reasons, 'Something else'), bob);
    expect(opened.callback.type).toBe(6);
    const shown = reasons ? current(reasons) : null;
    expect(textOf(shown)).toContain('Report: something else');
    expect(buttonsOf(shown).map((entry) => entry.label)).toEqual(['Send without a note']);
    await press(shown, button(shown, 'Send without a note'), bob);
    expect(textOf(reasons ? current(reasons) : null)).toContain('as: Something else.');
  });

  test('forged report custom_ids are refused and store nothing', async () => {
    const { answered } = await groupAnswer();
    const channel = { platform: 'discord' as const, chatId: h.emulator.channelId };
    const payload = testSeal().open(button(answered.record.original, 'Report'), channel) ?? '';
    const [, , round = ''] = payload.split(':');
    const forged = {
      Unsealed: payload,
      Carried: testSeal().seal(payload, { ...channel, chatId: '1' }),
      Reason: testSeal().seal(`1:k:${round}:0:z`, channel),
      Other: testSeal().seal(`1:k:${round}:3:w`, channel),
    };
    const posted = (await h.adapter.client.rest.post(Routes.channelMessages(h.emulator.channelId), {
      body: {
        content: 'A forged message',
        components: [
          {
            type: 1,
            components: Object.entries(forged).map(([label, customId]) => ({
              type: 2,
              style: 2,
              label,
              custom_id: customId,
            })),
          },
        ],
      },
    })) as { id: string };
    const message = h.emulator.message(posted.id);
    for (const customId of [forged.Unsealed, forged.Carried, forged.Reason]) {
      const refused = await press(message, customId, bob);
      expect(refused.callback.data?.content).toContain('That button is not valid.');
    }
    const notAnswered = await press(message, forged.Other, bob);
    expect(notAnswered.callback.data?.content).toContain(
      'Only someone who answered this question can report it.',
    );
    expect(await reports()).toBeUndefined();
  });
});
