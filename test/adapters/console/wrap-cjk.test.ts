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
