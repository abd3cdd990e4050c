import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.ts';
import { defineCommand, z } from '../../src/command-kit/define-command.ts';
import { parseCommandLine } from '../../src/command-kit/parse-command-line.ts';
import { parseTextArgs } from '../../src/command-kit/parse-text-args.ts';
import { actionButtonsOf, onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

const never = async () => false;

describe('command definitions', () => {
  test('every command the README promises exists and fits both platforms', () => {
    const names = commands.map((command) => command.name);
    for (const name of ['help', 'news', 'brief', 'read', 'quiz', 'progress', 'leaderboard', 'topics']) {
      expect(names).toContain(name);
    }
    for (const command of commands) {
      expect(command.name).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const spec of command.specs) expect(spec.description.length).toBeGreaterThan(3);
    }
  });

  test('a definition outside the platforms’ limits fails when it is built', () => {
    expect(() =>
      defineCommand({
        name: 'Bad Name',
        description: 'x',
        options: z.object({}),
        run: async () => ({ messages: [] }),
      }),
    ).toThrow(/name must be/);
    expect(() =>
      defineCommand({
        name: 'ok',
        description: 'd'.repeat(101),
        options: z.object({}),
        run: async () => ({ messages: [] }),
      }),
    ).toThrow(/description must be/);
  });

  test('typed lines are split into options: choices, numbers and free text', () => {
    const quiz = commands.find((command) => command.name === 'quiz');
    expect(parseTextArgs(quiz?.specs ?? [], 'deepseek delay group 45')).toEqual({
      article: 'deepseek delay',
      mode: 'group',
      seconds: '45',
    });
    expect(parseCommandLine('/quiz@newsquiz_bot deepseek')).toEqual({
      name: 'quiz',
      args: 'deepseek',
      addressee: 'newsquiz_bot',
    });
    expect(parseCommandLine('hello')).toBeUndefined();
  });
});

describe('commands through the router', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  test('/brief with no argument shows the newest article; sections open on demand', async () => {
    const newest = t.catalog.all()[0];
    const card = onlyMessage(await t.router.runLine(actor('a'), { name: 'brief', args: '' }, never));
    expect(card.blocks[0]).toEqual({ kind: 'title', text: newest?.title, url: newest?.source.url });
    expect(textOf(card)).toContain('What changed');
    expect(textOf(card)).toContain('Who should care');
    const labels = card.buttons.flat().map((button) => button.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Key takeaways',
        'Comparison',
        'Deep dive',
        'Implications',
        'Timeline',
        'Related',
        'Source',
      ]),
    );
    for (const button of actionButtonsOf(card).slice(0, 6)) {
      const section = await t.router.press(actor('a'), button.payload);
      expect(section.messages[0]?.target).toEqual({ to: 'private' });
      expect(textOf(onlyMessage(section))).toContain(button.label);
    }
  });

  test('an article is found by words of its title; no match suggests the closest', async () => {
    const card = onlyMessage(
      await t.router.runLine(actor('a'), { name: 'brief', args: 'DeepSeek V4' }, never),
    );
    expect(textOf(card)).toContain('DeepSeek');
    const miss = await t.router.runLine(actor('a'), { name: 'brief', args: 'deepsek hardwre' }, never);
    expect(miss.notice?.text).toContain('No article matches');
    expect(actionButtonsOf(onlyMessage(miss)).map((button) => button.label)).toContain('deepseek-v4-delay');
  });

  test('/news filters by topic; an unknown topic lists the known ones', async () => {
    const news = onlyMessage(await t.router.runLine(actor('a'), { name: 'news', args: 'energy' }, never));
    expect(textOf(news)).toContain('#energy');
    const energy = t.catalog.all().filter((article) => article.topics.includes('energy'));
    expect(actionButtonsOf(news)).toHaveLength(Math.min(energy.length, 5));
    const unknown = await t.router.runLine(actor('a'), { name: 'news', args: 'gardening' }, never);
    expect(unknown.notice?.text).toMatch(/There is no topic "gardening"\. Topics: .*energy/);
  });

  test('bad options and unknown commands get a short helpful reply', async () => {
    const seconds = await t.router.runLine(actor('a'), { name: 'quiz', args: 'group 5' }, never);
    expect(seconds.notice?.text).toBe(
      '/quiz: seconds should be a whole number from 10 to 300, not "5", e.g. /quiz group 30',
    );
    const unknown = await t.router.runLine(actor('a'), { name: 'frobnicate', args: '' }, never);
    expect(unknown.notice?.text).toContain('There is no /frobnicate command');
    const extra = await t.router.runLine(actor('a'), { name: 'progress', args: 'now please' }, never);
    expect(extra.notice?.text).toContain('does not take');
  });

  test('/help lists every command and /topics offers a button per topic', async () => {
    const help = textOf(onlyMessage(await t.router.runLine(actor('a'), { name: 'help', args: '' }, never)));
    for (const command of commands) expect(help).toContain(`/${command.name}`);
    const topics = onlyMessage(await t.router.runLine(actor('a'), { name: 'topics', args: '' }, never));
    const first = actionButtonsOf(topics)[0];
    const news = onlyMessage(await t.router.press(actor('a'), first?.payload ?? ''));
    expect(textOf(news)).toContain(`Latest briefs on ${first?.label}`);
  });
});
