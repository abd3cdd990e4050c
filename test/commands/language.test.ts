// /language: a person's own choice > their app's language > the chat's language > DEFAULT_LOCALE.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import type { Response } from '../../src/core/output.ts';
import { onlyMessage, textOf } from '../support/quiz-helpers.ts';
import { actor, makeCore, type TestCore } from '../support/test-core.ts';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

const said = (response: Response) => response.notice?.text ?? textOf(onlyMessage(response));
const language = (who: Actor, args = '', admin = false) =>
  t.router.runLine(who, { name: 'language', args }, async () => admin);

const dm = (userId: string, overrides: Partial<Actor> = {}) =>
  actor(userId, `dm-${userId}`, { chatKind: 'private', privateChatId: `dm-${userId}`, ...overrides });
const inGroup = (userId: string, overrides: Partial<Actor> = {}) =>
  actor(userId, 'group-1', { privateChatId: `dm-${userId}`, ...overrides });

test('alone it says the language in use, where it comes from, and the ones on offer', async () => {
  const shown = said(await language(dm('ana')));
  expect(shown).toContain('I speak English with you here.');
  expect(shown).toContain('It is my default language.');
  expect(shown).toContain('en (English), de (German, Deutsch), zh-CN (Simplified Chinese, 简体中文)');
});

test("the app's language is used with no setting, and a person's choice beats it", async () => {
  expect(said(await language(dm('ana', { platformLocale: 'de-DE' })))).toContain(
    'Hier spreche ich Deutsch mit dir.',
  );
  expect(said(await language(dm('ana', { platformLocale: 'de-DE' }), 'zh'))).toContain(
    '从现在起，我用简体中文和你交流。',
  );
  const shown = said(await language(dm('ana', { platformLocale: 'de-DE' })));
  expect(shown).toContain('在这里我用简体中文和你交流。');
  expect(shown).toContain('这是你用 /language 选择的。');
  expect(said(await language(dm('ana', { platformLocale: 'de-DE' }), 'auto'))).toContain(
    'Im Moment ist das Deutsch.',
  );
});

test("in a group an admin sets the chat's language; a member's own app or choice still comes first", async () => {
  const set = await language(inGroup('ada'), 'de', true);
  expect(said(set)).toContain('Die Sprache dieses Chats ist jetzt Deutsch');
  expect(set.messages[0]?.target).toEqual({ to: 'reply' });
  // Bob has no choice and no app language: the chat's.
  expect(said(await language(inGroup('bob')))).toContain('Das ist die Sprache dieses Chats.');
  // Cyd's app is Chinese: that comes before the chat's.
  expect(said(await language(inGroup('cyd', { platformLocale: 'zh-CN' })))).toContain(
    '这是你的应用所设置的语言。',
  );
  // A member who is not an admin sets their own language only.
  expect(said(await language(inGroup('bob'), 'en'))).toContain('From now on I speak English with you.');
  expect(said(await language(inGroup('dan')))).toContain('Hier spreche ich Deutsch mit dir.');
  // …and that follows them to their private chat, where reminders go.
  expect(await t.core.languages.chatLocale('console', 'dm-bob')).toBe('en');
  expect(await t.core.languages.chatLocale('console', 'group-1')).toBe('de');
  expect(said(await language(inGroup('ada'), 'auto', true))).toContain("This chat's choice is cleared");
  expect(await t.core.languages.chatLocale('console', 'group-1')).toBe('en');
});

test('a language the bot does not speak is refused with the ones it does', async () => {
  expect(said(await language(dm('ana'), 'fr'))).toBe(
    '"fr" is not a language I speak. Choose one of: en (English), de (German, Deutsch), zh-CN (Simplified Chinese, 简体中文).',
  );
});

test('typed values work in English and in the languages the bot speaks', async () => {
  const run = (name: string, args: string, who = dm('ana')) =>
    t.router.runLine(who, { name, args }, async () => true);
  expect(said(await run('streak', 'rest Sa,So'))).toContain('Your rest days are now sat, sun.');
  expect(said(await run('streak', 'rest 周六，星期日'))).toContain('Your rest days are now sat, sun.');
  expect(said(await run('streak', 'rest Montag'))).toContain('Your rest days are now mon.');
  const group = await run('quiz', 'deepseek-v4-delay Gruppe 30', inGroup('ada'));
  expect(said(group)).toContain('Everyone can answer');
  expect(said(await run('leaderboard', '全部', inGroup('ada')))).toContain('Leaderboard · all time');
});
