// Kinds of scheduled post are definitions checked when they are built, one by one and as a list, so a
// bad one fails here rather than at a chat's first post; and people type them as they say them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { Response } from '../../src/core/output.ts';
import { definePostKind, type PostKindDefinition } from '../../src/core/post-kinds/define-post-kind.ts';
import { postKinds } from '../../src/core/post-kinds/index.ts';
import { PostKinds } from '../../src/core/post-kinds/post-kind-list.ts';
import { because } from '../../src/core/records/reason.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

/** A good chat kind to vary; it composes nothing. */
const kind = (change: Partial<PostKindDefinition> = {}): PostKindDefinition => ({
  name: 'fact-of-the-day',
  labels: { title: 'Fact of the day', offer: 'a fact of the day' },
  audience: 'chat',
  every: 'day',
  compose: async () => ({ kind: 'skip', reason: because('post-skip-no-articles') }),
  ...change,
});

const quizPayloadStep = {
  payload: 'quiz' as const,
  send: async () => ({ ok: false as const, kind: 'skip' as const, reason: because('post-skip-no-articles') }),
};

describe('one definition, when it is built', () => {
  test('a good one is taken as it is, with no aliases unless it names some', () => {
    const built = definePostKind(kind());
    expect(built.name).toBe('fact-of-the-day');
    expect(built.aliases).toEqual([]);
  });

  test('a name that cannot be typed or stored is refused', () => {
    expect(() => definePostKind(kind({ name: 'Fact of the day' }))).toThrow(
      'post kind Fact of the day: name must be 1–32 of a–z, 0–9 and -, starting with a letter',
    );
    expect(() => definePostKind(kind({ name: 'f'.repeat(33) }))).toThrow(/name must be/);
  });

  test('labels must be there, one line each; a chat kind needs the phrase /subscribe offers it with', () => {
    expect(() => definePostKind(kind({ labels: { title: '' } }))).toThrow(
      'post kind fact-of-the-day: labels.title must be one line of 1–32 characters; labels.offer is needed for a chat kind (/subscribe offers it with it)',
    );
    expect(() =>
      definePostKind(kind({ labels: { title: 'Fact', offer: 'a fact', none: 'no fact\ntoday' } })),
    ).toThrow('post kind fact-of-the-day: labels.none must be one line of text');
    // A person's kind is not offered by /subscribe: it needs no offer.
    expect(definePostKind(kind({ audience: 'person', labels: { title: 'Fact' } })).audience).toBe('person');
  });

  test('aliases are words people can type, other than its name, each once', () => {
    expect(() => definePostKind(kind({ aliases: ['Fact', 'fact-of-the-day', 'fact', 'fact'] }))).toThrow(
      'post kind fact-of-the-day: alias "Fact" must be lower case a–z, 0–9 and -, starting with a letter; alias "fact-of-the-day" is its own name; aliases repeat',
    );
  });
});

describe('the list of kinds, when it is built', () => {
  test('the shipped kinds pass, each with a title, and a chat kind with its offer; no alias answers to two kinds', () => {
    expect(() => new PostKinds(postKinds.all)).not.toThrow();
    expect(postKinds.all.map((entry) => entry.name)).toEqual([
      'daily-brief',
      'weekly-recap',
      'quiz-of-the-day',
      'review-reminder',
    ]);
    for (const entry of postKinds.all) {
      expect(entry.labels.title.length).toBeGreaterThan(0);
      if (entry.audience === 'chat') expect(entry.labels.offer?.length).toBeGreaterThan(0);
    }
    const words = postKinds.all.flatMap((entry) => [entry.name, ...entry.aliases]);
    expect(new Set(words).size).toBe(words.length);
  });

  test('every problem is named at once: a name twice, an alias of two kinds or another’s name, one payload sent two ways', () => {
    const first = definePostKind(kind({ aliases: ['fact', 'daily-brief'], send: quizPayloadStep }));
    const again = definePostKind(kind({ labels: { title: 'Again', offer: 'again' } }));
    const other = definePostKind(
      kind({ name: 'fact-of-the-week', every: 'week', aliases: ['fact'], send: quizPayloadStep }),
    );
    const [dailyBrief] = postKinds.all;
    if (!dailyBrief) throw new Error('no shipped kind');
    expect(() => new PostKinds([dailyBrief, first, again, other])).toThrow(
      'post kinds: fact-of-the-day is defined twice; alias "daily-brief" of fact-of-the-day is the name of daily-brief; alias "fact" belongs to both fact-of-the-day and fact-of-the-week; fact-of-the-day and fact-of-the-week both send a "quiz" payload',
    );
  });

  test('a list without a kind for chats is refused: /subscribe would offer nothing', () => {
    expect(
      () => new PostKinds([definePostKind(kind({ audience: 'person', labels: { title: 'Fact' } }))]),
    ).toThrow('post kinds: no chat kind: /subscribe would offer nothing');
  });

  test('/subscribe and /unsubscribe offer the chat kinds of the list, and say them in their descriptions', () => {
    const chatKinds = postKinds.forChats().map((entry) => entry.name);
    expect(chatKinds).toEqual(['daily-brief', 'weekly-recap', 'quiz-of-the-day']);
    for (const name of ['subscribe', 'unsubscribe']) {
      const command = commands.find((entry) => entry.name === name);
      expect(command?.specs.find((spec) => spec.name === 'kind')?.choices).toEqual(chatKinds);
      expect(command?.description).toContain('daily briefs, a weekly recap or a quiz of the day');
    }
  });
});

describe('kinds as people type them', () => {
  let t: TestCore;
  const admin = async () => true;
  const run = (name: string, args: string): Promise<Response> =>
    t.router.runLine(actor('admin', 'chat-9'), { name, args }, admin);
  const said = (response: Response) =>
    response.notice?.text ??
    response.messages
      .flatMap((out) => out.message.blocks)
      .map((block) => ('text' in block ? block.text : ''))
      .join(' ');

  beforeAll(async () => {
    t = await makeCore();
  });
  afterAll(() => t.close());

  test('an alias or another spelling of a kind is that kind', async () => {
    expect(said(await run('subscribe', 'recap 9am Monday UTC'))).toContain(
      'Weekly recap set for mon 09:00 (UTC)',
    );
    expect(said(await run('subscribe', 'QUIZ 8:00 UTC'))).toContain(
      'Quiz of the day set for daily 08:00 (UTC)',
    );
    expect(said(await run('subscribe', 'Daily_Brief 7am UTC'))).toContain(
      'Daily brief set for daily 07:00 (UTC)',
    );
    expect(said(await run('unsubscribe', 'qotd'))).toBe('Quiz of the day stopped for this chat.');
    expect(said(await run('unsubscribe', 'quiz'))).toBe('This chat has no quiz of the day subscription.');
  });

  test('a person’s kind is not a chat’s to subscribe to, and a weekly kind needs its weekday', async () => {
    expect(said(await run('subscribe', 'review-reminder 8:00'))).toBe(
      '/subscribe: kind is daily-brief, weekly-recap or quiz-of-the-day, not "review-reminder", e.g. /subscribe daily-brief 8:00',
    );
    expect(said(await run('subscribe', 'weekly 9am UTC'))).toBe(
      'A weekly recap needs a weekday: mon, tue, wed, thu, fri, sat or sun.',
    );
  });
});
