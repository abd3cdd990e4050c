import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DISCORD_WORDING } from '../../src/adapters/discord/discord-wording.ts';
import { TELEGRAM_WORDING } from '../../src/adapters/telegram/telegram-adapter.ts';
import type { Actor } from '../../src/core/actor.ts';
import {
  CODE_ALPHABET,
  CODE_TTL_MS,
  MAX_WRONG_GLOBAL,
  MAX_WRONG_PER_ACCOUNT,
  newCode,
  normalizeCode,
} from '../../src/core/linking/link-code.ts';
import { mergeCards, mergeProfiles } from '../../src/core/linking/link-service.ts';
import type { Response } from '../../src/core/output.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SqliteConnection } from '../../src/store/sqlite-connection.ts';
import { WriteMeter } from '../../src/store/write-meter.ts';
import { needsRedis } from '../support/cannot-run.ts';
import { actionButtonsOf, answerButtons, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import {
  actor,
  makeCore,
  NOW,
  redisSkipReason,
  redisUrl,
  type TestCore,
  tempDir,
  uniqueNamespace,
} from '../support/test-core.ts';

const DAY = 86_400_000;
// Each as its platform's adapter makes them: with the adapter's wording.
const tess = actor('501', '501', {
  platform: 'telegram',
  chatKind: 'private',
  name: 'Tess',
  wording: TELEGRAM_WORDING,
});
const dee = actor('401', 'dc-channel', {
  platform: 'discord',
  chatKind: 'group',
  name: 'Dee',
  wording: DISCORD_WORDING,
});
const mallory = actor('402', 'dc-channel', {
  platform: 'discord',
  chatKind: 'group',
  name: 'Mallory',
  wording: DISCORD_WORDING,
});
/** Tess in a Telegram group: everyone there reads what she types. */
const tessInGroup = actor('501', '-1002', {
  platform: 'telegram',
  chatKind: 'group',
  name: 'Tess',
  privateChatId: '501',
  inputSeenByOthers: true,
  wording: TELEGRAM_WORDING,
});
/** A Telegram group acting as itself: an anonymous admin, a channel post, a member posting as a channel. */
const theGroup = actor('chat-1002', '-1002', {
  platform: 'telegram',
  chatKind: 'group',
  name: 'Team',
  asChat: true,
  inputSeenByOthers: true,
});
/** Commands whose replies are for one person, with arguments that make them do something. */
const PERSONAL_LINES = [
  ['link', ''],
  ['link', 'ABCDE-FGHJK'],
  ['unlink', ''],
  ['review', ''],
  ['remind', '19:00'],
  ['progress', ''],
  ['streak', ''],
  ['timezone', 'Europe/Berlin'],
  ['read', 'deepseek'],
  ['quiz', 'deepseek solo'],
] as const;

/** The code a /link reply shows, as shown (`XXXXX-XXXXX`). */
function codeIn(response: Response): string {
  const block = onlyMessage(response).blocks.find((entry) => entry.kind === 'code');
  if (block?.kind !== 'code') throw new Error(`no code in ${JSON.stringify(response)}`);
  return block.text;
}

/** The fields of a /progress reply, by label. */
function fieldsOf(response: Response): Record<string, string> {
  const block = onlyMessage(response).blocks.find((entry) => entry.kind === 'fields');
  if (block?.kind !== 'fields') throw new Error('no fields');
  return Object.fromEntries(block.fields.map((field) => [field.label, field.value]));
}

describe('account linking', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  const run = (who: Actor, name: string, args = '') =>
    t.router.runLine(who, { name, args }, async () => false);

  /** Answers the first question of an article in a solo quiz, right or wrong. */
  async function answer(who: Actor, articleId: string, right: boolean) {
    const article = t.catalog.byId(articleId);
    if (!article) throw new Error(`no article ${articleId}`);
    const question = onlyMessage(await t.core.quiz.start(who, article, 'solo'));
    const buttons = answerButtons(question, article);
    await t.router.press(who, (right ? buttons.right : buttons.wrong).payload);
  }

  /** Answers every question of an article wrongly in one solo quiz; returns how many there were. */
  async function missAll(who: Actor, articleId: string): Promise<number> {
    const article = t.catalog.byId(articleId);
    if (!article) throw new Error(`no article ${articleId}`);
    let question = onlyMessage(await t.core.quiz.start(who, article, 'solo'));
    for (let count = 1; ; count++) {
      const answered = await t.router.press(who, answerButtons(question, article).wrong.payload);
      const next = answered.messages
        .flatMap((out) => actionButtonsOf(out.message))
        .find((button) => button.advance);
      if (!next) return count;
      question = onlyMessage(await t.router.press(who, next.payload));
    }
  }

  const progress = async (who: Actor) => fieldsOf(await t.core.progress.show(who));

  test('/timezone from the account linked second sets the zone of the person, and moves its reminder', async () => {
    await run(tess, 'link', codeIn(await run(dee, 'link')));
    await run(tess, 'remind', '19:00');
    expect((await run(tess, 'timezone', 'Asia/Tokyo')).notice).toBeUndefined();
    for (const who of [tess, dee]) expect((await t.core.progress.streak(who)).timezone).toBe('Asia/Tokyo');
    expect((await t.core.reminders.reminderOf('telegram', '501', '501'))?.timezone).toBe('Asia/Tokyo');
    expect(textOf(onlyMessage(await run(dee, 'timezone')))).toContain('Asia/Tokyo, set with /timezone');
  });

  test('a code is 10 readable symbols from a CSPRNG, shown privately with how to use it', async () => {
    const response = await run(tess, 'link');
    expect(response.messages[0]?.target).toEqual({ to: 'private' });
    const shown = codeIn(response);
    expect(shown).toMatch(new RegExp(`^[${CODE_ALPHABET}]{5}-[${CODE_ALPHABET}]{5}$`));
    expect(CODE_ALPHABET).not.toMatch(/[0O1lI]/);
    expect(textOf(onlyMessage(response))).toContain(`Type /link ${shown} on Discord within 10 minutes`);
    // 31^10 codes: more than 40 bits.
    expect(Math.log2(CODE_ALPHABET.length ** 10)).toBeGreaterThan(40);
    const codes = new Set(Array.from({ length: 200 }, () => newCode()));
    expect(codes.size).toBe(200);
    expect(normalizeCode(' 7kq4x-m9tzc ')).toBe('7KQ4XM9TZC');
  });

  test('linking merges two histories: answers counted once, days united, cards united with the earlier due, the issuer’s time zone', async () => {
    await run(tess, 'timezone', 'America/New_York');
    await run(dee, 'timezone', 'Asia/Tokyo');
    // Day 1: both answer; both miss every DeepSeek question (Tess first), Dee misses another.
    const shared = await missAll(tess, 'deepseek-v4-delay');
    await answer(tess, 'eu-ai-act-august-2026', true);
    t.clock.advance(3_600_000);
    await missAll(dee, 'deepseek-v4-delay');
    await answer(dee, 'quillstore-3-release', false);
    // Day 2: both active (an overlapping day); day 3: Dee alone.
    t.clock.advance(DAY);
    await answer(tess, 'orbitlink-direct-to-cell', true);
    await answer(dee, 'risc-v-server-core-tapeout', true);
    t.clock.advance(DAY);
    await answer(dee, 'sodium-ion-cold-weather-vans', true);
    await t.core.effects.flush();
    const before = { tess: await progress(tess), dee: await progress(dee) };
    expect(before.tess['Questions answered']).toBe(String(shared + 2));
    expect(before.dee['Questions answered']).toBe(String(shared + 3));
    const tessCards = await t.core.reviews.due('telegram', '501', t.clock.now());
    expect(tessCards.due).toHaveLength(shared);

    const linked = await run(dee, 'link', codeIn(await run(tess, 'link')));
    expect(textOf(onlyMessage(linked))).toContain('Telegram (Tess) and Discord (Dee) are now one person');

    for (const who of [tess, dee]) {
      const after = await progress(who);
      expect(after['Questions answered']).toBe(String(2 * shared + 5));
      expect(after.Accuracy).toBe(`${Math.round((4 / (2 * shared + 5)) * 100)}%`);
      expect(after['Linked accounts']).toBe('Telegram (Tess), Discord (Dee)');
      const { streak, timezone } = await t.core.progress.streak(who);
      expect(timezone).toBe('America/New_York');
      // Active days of both, each day once: three days in a row.
      expect(streak.current).toBe(3);
      expect(streak.best).toBeGreaterThanOrEqual(3);
    }
    // The DeepSeek cards both had are one set, due when Tess’s were; Dee’s other card joined them.
    const { due } = await t.core.reviews.due('discord', '401', t.clock.now());
    expect(due).toHaveLength(shared + 1);
    for (const mine of tessCards.due) {
      const merged = due.find((entry) => entry.id === mine.id);
      expect(merged?.card.fsrs.due).toBe(mine.card.fsrs.due);
      expect(merged?.card.fsrs.due).toBeLessThan(NOW + 3_600_000);
    }

    // New answers on either platform count for the person, once.
    await answer(dee, 'westmark-virtual-power-plant', true);
    await answer(tess, 'ferrobridge-dangling-str', true);
    expect((await progress(tess))['Questions answered']).toBe(String(2 * shared + 7));
    expect((await progress(dee))['Questions answered']).toBe(String(2 * shared + 7));
  });

  test('the issuer is told through the outbox', async () => {
    await run(dee, 'link', codeIn(await run(tess, 'link')));
    const outbox = new OutboxRepository(t.store.records);
    const items = await Promise.all((await outbox.pendingIds()).map((id) => outbox.get(id)));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ platform: 'telegram', chatId: 'user:501', status: 'pending' });
    expect(JSON.stringify(items[0]?.payload)).toContain('are now one person');
  });

  test('a wrong code, a used code and an expired code are refused and link nothing', async () => {
    const wrong = await run(dee, 'link', 'ABCDE-FGHJK');
    expect(wrong.notice?.text).toMatch(/^That code is wrong, or it was used already\..*4 tries left/);
    const code = codeIn(await run(tess, 'link'));
    await run(dee, 'link', code);
    const reused = await run(mallory, 'link', code);
    expect(reused.notice?.text).toMatch(/^That code is wrong, or it was used already/);
    expect((await progress(mallory))['Linked accounts']).toMatch(/^none/);

    const late = codeIn(await run(mallory, 'link'));
    t.clock.advance(CODE_TTL_MS);
    const expired = await run(tess, 'link', late);
    expect(expired.notice?.text).toMatch(/^That code has expired/);
    // A code made again replaces the earlier one, which then no longer works.
    const firstCode = codeIn(await run(mallory, 'link'));
    codeIn(await run(mallory, 'link'));
    const replaced = await run(tess, 'link', firstCode);
    expect(replaced.notice?.text).toMatch(/^That code is wrong/);
    expect((await progress(mallory))['Linked accounts']).toMatch(/^none/);
  });

  test('after 5 wrong codes in 10 minutes even the right one is refused, until the window has passed', async () => {
    for (let attempt = 0; attempt < MAX_WRONG_PER_ACCOUNT; attempt++) {
      t.clock.advance(1_000);
      const refused = await run(dee, 'link', `ABCDE-FGHJ${CODE_ALPHABET[attempt]}`);
      expect(refused.notice?.text).toContain('That code is wrong');
    }
    const code = codeIn(await run(tess, 'link'));
    const blocked = await run(dee, 'link', code);
    expect(blocked.notice?.text).toMatch(/^Too many link codes were tried/);
    // Another account is not held back by Dee’s attempts.
    expect((await run(mallory, 'link', 'ABCDE-FGHJK')).notice?.text).toContain('That code is wrong');
    t.clock.advance(CODE_TTL_MS - 1_000);
    const fresh = codeIn(await run(tess, 'link'));
    const linked = await run(dee, 'link', fresh);
    expect(textOf(onlyMessage(linked))).toContain('are now one person');
  });

  test('all accounts together get at most 1,000 attempts per window; then even a new account is refused', async () => {
    const code = codeIn(await run(tess, 'link'));
    for (let attempt = 0; attempt < MAX_WRONG_GLOBAL; attempt++) {
      const guesser = actor(`g${Math.floor(attempt / MAX_WRONG_PER_ACCOUNT)}`, 'dc', { platform: 'discord' });
      expect((await run(guesser, 'link', 'ABCDE-FGHJK')).notice?.text).toContain('That code is wrong');
    }
    const blocked = await run(dee, 'link', code);
    expect(blocked.notice?.text).toMatch(/^Too many link codes were tried by everyone/);
    // The refused attempt did not count against Dee: in the next window her code works at once.
    t.clock.advance(CODE_TTL_MS);
    const fresh = codeIn(await run(tess, 'link'));
    expect(textOf(onlyMessage(await run(dee, 'link', fresh)))).toContain('are now one person');
  });

  test('a code typed on its own platform is refused and still works on the other', async () => {
    const code = codeIn(await run(tess, 'link'));
    const own = await run(tess, 'link', code);
    expect(own.notice?.text).toMatch(/^You made this code here/);
    const linked = await run(dee, 'link', code);
    expect(textOf(onlyMessage(linked))).toContain('are now one person');
    const again = await run(mallory, 'link', codeIn(await run(tess, 'link')));
    expect(again.notice?.text).toMatch(/linked with Discord \(Dee\) already/);
  });

  test('unlink explains, confirms with a button, and leaves the history with the first account', async () => {
    await answer(tess, 'deepseek-v4-delay', true);
    await answer(dee, 'eu-ai-act-august-2026', true);
    await run(dee, 'link', codeIn(await run(tess, 'link')));
    await answer(dee, 'quillstore-3-release', false);

    const prompt = await run(dee, 'unlink');
    const text = textOf(onlyMessage(prompt));
    expect(text).toContain('stays with your first account, Telegram (Tess)');
    const [confirm] = actionButtonsOf(onlyMessage(prompt));
    expect(confirm?.label).toBe('Unlink');
    // Nothing changes until the button is pressed.
    expect((await progress(dee))['Linked accounts']).toBe('Telegram (Tess), Discord (Dee)');
    const done = await t.router.press(dee, confirm?.payload ?? '');
    expect(textOf(onlyMessage(done))).toContain('Your history stays with Telegram (Tess)');

    const first = await progress(tess);
    expect(first['Questions answered']).toBe('3');
    expect(first['Reviews due']).toMatch(/^1 /);
    expect(first['Linked accounts']).toMatch(/^none/);
    const second = await progress(dee);
    expect(second['Questions answered']).toBe('0');
    expect(second['Reviews due']).toBe('0');
    // A second press finds nothing to unlink.
    expect((await t.router.press(dee, confirm?.payload ?? '')).notice?.text).toContain('not linked');
    expect((await run(dee, 'unlink')).notice?.text).toContain('not linked');
  });

  test('a /link from a chat acting as itself (anonymous admin, channel, member posting as a channel) is refused with what to do, and makes no code', async () => {
    const refused = await run(theGroup, 'link');
    expect(refused.messages).toEqual([]);
    expect(refused.notice?.text).toBe(
      '/link answers one person in private, and this message was sent as a chat (an anonymous admin, a channel, or a member posting as a channel), which has no private chat with me. Send /link from your own account.',
    );
    // Nor can a chat use a code: it stays live for the person it was meant for.
    const code = codeIn(await run(dee, 'link'));
    expect((await run(theGroup, 'link', code)).notice?.text).toMatch(/^\/link answers one person/);
    expect(textOf(onlyMessage(await run(tess, 'link', code)))).toContain('are now one person');
  });

  test('no reply meant for one person is addressed to a chat acting as itself, whatever the command', async () => {
    for (const [name, args] of PERSONAL_LINES) {
      const response = await run(theGroup, name, args);
      expect(
        response.messages.filter((out) => out.target.to === 'private'),
        `/${name} ${args}`,
      ).toEqual([]);
      expect(response.notice?.text, `/${name} ${args}`).toContain(`Send /${name} from your own account.`);
    }
  });

  test('a code typed where others in the chat can read it is void: refused there, and it no longer works anywhere', async () => {
    const code = codeIn(await run(dee, 'link'));
    const shown = await run(tessInGroup, 'link', code);
    expect(shown.messages).toEqual([]);
    expect(shown.notice?.text).toBe(
      'That code was typed where others in this chat can read it, so it no longer works. Make a new one with /link, and type it in a private chat with me.',
    );
    expect((await run(tess, 'link', code)).notice?.text).toMatch(
      /^That code is wrong, or it was used already/,
    );
    // The owner typing their own code into the group voids it the same way.
    const own = codeIn(await run(tess, 'link'));
    expect((await run(tessInGroup, 'link', own)).notice?.text).toMatch(/^That code was typed where others/);
    expect((await run(dee, 'link', own)).notice?.text).toMatch(/^That code is wrong, or it was used already/);
    // A wrong code typed there is just wrong.
    expect((await run(tessInGroup, 'link', 'ABCDE-FGHJK')).notice?.text).toMatch(/^That code is wrong/);
    expect((await progress(tess))['Linked accounts']).toMatch(/^none/);
  });

  test('an Unlink prompt works only for the link it was shown for: one from an earlier link, or forged, is refused', async () => {
    await run(dee, 'link', codeIn(await run(tess, 'link')));
    const unlinkButton = async () => {
      const [button] = actionButtonsOf(onlyMessage(await run(dee, 'unlink')));
      return button?.payload ?? '';
    };
    const old = await unlinkButton();
    expect(textOf(onlyMessage(await t.router.press(dee, await unlinkButton())))).toContain(
      'Your history stays with Telegram (Tess)',
    );
    // Linked again: the prompt of the first link must not undo the second.
    t.clock.advance(1_000);
    await run(dee, 'link', codeIn(await run(tess, 'link')));
    const stale = await t.router.press(dee, old);
    expect(stale.messages).toEqual([]);
    expect(stale.notice?.text).toBe(
      'This Unlink button was shown for an earlier link of your accounts. Send /unlink again to see what it would do now.',
    );
    for (const forged of ['1:u', '1:u:zzzzzzzz', '1:u:']) {
      expect((await t.router.press(dee, forged)).notice?.text, forged).toMatch(
        /^This Unlink button was shown for an earlier link|^That button is not valid/,
      );
    }
    expect((await progress(tess))['Linked accounts']).toBe('Telegram (Tess), Discord (Dee)');
    // The current prompt still works.
    expect(textOf(onlyMessage(await t.router.press(dee, await unlinkButton())))).toContain(
      'Accounts unlinked',
    );
  });
});

describe('merging records', () => {
  const card = (due: number, answers: string[]) => ({
    articleId: 'a',
    questionKey: 'q',
    answers,
    fsrs: {
      due,
      stability: 1,
      difficulty: 5,
      elapsed_days: 0,
      scheduled_days: 0,
      reps: 1,
      lapses: 1,
      learning_steps: 0,
      state: 1,
      last_review: null,
    },
  });

  test('a card both accounts have keeps the earlier due date, whichever account had it, and both answer lists', () => {
    const issuer = { v: 1 as const, cards: { 'a#q': card(NOW + DAY, ['r1:0:501']) } };
    const other = {
      v: 1 as const,
      cards: { 'a#q': card(NOW, ['r2:0:401']), 'b#q': { ...card(NOW, []), articleId: 'b' } },
    };
    const merged = mergeCards(issuer, other);
    expect(merged?.cards['a#q']?.fsrs.due).toBe(NOW);
    expect(merged?.cards['a#q']?.answers.sort()).toEqual(['r1:0:501', 'r2:0:401']);
    expect(Object.keys(merged?.cards ?? {}).sort()).toEqual(['a#q', 'b#q']);
  });

  test('profiles: the issuer’s time zone and rest days, else the other’s; read articles and completions of both', () => {
    const base = { v: 2 as const, name: 'x', articlesRead: [], restDays: [], completedDays: [] };
    const issuer = { ...base, timezone: null, articlesRead: ['a'], completedDays: ['2026-11-20'] };
    const other = {
      ...base,
      timezone: 'Asia/Tokyo',
      restDays: ['sun' as const],
      articlesRead: ['a', 'b'],
      completedDays: ['2026-11-21'],
    };
    expect(mergeProfiles(issuer, other)).toMatchObject({
      timezone: 'Asia/Tokyo',
      restDays: ['sun'],
      articlesRead: ['a', 'b'],
      completedDays: ['2026-11-20', '2026-11-21'],
    });
    expect(mergeProfiles({ ...issuer, timezone: 'UTC' }, other)?.timezone).toBe('UTC');
  });
});

/** Repetitions of each race: enough that an interleaving shows up on an idle machine as on a busy one. */
const RACES = 50;

/** Prints why the Redis races are skipped, when they are. */
needsRedis();

const raceBackends = [
  { name: 'in one process', skip: undefined, storeUrl: 'memory://', instances: 1 },
  {
    name: 'on two instances sharing Redis',
    skip: redisUrl ? undefined : redisSkipReason,
    storeUrl: redisUrl ?? '',
    instances: 2,
  },
];

describe.each(raceBackends)('linking races $name', ({ skip, storeUrl, instances }) => {
  const maybe = skip ? test.skip : test;
  if (skip) test.skip(`skipped: ${skip}`, () => {});
  const namespace = uniqueNamespace();
  let cores: TestCore[] = [];
  beforeAll(async () => {
    if (skip) return;
    for (let index = 0; index < instances; index++) cores.push(await makeCore({ storeUrl, namespace }));
  });
  afterAll(async () => {
    for (const core of cores.reverse()) await core.close();
    cores = [];
  });
  /** The n-th instance (the only one in one process). */
  const on = (index: number) => {
    const core = cores[index % cores.length];
    if (!core) throw new Error('no core');
    return core;
  };
  const run = (index: number, who: Actor, name: string, args = '') =>
    on(index).router.runLine(who, { name, args }, async () => false);
  const linkedTo = async (who: Actor) =>
    (await on(0).core.links.accounts(who)).map((account) => `${account.platform}:${account.userId}`);

  maybe(
    `one account redeeming two codes at once is linked with one of them only (${RACES} times)`,
    async () => {
      for (let round = 0; round < RACES; round++) {
        const a = actor(`a${round}`, 'dc', { platform: 'discord', name: 'A' });
        const b = actor(`b${round}`, 'dc', { platform: 'discord', name: 'B' });
        const me = actor(`t${round}`, `t${round}`, { platform: 'telegram', chatKind: 'private', name: 'T' });
        const codeA = codeIn(await run(0, a, 'link'));
        const codeB = codeIn(await run(1, b, 'link'));
        const replies = await Promise.all([run(0, me, 'link', codeA), run(1, me, 'link', codeB)]);
        const linked = replies.filter((reply) =>
          reply.messages.some((out) => /are now one person/.test(textOf(out.message))),
        );
        expect(linked, `round ${round}`).toHaveLength(1);
        const mine = await linkedTo(me);
        const winner = mine.includes(`discord:a${round}`) ? a : b;
        const loser = winner === a ? b : a;
        expect(mine, `round ${round}`).toHaveLength(2);
        expect(await linkedTo(winner), `round ${round}`).toEqual(mine);
        expect(await linkedTo(loser), `round ${round}`).toEqual([`discord:${loser.userId}`]);
        const refused = replies.find((reply) => !linked.includes(reply));
        expect(refused?.notice?.text, `round ${round}`).toMatch(
          /^This account is linked with Discord \(A|B\) already/,
        );
      }
    },
  );

  maybe(
    `two accounts redeeming each other's codes at once agree on who the person's first account is (${RACES} times)`,
    async () => {
      for (let round = 0; round < RACES; round++) {
        const d = actor(`d${round}`, 'dc', { platform: 'discord', name: 'D' });
        const tg = actor(`u${round}`, `u${round}`, { platform: 'telegram', chatKind: 'private', name: 'U' });
        await run(0, d, 'timezone', 'Europe/Berlin');
        await run(1, tg, 'timezone', 'Asia/Tokyo');
        const fromD = codeIn(await run(0, d, 'link'));
        const fromT = codeIn(await run(1, tg, 'link'));
        const replies = await Promise.all([run(0, d, 'link', fromT), run(1, tg, 'link', fromD)]);
        const linked = replies.filter((reply) =>
          reply.messages.some((out) => /are now one person/.test(textOf(out.message))),
        );
        expect(linked, `round ${round}`).toHaveLength(1);
        expect(replies.find((reply) => !linked.includes(reply))?.notice?.text, `round ${round}`).toBe(
          'These accounts are linked already.',
        );
        const [ofD, ofT] = [await linkedTo(d), await linkedTo(tg)];
        expect(ofD, `round ${round}`).toHaveLength(2);
        expect(ofT, `round ${round}`).toEqual(ofD);
        const zones = await Promise.all(
          [d, tg].map(async (who) => (await on(0).core.progress.streak(who)).timezone),
        );
        expect(zones[0], `round ${round}`).toBe(zones[1]);
      }
    },
  );

  maybe(
    `the Unlink pressed on both platforms at once unlinks once, and both records agree (${RACES} times)`,
    async () => {
      for (let round = 0; round < RACES; round++) {
        const d = actor(`x${round}`, 'dc', { platform: 'discord', name: 'X' });
        const tg = actor(`y${round}`, `y${round}`, { platform: 'telegram', chatKind: 'private', name: 'Y' });
        await run(1, tg, 'link', codeIn(await run(0, d, 'link')));
        const buttons = await Promise.all(
          [d, tg].map(
            async (who, index) =>
              actionButtonsOf(onlyMessage(await run(index, who, 'unlink')))[0]?.payload ?? '',
          ),
        );
        const pressed = await Promise.all([
          on(0).router.press(d, buttons[0] ?? ''),
          on(1).router.press(tg, buttons[1] ?? ''),
        ]);
        const unlinked = pressed.filter((reply) =>
          reply.messages.some((out) => /Accounts unlinked/.test(textOf(out.message))),
        );
        expect(unlinked, `round ${round}`).toHaveLength(1);
        expect(pressed.find((reply) => !unlinked.includes(reply))?.notice?.text, `round ${round}`).toBe(
          'These accounts are not linked any more.',
        );
        expect(await linkedTo(d), `round ${round}`).toEqual([`discord:x${round}`]);
        expect(await linkedTo(tg), `round ${round}`).toEqual([`telegram:y${round}`]);
      }
    },
  );
});

describe('a link and its notice to the code’s issuer are one change', () => {
  test('when the notice cannot be queued (SQLite refusing the outbox), nothing is linked, and the same code works once the store does', async () => {
    const folder = await tempDir();
    const file = join(folder.path, 'state.sqlite');
    const namespace = uniqueNamespace();
    const t = await makeCore({ storeUrl: `sqlite://${file}`, namespace });
    const refuse = await SqliteConnection.open(file, new WriteMeter());
    const run = (who: Actor, name: string, args = '') =>
      t.router.runLine(who, { name, args }, async () => false);
    try {
      const code = codeIn(await run(tess, 'link'));
      for (const when of ['INSERT', 'UPDATE']) {
        await refuse.exec(`CREATE TRIGGER refuse_outbox_${when} BEFORE ${when} ON keyv
          WHEN NEW.key LIKE '${namespace}:outbox:%'
          BEGIN SELECT RAISE(ABORT, 'the disk refused the outbox'); END`);
      }
      await expect(run(dee, 'link', code)).rejects.toThrow();
      expect(await t.core.links.accounts(dee)).toHaveLength(1);
      for (const when of ['INSERT', 'UPDATE']) await refuse.exec(`DROP TRIGGER refuse_outbox_${when}`);
      const linked = await run(dee, 'link', code);
      expect(textOf(onlyMessage(linked))).toContain('are now one person');
      const outbox = new OutboxRepository(t.store.records);
      const notices = await Promise.all((await outbox.pendingIds()).map((id) => outbox.get(id)));
      expect(notices.filter((item) => item?.chatId === 'user:501')).toHaveLength(1);
    } finally {
      await refuse.close();
      await t.close();
      await folder.remove();
    }
  });
});
