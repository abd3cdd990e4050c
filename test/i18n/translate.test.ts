// Fluent messages: loaded per locale, falling back to English, with plurals and numbers through Intl.
import { expect, test } from 'vitest';
import { matchLocale } from '../../src/i18n/locales.ts';
import { translate, translator } from '../../src/i18n/translate.ts';

test('a message comes in the asked language, and an unknown locale gets English', () => {
  expect(translate('en', 'language-name-de')).toBe('German (Deutsch)');
  expect(translate('de', 'language-name-de')).toBe('Deutsch');
  expect(translate('fr', 'language-name-de')).toBe('German (Deutsch)');
  expect(translator('zh-CN')('language-name-zh-CN')).toBe('简体中文');
});

test('an id that no locale has is a bug, named in the error', () => {
  expect(() => translate('de', 'no-such-message')).toThrow(/no-such-message/);
});

test("platform tags find the language the bot has: Discord's and Telegram's spellings", () => {
  expect(matchLocale('en-US')).toBe('en');
  expect(matchLocale('de')).toBe('de');
  expect(matchLocale('zh')).toBe('zh-CN');
  expect(matchLocale('zh-hans')).toBe('zh-CN');
  expect(matchLocale('fr')).toBeUndefined();
  expect(matchLocale('')).toBeUndefined();
  expect(matchLocale('de DE; drop table')).toBeUndefined();
});

test('Chinese spaces a Latin or numeric value from the Han text around it, and nothing else', () => {
  expect(translate('zh-CN', 'timezone-set', { zone: 'UTC' })).toBe('你的每一天现在从 UTC 的午夜开始。');
  expect(translate('zh-CN', 'language-current', { name: '简体中文' })).toBe('在这里我用简体中文和你交流。');
  expect(
    translate('zh-CN', 'option-not-a-choice', {
      name: 'quiz',
      option: translate('zh-CN', 'cmd-quiz-mode-label'),
      choices: translate('zh-CN', 'list-or', { init: 'solo', last: 'group' }),
      typed: '"x"',
      example: '/quiz solo',
    }),
  ).toBe('/quiz：模式应为 solo 或 group，而不是 "x"，例如 /quiz solo');
  // Dates stay tight, as Intl writes them.
  expect(translate('zh-CN', 'date-day-month-year', { year: '2026', month: '10月', day: '14' })).toBe(
    '2026年10月14日',
  );
  // English and German stay exactly as written.
  expect(translate('en', 'timezone-set', { zone: 'UTC' })).toBe('Your days now start at midnight in UTC.');
});
