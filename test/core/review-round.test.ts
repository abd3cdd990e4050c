import { join } from 'node:path';
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Article } from '../../src/content/article-schema.ts';
import { decodeAction } from '../../src/core/action-payload.ts';
import type { NeutralMessage, Response } from '../../src/core/output.ts';
import { SqliteConnection } from '../../src/store/sqlite-connection.ts';
import { storePorts } from '../../src/store/store-ports.ts';
import { WriteMeter } from '../../src/store/write-meter.ts';
import { actionButtonsOf, answerButtons, onlyMessage, promptOf, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore, tempDir, uniqueNamespace } from '../support/test-core.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('/review', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  const ana = actor('ana', 'ana-dm', { chatKind: 'private' });
  const line = (who: typeof ana, text: string) => {
    const [name = '', ...rest] = text.split(' ');
    return t.router.runLine(who, { name, args: rest.join(' ') }, async () => true);
  };
  const article = (): Article => {
    const found = t.catalog.byId('deepseek-v4-delay');
    if (!found) throw new Error('no content');
    return found;
  };
  const articleOf = (message: NeutralMessage): Article => {
    const found = t.catalog
      .all()
      .find((entry) => entry.questions.some((q) => q.prompt === promptOf(message)));
    if (!found) throw new Error(`no article asks "${promptOf(message)}"`);
    return found;
  };
  const buttonLabelled = (message: NeutralMessage, label: string) => {
    const button = actionButtonsOf(message).find((entry) => entry.label.startsWith(label));
    if (!button) throw new Error(`no "${label}" button in ${JSON.stringify(message.buttons)}`);
    return button;
  };

  /** A whole solo quiz, wrong on the first `wrong` questions; returns the summary and the missed prompts. */
  async function quiz(wrong: number): Promise<{ summary: NeutralMessage; missed: string[] }> {
    let message = onlyMessage(await t.core.quiz.start(ana, article(), 'solo'));
    const missed: string[] = [];
    for (let position = 0; ; position++) {
      const buttons = answerButtons(message, article());
      if (position < wrong) missed.push(buttons.question.prompt);
      const answered = await t.router.press(ana, (position < wrong ? buttons.wrong : buttons.right).payload);
      const summary = answered.messages[1]?.message;
      if (summary) return { summary, missed };
      message = onlyMessage(await t.router.press(ana, buttonLabelled(onlyMessage(answered), 'Next').payload));
    }
  }

  /** Answers a review card; returns the response and the card's prompt. */
  async function answerCard(card: NeutralMessage, right: boolean): Promise<Response> {
    const buttons = answerButtons(card, articleOf(card));
    return t.router.press(ana, (right ? buttons.right : buttons.wrong).payload);
  }

  test('right after a quiz, /review asks exactly the missed questions, one by one, privately, then says when the next is due', async () => {
    const { missed } = await quiz(2);
    const first = await line(ana, 'review');
    expect(first.messages[0]?.target).toEqual({ to: 'private' });
    const card1 = onlyMessage(first);
    expect(textOf(card1)).toContain('Review 1 of 2');
    const feedback1 = await answerCard(card1, true);
    expect(feedback1.notice?.tone).toBe('ok');
    expect(feedback1.messages).toHaveLength(1);
    const next = buttonLabelled(onlyMessage(feedback1), 'Next review');
    const card2 = onlyMessage(await t.router.press(ana, next.payload));
    expect(textOf(card2)).toContain('Review 2 of 2');
    expect([promptOf(card1), promptOf(card2)].sort()).toEqual([...missed].sort());
    const feedback2 = await answerCard(card2, false);
    expect(feedback2.notice?.tone).toBe('wrong');
    // The last card has no way on, only its Report button.
    expect(actionButtonsOf(onlyMessage(feedback2)).map((button) => button.label)).toEqual(['Report']);
    const done = feedback2.messages[1];
    expect(done?.target).toEqual({ to: 'private' });
    const doneText = textOf(done?.message ?? { blocks: [], buttons: [] });
    expect(doneText).toContain('Review complete');
    expect(doneText).toContain('"value":"1 of 2"');
    // The card missed again comes back after FSRS's first learning step (1 minute), not at once.
    expect(doneText).toMatch(/Next review.{0,20}In 1 minute\./);
    // The quizzed article counts as read: the next one offered is another.
    expect(doneText).toContain('Next article: ');
    expect(doneText).not.toContain(article().title);
    expect(actionButtonsOf(done?.message ?? { blocks: [], buttons: [] }).map((b) => b.label)).toEqual([
      'Read the next article',
      'Quiz on it',
    ]);
  });

  test('with nothing due, /review says when the next card comes due', async () => {
    expect(textOf(onlyMessage(await line(ana, 'review')))).toContain('No cards left to review');
    await quiz(1);
    const card = onlyMessage(await line(ana, 'review'));
    await answerCard(card, true);
    const nothing = textOf(onlyMessage(await line(ana, 'review')));
    expect(nothing).toContain('Nothing to review now');
    // Right after a miss the card is still learning: FSRS keeps it to short steps.
    expect(nothing).toContain('Next review in 10 minutes.');
  });

  test('a card reviewed right is due after the interval FSRS gives, not before', async () => {
    await quiz(1);
    const wrongAt = t.clock.now();
    const card = onlyMessage(await line(ana, 'review'));
    t.clock.advance(5 * MINUTE);
    const reviewedAt = t.clock.now();
    await answerCard(card, true);
    // The quiz's wrong answer was Again at wrongAt; this review is Good at reviewedAt.
    const again = fsrs().next(createEmptyCard(new Date(wrongAt)), new Date(wrongAt), Rating.Again).card;
    const good = fsrs().next(again, new Date(reviewedAt), Rating.Good).card;
    const dueAt = good.due.getTime();
    expect(dueAt).toBeGreaterThan(reviewedAt);
    t.clock.set(dueAt - 1);
    expect(textOf(onlyMessage(await line(ana, 'review')))).toContain('Nothing to review now');
    t.clock.set(dueAt);
    expect(promptOf(onlyMessage(await line(ana, 'review')))).toBe(promptOf(card));
  });

  test('a card missed in a review is back after a minute, and one review never asks it twice', async () => {
    await quiz(1);
    const card = onlyMessage(await line(ana, 'review'));
    const feedback = await answerCard(card, false);
    expect(textOf(feedback.messages[1]?.message ?? { blocks: [], buttons: [] })).toContain('Review complete');
    expect(textOf(onlyMessage(await line(ana, 'review')))).toContain('Nothing to review now');
    t.clock.advance(MINUTE);
    expect(promptOf(onlyMessage(await line(ana, 'review')))).toBe(promptOf(card));
  });

  test('the solo quiz summary offers to review the questions just missed', async () => {
    const { summary, missed } = await quiz(3);
    const offer = buttonLabelled(summary, 'Review 3 missed questions');
    expect(decodeAction(offer.payload)).toEqual({ type: 'review' });
    const card = onlyMessage(await t.router.press(ana, offer.payload));
    expect(missed).toContain(promptOf(card));
    const perfect = await quiz(0);
    expect(actionButtonsOf(perfect.summary).some((b) => b.label.startsWith('Review'))).toBe(false);
  });

  test('"Next review" pressed twice shows the same next card, and only its owner can answer it', async () => {
    await quiz(3);
    const card = onlyMessage(await line(ana, 'review'));
    const next = buttonLabelled(onlyMessage(await answerCard(card, true)), 'Next review');
    const once = onlyMessage(await t.router.press(ana, next.payload));
    const twice = onlyMessage(await t.router.press(ana, next.payload));
    expect(twice).toEqual(once);
    const bob = actor('bob', 'ana-dm', { chatKind: 'private' });
    const refused = await t.router.press(bob, answerButtons(once, articleOf(once)).right.payload);
    expect(refused.notice?.tone).toBe('error');
    // The card shown twice is one card: answering it works once.
    const third = await answerCard(once, true);
    expect(third.notice?.tone).toBe('ok');
  });

  test('"Next review" that fails to be written (a refused write) writes nothing: pressed again, it shows the next card', async () => {
    // On SQLite, where a trigger can refuse the index of open rounds as a failing disk would.
    await t.close();
    const folder = await tempDir();
    const file = join(folder.path, 'state.sqlite');
    const namespace = uniqueNamespace();
    t = await makeCore({ storeUrl: `sqlite://${file}`, namespace });
    const refuse = await SqliteConnection.open(file, new WriteMeter());
    try {
      await quiz(2);
      const card1 = onlyMessage(await line(ana, 'review'));
      const next = buttonLabelled(onlyMessage(await answerCard(card1, true)), 'Next review');
      await refuse.exec(`CREATE TRIGGER refuse_index BEFORE UPDATE ON keyv
        WHEN NEW.key = '${namespace}:rounds:open'
        BEGIN SELECT RAISE(ABORT, 'the disk refused the index'); END`);
      await expect(t.router.press(ana, next.payload)).rejects.toThrow();
      await refuse.exec('DROP TRIGGER refuse_index');
      const card2 = onlyMessage(await t.router.press(ana, next.payload));
      expect(textOf(card2)).toContain('Review 2 of 2');
      expect(await answerCard(card2, true)).toMatchObject({ notice: { tone: 'ok' } });
    } finally {
      await refuse.close();
      await t.close();
      t = await makeCore();
      await folder.remove();
    }
  });

  test('finishing a review counts its day as completed (what restores a broken streak)', async () => {
    await quiz(1);
    t.clock.advance(DAY);
    const card = onlyMessage(await line(ana, 'review'));
    const profiles = storePorts(t.store).profiles;
    expect((await profiles.get('console', 'ana'))?.completedDays).toEqual(['2026-11-23']);
    await answerCard(card, true);
    expect((await profiles.get('console', 'ana'))?.completedDays).toEqual(['2026-11-23', '2026-11-24']);
  });

  test('review answers count for the person, never on the board of the group the review was asked from', async () => {
    const bob = actor('bob', 'group-7', { platform: 'telegram', privateChatId: 'bob' });
    const question = onlyMessage(await t.core.quiz.start(bob, article(), 'group'));
    await t.router.press(bob, answerButtons(question, article()).wrong.payload);
    await t.core.effects.flush();
    const before = await t.core.progress.ranking('telegram', 'group-7', 'all');
    const card = onlyMessage(await t.router.runLine(bob, { name: 'review', args: '' }, async () => false));
    expect(await t.router.press(bob, answerButtons(card, article()).right.payload)).toMatchObject({
      notice: { tone: 'ok' },
    });
    expect(await t.core.progress.ranking('telegram', 'group-7', 'all')).toEqual(before);
    expect(await t.store.answers.stats('telegram', 'bob')).toMatchObject({ answered: 2, correct: 1 });
  });
});
