// Reporting a question through the core: who may, one report per person (linked accounts included),
// the note of "Something else", and forged or stale report payloads.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { encodeAction } from '../../src/core/action-payload.ts';
import type { Actor } from '../../src/core/actor.ts';
import type { NeutralMessage, Response } from '../../src/core/output.ts';
import { questionVersion } from '../../src/core/quality/question-version.ts';
import { NOTE_WAIT_MS } from '../../src/core/quality/report-service.ts';
import { questionKey } from '../../src/core/review/question-key.ts';
import { ReportsRepository } from '../../src/store/reports-repository.ts';
import { SqliteConnection } from '../../src/store/sqlite-connection.ts';
import { WriteMeter } from '../../src/store/write-meter.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { actionButtonsOf, answerButtons, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, redisUrl, type TestCore, tempDir, uniqueNamespace } from '../support/test-core.ts';

const onRedis = needsRedis();

const ARTICLE = 'deepseek-v4-delay';
const ana = actor('ana', 'ana', { chatKind: 'private', name: 'Ana' });
const ben = actor('ben', 'ana', { chatKind: 'private', name: 'Ben' });
const tess = actor('501', '501', { platform: 'telegram', chatKind: 'private', name: 'Tess' });

const button = (message: NeutralMessage, label: string) => {
  const found = actionButtonsOf(message).find((entry) => entry.label === label);
  if (!found) throw new Error(`no ${label} in ${actionButtonsOf(message).map((entry) => entry.label)}`);
  return found;
};

describe('reporting a question', () => {
  let t: TestCore;
  let article: Article;
  beforeEach(async () => {
    t = await makeCore();
    const found = t.catalog.byId(ARTICLE);
    if (!found) throw new Error('no article');
    article = found;
  });
  afterEach(() => t.close());

  const reports = () => new ReportsRepository(t.store.records).get(ARTICLE);

  /** Starts a solo quiz and answers its first question; returns the feedback and the question asked. */
  async function answerFirst(who: Actor) {
    const question = onlyMessage(await t.core.quiz.start(who, article, 'solo'));
    const buttons = answerButtons(question, article);
    const answered = await t.router.press(who, buttons.wrong.payload);
    return { feedback: onlyMessage(answered), question: buttons.question };
  }

  async function report(who: Actor, feedback: NeutralMessage, reason: string): Promise<Response> {
    const prompt = await t.router.press(who, button(feedback, 'Report').payload);
    return t.router.press(who, button(onlyMessage(prompt), reason).payload);
  }

  test('the Report button asks why, privately; a reason is stored with the question’s version and thanked for', async () => {
    const { feedback, question } = await answerFirst(ana);
    const prompt = await t.router.press(ana, button(feedback, 'Report').payload);
    expect(prompt.messages[0]?.target).toEqual({ to: 'private' });
    expect(actionButtonsOf(onlyMessage(prompt)).map((entry) => entry.label)).toEqual([
      'Answer key is wrong',
      'Unclear',
      'Out of date',
      'Something else',
    ]);
    const thanks = await t.router.press(ana, button(onlyMessage(prompt), 'Answer key is wrong').payload);
    expect(thanks.messages[0]?.target).toEqual({ to: 'update' });
    expect(textOf(onlyMessage(thanks))).toContain('as: Answer key is wrong.');
    const stored = (await reports())?.questions[questionKey(question.prompt)];
    expect(stored).toEqual({
      'console:ana': { reason: 'wrong-key', version: questionVersion(question), at: t.clock.now() },
    });
  });

  test('one report per person and question: a second replaces the first, also from the person’s linked account', async () => {
    const { feedback, question } = await answerFirst(ana);
    await report(ana, feedback, 'Unclear');
    const again = await report(ana, feedback, 'Out of date');
    expect(textOf(onlyMessage(again))).toContain('This replaces your earlier report (Unclear)');
    const key = questionKey(question.prompt);
    expect(Object.keys((await reports())?.questions[key] ?? {})).toEqual(['console:ana']);

    // Ana links her Telegram account: reporting the same question from there replaces her report.
    const code = onlyMessage(
      await t.router.runLine(ana, { name: 'link', args: '' }, async () => false),
    ).blocks.find((block) => block.kind === 'code');
    if (code?.kind !== 'code') throw new Error('no link code');
    await t.router.runLine(tess, { name: 'link', args: code.text }, async () => false);
    let asked = onlyMessage(await t.core.quiz.start(tess, article, 'solo'));
    // Tess answers until she meets the question Ana reported.
    for (;;) {
      const buttons = answerButtons(asked, article);
      const answered = onlyMessage(await t.router.press(tess, buttons.right.payload));
      if (buttons.question.prompt === question.prompt) {
        const replaced = await report(tess, answered, 'Answer key is wrong');
        expect(textOf(onlyMessage(replaced))).toContain('This replaces your earlier report (Out of date)');
        break;
      }
      asked = onlyMessage(await t.router.press(tess, button(answered, 'Next question ▶').payload));
    }
    const entries = (await reports())?.questions[key] ?? {};
    expect(Object.entries(entries).map(([who, entry]) => [who, entry.reason])).toEqual([
      ['console:ana', 'wrong-key'],
    ]);

    // Someone else's report is their own.
    const other = await answerFirst(ben);
    await report(ben, other.feedback, 'Unclear');
    expect(Object.keys((await reports())?.questions[questionKey(other.question.prompt)] ?? {})).toContain(
      'console:ben',
    );
  });

  test('only someone who answered may report; a forged, garbled or outdated payload changes nothing', async () => {
    const { feedback, question } = await answerFirst(ana);
    const payload = button(feedback, 'Report').payload;
    // Ben sees the same button (one chat) but did not answer.
    const refused = await t.router.press(ben, payload);
    expect(refused.notice).toEqual({
      text: 'Only someone who answered this question can report it. Answer it first.',
      tone: 'error',
    });
    const [, , round = ''] = payload.split(':');
    const forged = [
      encodeAction({ type: 'reason', round, question: 0, reason: 'unclear' }).replace(/:u$/, ':z'),
      `${encodeAction({ type: 'report', round, question: 0 })}:1`,
      encodeAction({ type: 'reason', round: 'zzzzzzzzzz', question: 0, reason: 'unclear' }),
      encodeAction({ type: 'reason', round, question: 7, reason: 'unclear' }),
    ];
    const answers = await Promise.all(forged.map((entry) => t.router.press(ana, entry)));
    expect(answers.map((entry) => entry.notice?.text)).toEqual([
      'That button is not valid. Send /help to start again.',
      'That button is not valid. Send /help to start again.',
      'This question can no longer be reported: its quiz is more than a week old.',
      'Only someone who answered this question can report it. Answer it first.',
    ]);
    expect((await reports())?.questions[questionKey(question.prompt)]).toBeUndefined();
  });

  test('"Something else" asks for a note: the next text is it; too long is refused and asked again; the button sends none, once', async () => {
    const { feedback, question } = await answerFirst(ana);
    const prompt = await t.router.press(ana, button(feedback, 'Report').payload);
    const asked = await t.router.press(ana, button(onlyMessage(prompt), 'Something else').payload);
    expect(asked.messages).toEqual([]);
    expect(asked.ask?.title).toBe('Report: something else');
    expect(asked.ask?.maxLength).toBe(300);
    const skip = button(asked.ask?.message ?? { blocks: [], buttons: [] }, 'Send without a note');
    expect(skip.payload).toBe(asked.ask?.payload);
    const key = questionKey(question.prompt);

    // Text from someone who was asked nothing is not for the report.
    expect(await t.router.reply(ben, 'hello')).toEqual({ messages: [] });
    const long = await t.router.reply(ana, 'x'.repeat(301));
    expect(long.notice).toEqual({
      text: 'A note may be at most 300 characters; yours has 301. Send a shorter one.',
      tone: 'error',
    });
    expect(long.ask?.payload).toBe(asked.ask?.payload);
    expect((await reports())?.questions[key]).toBeUndefined();

    // Control characters and line breaks become plain spaces.
    const noted = await t.router.reply(ana, '  The year\nis wrong\u0007 \u202eok ');
    expect(noted.messages[0]?.target).toEqual({ to: 'reply' });
    expect(textOf(onlyMessage(noted))).toContain('Your note: “The year is wrong ok”');
    expect((await reports())?.questions[key]?.['console:ana']).toMatchObject({
      reason: 'other',
      note: 'The year is wrong ok',
    });
    // The note was taken: a second text is not for the report, and the button no longer overwrites it.
    expect(await t.router.reply(ana, 'more')).toEqual({ messages: [] });
    const late = await t.router.press(ana, skip.payload);
    expect(late.notice?.text).toContain('This note was sent already, or waited too long.');
    expect((await reports())?.questions[key]?.['console:ana']?.note).toBe('The year is wrong ok');

    // Asked again, the button sends the report without a note.
    await t.router.press(ana, button(onlyMessage(prompt), 'Something else').payload);
    const none = await t.router.press(ana, skip.payload);
    expect(textOf(onlyMessage(none))).toContain('as: Something else.');
    expect((await reports())?.questions[key]?.['console:ana']?.note).toBeUndefined();

    // A note in a dialog (Discord's modal) comes with its payload; an ask left alone lapses.
    const dialog = await t.router.submit(ana, skip.payload, 'Typed in a dialog', {
      ref: 'm1',
      shared: false,
    });
    expect(dialog.messages[0]?.target).toEqual({ to: 'update' });
    expect((await reports())?.questions[key]?.['console:ana']?.note).toBe('Typed in a dialog');
    await t.router.press(ana, button(onlyMessage(prompt), 'Something else').payload);
    t.clock.advance(NOTE_WAIT_MS + 1);
    expect(await t.router.reply(ana, 'too late')).toEqual({ messages: [] });
    expect((await t.router.submit(ana, encodeAction({ type: 'review' }), 'x')).notice?.text).toBe(
      'That form is not valid. Send /help to start again.',
    );
  });
});

describe('a typed note and its ask are one change', () => {
  test('when the report cannot be written (SQLite refusing it), the ask stays open and the same note is filed once the store takes it', async () => {
    const folder = await tempDir();
    const file = join(folder.path, 'state.sqlite');
    const namespace = uniqueNamespace();
    const t = await makeCore({ storeUrl: `sqlite://${file}`, namespace });
    const refuse = await SqliteConnection.open(file, new WriteMeter());
    try {
      const article = t.catalog.byId(ARTICLE);
      if (!article) throw new Error('no article');
      const question = onlyMessage(await t.core.quiz.start(ana, article, 'solo'));
      const buttons = answerButtons(question, article);
      const feedback = onlyMessage(await t.router.press(ana, buttons.wrong.payload));
      const prompt = await t.router.press(ana, button(feedback, 'Report').payload);
      await t.router.press(ana, button(onlyMessage(prompt), 'Something else').payload);
      for (const when of ['INSERT', 'UPDATE']) {
        await refuse.exec(`CREATE TRIGGER refuse_reports_${when} BEFORE ${when} ON keyv
          WHEN NEW.key LIKE '${namespace}:reports:%'
          BEGIN SELECT RAISE(ABORT, 'the disk refused the report'); END`);
      }
      await expect(t.router.reply(ana, 'The year is wrong')).rejects.toThrow();
      for (const when of ['INSERT', 'UPDATE']) await refuse.exec(`DROP TRIGGER refuse_reports_${when}`);
      const noted = await t.router.reply(ana, 'The year is wrong');
      expect(textOf(onlyMessage(noted))).toContain('Your note: “The year is wrong”');
      const stored = await new ReportsRepository(t.store.records).get(ARTICLE);
      expect(stored?.questions[questionKey(buttons.question.prompt)]?.['console:ana']?.note).toBe(
        'The year is wrong',
      );
      expect(await t.router.reply(ana, 'more')).toEqual({ messages: [] });
    } finally {
      await refuse.close();
      await t.close();
      await folder.remove();
    }
  });
});

describe.skipIf(onRedis.skip)(onRedis.title('reports from two instances at once'), () => {
  test('the same person reporting one question on two instances at once, over and over, keeps one report', async () => {
    const namespace = uniqueNamespace();
    const one = await makeCore({ storeUrl: redisUrl ?? '', namespace });
    const two = await makeCore({ storeUrl: redisUrl ?? '', namespace });
    try {
      const article = one.catalog.byId(ARTICLE);
      if (!article) throw new Error('no article');
      const question = onlyMessage(await one.core.quiz.start(ana, article, 'solo'));
      const buttons = answerButtons(question, article);
      const feedback = onlyMessage(await one.router.press(ana, buttons.right.payload));
      const prompt = onlyMessage(await one.router.press(ana, button(feedback, 'Report').payload));
      const reasons = ['Unclear', 'Out of date', 'Answer key is wrong'];
      const repository = new ReportsRepository(one.store.records);
      for (let round = 0; round < 5; round++) {
        await Promise.all(
          reasons.map((reason, index) =>
            (index % 2 === 0 ? one : two).router.press(ana, button(prompt, reason).payload),
          ),
        );
        const entries =
          (await repository.get(ARTICLE))?.questions[questionKey(buttons.question.prompt)] ?? {};
        expect(Object.keys(entries)).toEqual(['console:ana']);
      }
    } finally {
      await one.close();
      await two.close();
    }
  });
});
