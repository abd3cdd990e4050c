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
