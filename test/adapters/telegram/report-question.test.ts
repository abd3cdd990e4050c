// Reporting a question on Telegram: from a group the prompt and the thanks come in the private chat
// (or a toast says how to open it); forged report payloads are refused and store nothing.

import type { ChatMessageView } from '@newsquiz/emulators/telegram';
import { afterEach, describe, expect, test } from 'vitest';
import { ReportsRepository } from '../../../src/store/reports-repository.ts';
import { testSeal } from '../../support/test-core.ts';
import { eventually, startHarness, type TelegramHarness } from './telegram-harness.ts';

const ARTICLE = 'deepseek-v4-delay';
const alice = { id: 101, first_name: 'Alice' };
const bob = { id: 102, first_name: 'Bob' };
const cyd = { id: 103, first_name: 'Cyd' };
const dm = (user: { id: number; first_name: string }) => ({
  id: user.id,
  type: 'private' as const,
  first_name: user.first_name,
});
const group = { id: -100123, type: 'supergroup' as const, title: 'Readers' };

type InlineButton = { text: string; callback_data?: string };
const buttonsOf = (view: ChatMessageView): InlineButton[] =>
  (view.replyMarkup?.inline_keyboard.flat() ?? []) as InlineButton[];
const data = (view: ChatMessageView, label: string) => {
  const found = buttonsOf(view).find((entry) => entry.text === label)?.callback_data;
  if (!found) throw new Error(`no ${label} on ${view.text.slice(0, 60)}`);
  return found;
};

describe('reporting a question on Telegram', () => {
  let h: TelegramHarness;
  afterEach(async () => {
    await h?.close();
  });

  const lastBotMessage = (chatId: number, includes: string) =>
    eventually(() =>
      h.emulator
        .messages(chatId)
        .filter((view) => view.fromBot && view.text.includes(includes))
        .at(-1),
    );
  const press = (
    chat: { id: number; type: 'private' | 'supergroup' },
    from: typeof alice,
    view: ChatMessageView,
    payload: string,
    forged = false,
  ) =>
    h.emulator.callbackAnswer(
      h.emulator.pressButton({ chat, from, messageId: view.messageId, data: payload, forged }),
    );
  const reports = () => new ReportsRepository(h.store.records).get(ARTICLE);

  test('from a closed group question, the reasons and the thanks go to the private chat; without one, a toast says how to open it', async () => {
    h = await startHarness();
    h.emulator.setMember(group.id, alice, 'administrator');
    h.emulator.setMember(group.id, bob, 'member');
    h.emulator.setMember(group.id, cyd, 'member');
    // Both have a private chat with the bot (Cyd blocks it later).
    for (const user of [bob, cyd]) {
      h.emulator.sendText({ from: user, text: '/start' });
      await lastBotMessage(user.id, 'Welcome');
    }
    h.emulator.sendText({ chat: group, from: alice, text: `/quiz ${ARTICLE} group 60` });
    const question = await lastBotMessage(group.id, 'Question 1 of');
    const first = buttonsOf(question)[0]?.callback_data ?? '';
    const answered = await press(group, bob, question, first);
    // A toast carries no buttons: the Report of a group answer on Telegram is the closed question's.
    expect(answered.text).toMatch(/^(✅|❌)/);
    await press(group, cyd, question, first);
    h.clock.advance(61_000);
    const closed = await eventually(() => {
      const view = h.emulator.message(group.id, question.messageId);
      return view?.text.includes('closed') ? view : undefined;
    });
    const toast = await press(group, bob, closed, data(closed, 'Report'));
    expect(toast.text).toBe('Sent to you in a private chat with me.');
    const reasons = await lastBotMessage(bob.id, 'Report this question');
    const thanks = await press(dm(bob), bob, reasons, data(reasons, 'Out of date'));
    expect(thanks.text).toBeUndefined();
    const updated = await eventually(() => {
      const view = h.emulator.message(bob.id, reasons.messageId);
      return view?.text.includes('Thanks for the report') ? view : undefined;
    });
    expect(updated.text).toContain('as: Out of date.');
    expect(buttonsOf(updated)).toEqual([]);
    // Nothing of it showed in the group.
    expect(
      h.emulator
        .messages(group.id)
        .some((view) => /Report this question|Thanks for the report/.test(view.text)),
    ).toBe(false);

    h.emulator.blockChat(cyd.id);
    const refused = await press(group, cyd, closed, data(closed, 'Report'));
    expect(refused.text).toContain('I can only show you this in a private chat.');
    expect(
      Object.values((await reports())?.questions ?? {}).flatMap((entries) => Object.keys(entries)),
    ).toEqual([`telegram:${bob.id}`]);
  });

  test('"Something else" asks in the private chat for the next message; forged report payloads are refused and store nothing', async () => {
    h = await startHarness();
    h.emulator.sendText({ from: alice, text: `/quiz ${ARTICLE}` });
    const question = await lastBotMessage(alice.id, 'Question 1 of');
    await press(dm(alice), alice, question, buttonsOf(question)[0]?.callback_data ?? '');
    const feedback = await eventually(() => {
      const view = h.emulator.message(alice.id, question.messageId);
      return buttonsOf(view ?? ({} as ChatMessageView)).some((entry) => entry.text === 'Report')
        ? view
        : undefined;
    });
    const report = data(feedback, 'Report');

    // Forged: no seal, sealed for another chat, a reason that is not one, a question not answered.
    const chat = { platform: 'telegram' as const, chatId: String(alice.id) };
    const payload = testSeal().open(report, chat) ?? '';
    const [, , round = ''] = payload.split(':');
    const forged = [
      payload,
      testSeal().seal(payload, { ...chat, chatId: String(group.id) }),
      testSeal().seal(`1:k:${round}:0:z`, chat),
    ];
    for (const entry of forged) {
      expect((await press(dm(alice), alice, feedback, entry, true)).text).toContain(
        'That button is not valid.',
      );
    }
    const notAnswered = await press(
      dm(alice),
      alice,
      feedback,
      testSeal().seal(`1:k:${round}:4:w`, chat),
      true,
    );
    expect(notAnswered.text).toBe('Only someone who answered this question can report it. Answer it first.');
    expect(await reports()).toBeUndefined();

    await press(dm(alice), alice, feedback, report);
    const reasons = await lastBotMessage(alice.id, 'Report this question');
    await press(dm(alice), alice, reasons, data(reasons, 'Something else'));
    const asked = await eventually(() => {
      const view = h.emulator.message(alice.id, reasons.messageId);
      return view?.text.includes('Send it as your next message here') ? view : undefined;
    });
    expect(buttonsOf(asked).map((entry) => entry.text)).toEqual(['Send without a note']);
    h.emulator.sendText({ from: alice, text: 'The <b>year</b> & the place are wrong' });
    const thanks = await lastBotMessage(alice.id, 'Thanks for the report');
    expect(thanks.text).toContain('Your note: “The <b>year</b> & the place are wrong”');
    expect(thanks.sentText).toContain('&lt;b&gt;year&lt;/b&gt; &amp;');
    // The button below the question sends no note now that one was sent.
    expect((await press(dm(alice), alice, asked, data(asked, 'Send without a note'))).text).toContain(
      'This note was sent already',
    );
    // Other text in the private chat is not taken for anything.
    const before = h.emulator.messages(alice.id).length;
    h.emulator.sendText({ from: alice, text: 'thanks' });
    await h.emulator.whenIdle(5_000);
    expect(h.emulator.messages(alice.id).filter((view) => view.fromBot)).toHaveLength(
      h.emulator
        .messages(alice.id)
        .slice(0, before)
        .filter((view) => view.fromBot).length,
    );
    const stored = Object.values((await reports())?.questions ?? {}).flatMap((entries) =>
      Object.values(entries),
    );
    expect(stored).toMatchObject([{ reason: 'other', note: 'The <b>year</b> & the place are wrong' }]);
  });
});
