// The playground wraps Chinese by the columns a terminal gives it: two per character, a line may end
// between characters, and closing punctuation never starts a line.
import { expect, test } from 'vitest';
import { displayWidth, wrapText } from '../../../src/adapters/console/wrap-text.ts';

test('a Chinese character takes two columns, a letter one, a combining mark none', () => {
  expect(displayWidth('abc')).toBe(3);
  expect(displayWidth('测验')).toBe(4);
  expect(displayWidth('é')).toBe(1);
});

test('Chinese text wraps within the width, between characters, keeping punctuation on its line', () => {
  const text = '你的每一天从协调世界时的午夜开始，这是机器人的默认时区：你还没有设置自己的时区。';
  const lines = wrapText(text, 20);
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
  expect(lines.join('')).toBe(text);
  for (const line of lines.slice(1)) expect(line).not.toMatch(/^[，。：]/);
});

test('mixed text keeps its spaces and English wraps as before', () => {
  expect(wrapText('用 /review 开始复习', 40)).toEqual(['用 /review 开始复习']);
  expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
});

test('Latin words followed by full-width punctuation keep their order, wrapped or not', () => {
  const texts = [
    '已关联账号：无（用 /link 关联 Discord 和 Telegram）',
    '每天 20:30（UTC）',
    '答案是“They can set a minimum charge level to respect”。',
    '私信提醒：19:00、7pm 或 off',
    'space,。 telecom',
  ];
  for (const text of texts) {
    expect(wrapText(text, 200)).toEqual([text]);
    for (const width of [8, 12, 20]) {
      const lines = wrapText(text, width);
      // Rejoined where they broke (a break replaces a space, or none between CJK), the words are in order.
      expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    }
  }
});

const CLOSING_START = /^\s*[，。、：；！？）」』】〉》)\]},.:;!?]/u;
const OPENING_END = /[（「『【〈《([{]$/u;

/** Every line fits, none starts with closing punctuation or ends with an opening bracket. */
function expectWellBroken(lines: readonly string[], width: number): void {
  for (const line of lines) {
    expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    expect(line, 'starts with closing punctuation').not.toMatch(CLOSING_START);
    expect(line, 'ends with an opening bracket').not.toMatch(OPENING_END);
  }
}

test('no line starts with closing punctuation or ends with an opening bracket, in Chinese or Latin text', () => {
  const texts = [
    '我会说：en (英语（English）), de (德语（Deutsch）), zh-CN (简体中文)。',
    'zh-CN (Vereinfachtes Chinesisch (简体中文)), de (Deutsch), en (Englisch (English))',
    '/unsubscribe <daily-brief|weekly-recap|quiz-of-the-day>：停止在这里发布每日速览（管理员）',
    '「引号」和『书名』以及【方括号】、〈单书名〉《书名号》！真的？是的；好：',
    'call f(x) [see {a, b}] now: yes; no! why? ok.',
  ];
  for (const text of texts) {
    for (const width of [10, 15, 20, 30, 45, 80]) {
      const lines = wrapText(text, width, '• ', '  ');
      expectWellBroken(lines, width);
      expect(lines.join(' ').replace(/[\s•]+/g, '')).toBe(text.replace(/\s+/g, ''));
    }
  }
});

test('a continuation line keeps the entry indent, even when a colon follows a long word', () => {
  const lines = wrapText('/unsubscribe <daily-brief|weekly-recap|quiz-of-the-day>：停止发布', 45, '• ', '  ');
  expect(lines[0]).toBe('• /unsubscribe');
  for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
  expectWellBroken(lines, 45);
});

test('a path or URL wider than the line is broken where it must be, nothing lost', () => {
  const path = '/tmp/newsquiz-content-a1b2c3d4/articles/2026/grid-batteries-strain-sensors.md:44';
  const lines = wrapText(
    `${path} → questions.0.choices: needs exactly one correct choice, found 0`,
    30,
    '',
    '  ',
  );
  expectWellBroken(lines, 30);
  expect(lines.join('').replace(/\s+/g, '')).toContain(path);
  // It starts on the first line (broken only where it must), after a separator where one is near.
  expect(lines[0]).toMatch(/^\/tmp\/.*[/-]$/);
});
