import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import { parseTimeOfDay } from '../../commands/time-option.ts';
import { commandUsage } from '../../src/command-kit/command-usage.ts';
import { tokenize } from '../../src/command-kit/parse-text-args.ts';
import { onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

const admin = async () => true;

describe('times of day as people type them', () => {
  test.each([
    ['08:30', '08:30'],
    ['8:00', '08:00'],
    ['8am', '08:00'],
    ['8AM', '08:00'],
    ['8:30pm', '20:30'],
    ['8.30 p.m.', '20:30'],
    ['20.30', '20:30'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['0:05', '00:05'],
  ])('%s is %s', (typed, time) => {
    expect(parseTimeOfDay(typed)).toBe(time);
  });

  test.each(['25:00', '13pm', '0am', '8:75', '8', 'noon', '8:5'])('%s is not a time of day', (typed) => {
    expect(parseTimeOfDay(typed)).toBeUndefined();
  });
});

describe('quoting', () => {
  test('a quoted stretch is one value, with straight or typographic quotes', () => {
    expect(tokenize('"deepseek delay" group')).toEqual([
      { text: 'deepseek delay', quoted: true },
      { text: 'group', quoted: false },
    ]);
    expect(tokenize('“deepseek delay” topics:"ai, security"').map((token) => token.text)).toEqual([
      'deepseek delay',
      'topics:ai, security',
    ]);
  });
});

describe('typed commands', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());
  const line = (name: string, args = '') => t.router.runLine(actor('admin'), { name, args }, admin);

  test('/subscribe takes 8:30pm, Monday and a zone in any letter case', async () => {
    await line('subscribe', 'weekly-recap 8:30pm Monday europe/berlin');
    await line('subscribe', 'Daily-Brief 8am');
    await line('subscribe', 'quiz-of-the-day 20.30 UTC');
    const stored = await t.core.subscriptions.all();
    expect(stored.map(({ kind, time, weekday, timezone }) => ({ kind, time, weekday, timezone }))).toEqual(
      expect.arrayContaining([
        { kind: 'weekly-recap', time: '20:30', weekday: 'mon', timezone: 'Europe/Berlin' },
        // No zone given: the chat's, from its weekly recap.
        { kind: 'daily-brief', time: '08:00', weekday: null, timezone: 'Europe/Berlin' },
        { kind: 'quiz-of-the-day', time: '20:30', weekday: null, timezone: 'UTC' },
      ]),
    );
  });

  test('/subscribe and /unsubscribe take a kind by its words in the languages the bot speaks', async () => {
    const kinds = async () => (await t.core.subscriptions.all()).map((entry) => entry.kind).sort();
    for (const typed of ['Wochenrückblick 9:00 mon', 'Tagesquiz 20:30', '每日速览 8:00']) {
      const response = await line('subscribe', typed);
      expect(response.notice?.tone, typed).not.toBe('error');
    }
    expect(await kinds()).toEqual(['daily-brief', 'quiz-of-the-day', 'weekly-recap']);
    for (const typed of ['"Quiz des Tages"', '每周回顾', 'Überblick']) {
      const response = await line('unsubscribe', typed);
      expect(response.notice?.tone, typed).not.toBe('error');
    }
    expect(await kinds()).toEqual([]);
    // A word no kind answers to is still refused with the kinds there are.
    expect((await line('unsubscribe', 'Wetterbericht')).notice?.text).toContain(
      'daily-brief, weekly-recap or quiz-of-the-day',
    );
  });

  test('/subscribe takes an abbreviation in capitals as the zone, and says what it was taken as', async () => {
    const reply = await line('subscribe', 'weekly-recap 9am mon CET');
    expect(reply.messages.map((out) => JSON.stringify(out.message)).join(' ')).toContain(
      'CET is an abbreviation, not a place: it was taken as Europe/Brussels.',
    );
    expect((await t.core.subscriptions.all())[0]).toMatchObject({ timezone: 'Europe/Brussels', topics: [] });
  });

  test.each(['mon', 'MON', 'monday', 'Monday', 'mond', 'monday.'])(
    'the weekday %s is Monday',
    async (day) => {
      const response = await line('subscribe', `weekly-recap 9:00 ${day}`);
      expect(response.notice?.tone).not.toBe('error');
      expect((await t.core.subscriptions.all())[0]?.weekday).toBe('mon');
    },
  );

  test('quoted values are taken as typed', async () => {
    const news = onlyMessage(await line('news', '"ai"'));
    expect(textOf(news)).toContain('Latest briefs on #ai');
    const quiz = await line('quiz', '"deepseek delay" group');
    expect(quiz.notice?.tone).not.toBe('error');
    expect(textOf(onlyMessage(quiz))).toContain('Everyone can answer');
    expect(textOf(onlyMessage(quiz))).toContain('DeepSeek');
  });

  test('a word left over after an article name is reported as a bad mode, not searched for', async () => {
    const team = await line('quiz', 'deepseek team');
    expect(team.notice?.text).toBe('/quiz: mode is solo or group, not "team", e.g. /quiz deepseek solo');
    // Words that belong to a title stay the article; a title that matches nothing still gets suggestions.
    const delay = await line('quiz', 'deepseek delay group 45');
    expect(delay.notice?.tone).not.toBe('error');
    const miss = await line('quiz', 'deepsek hardwre');
    expect(miss.notice?.text).toContain('No article matches');
    const quoted = await line('quiz', '"deepseek team"');
    expect(quoted.notice?.text).toContain('No article matches');
  });

  test('/help and each usage list the allowed values', async () => {
    const help = textOf(onlyMessage(await line('help')));
    expect(help).toContain('/quiz [article] [solo|group] [seconds]');
    expect(help).toContain('/leaderboard [week|all]');
    expect(help).toContain('/unsubscribe <daily-brief|weekly-recap|quiz-of-the-day>');
    expect(help).toContain(
      '/subscribe <daily-brief|weekly-recap|quiz-of-the-day> <time> [mon|tue|wed|thu|fri|sat|sun] [timezone] [topics]',
    );
    for (const command of commands) expect(help).toContain(commandUsage(command));
    expect((await line('leaderboard', 'week now')).notice?.text).toBe(
      '/leaderboard does not take "now". Usage: /leaderboard [week|all]',
    );
  });
});

describe('usage and option problems in the reader’s language', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());
  const lineIn = (platformLocale: string, name: string, args = '') =>
    t.router.runLine(actor('admin', 'chat-1', { platformLocale }), { name, args }, admin);

  test('/help names options in the reader’s language; command names and the values typed stay as they are', async () => {
    const german = textOf(onlyMessage(await lineIn('de', 'help')));
    expect(german).toContain('/quiz [Artikel] [solo|group] [Sekunden]: ');
    expect(german).toContain(
      '/subscribe <daily-brief|weekly-recap|quiz-of-the-day> <Uhrzeit> [mon|tue|wed|thu|fri|sat|sun] [Zeitzone] [Themen]',
    );
    const chinese = textOf(onlyMessage(await lineIn('zh-CN', 'help')));
    expect(chinese).toContain('/quiz [文章] [solo|group] [秒数]：');
    for (const [locale, help] of [
      ['de', german],
      ['zh-CN', chinese],
    ] as const) {
      for (const command of commands) {
        for (const spec of command.specs.filter((entry) => !entry.choices)) {
          expect(help, `${locale} /${command.name} ${spec.name}`).not.toMatch(
            new RegExp(`/${command.name} [^"]*[[<]${spec.name}[\\]>]`),
          );
        }
      }
    }
    expect(textOf(onlyMessage(await lineIn('en', 'help')))).toContain(
      '/quiz [article] [solo|group] [seconds]: Comprehension questions on an article',
    );
  });

  test('a bad option is called by its name in the reader’s language, and name:value still takes the name', async () => {
    expect((await lineIn('de', 'quiz', 'deepseek team')).notice?.text).toBe(
      '/quiz: Modus ist solo oder group, nicht "team", z. B. /quiz deepseek solo',
    );
    expect((await lineIn('zh-CN', 'quiz', 'deepseek team')).notice?.text).toBe(
      '/quiz：模式应为 solo 或 group，而不是 "team"，例如 /quiz deepseek solo',
    );
    expect((await lineIn('de', 'leaderboard', 'week jetzt')).notice?.text).toBe(
      '/leaderboard nimmt "jetzt" nicht an. Verwendung: /leaderboard [week|all]',
    );
    const named = await lineIn('de', 'subscribe', 'daily-brief 08:00 timezone:UTC');
    expect(named.notice?.tone).not.toBe('error');
    expect((await t.core.subscriptions.all())[0]).toMatchObject({ kind: 'daily-brief', timezone: 'UTC' });
  });
});

test('the README’s commands table shows each command as /help does', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const command of commands) {
    expect(readme).toContain(`| \`${commandUsage(command).replaceAll('|', '\\|')}\` |`);
  }
});
