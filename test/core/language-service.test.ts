// Which language a reader gets, as the store holds the choices: no update waits on a read of its own;
// another instance's /language shows within a minute; a store that is out costs one short wait.
import { describe, expect, test } from 'vitest';
import type { Actor } from '../../src/core/actor.ts';
import { ManualClock } from '../../src/core/clock.ts';
import {
  LANGUAGE_CACHE_MS,
  LANGUAGE_PAUSE_MS,
  LANGUAGE_READ_MS,
  LanguageService,
} from '../../src/core/language-service.ts';
import { type LanguagesPort, StoreUnavailableError } from '../../src/core/ports.ts';
import { silentLogger } from '../../src/logger.ts';
import { LanguagesRepository } from '../../src/store/languages-repository.ts';
import { openMemoryStore } from '../../src/store/memory-store.ts';
import { eventually } from '../support/eventually.ts';
import { NOW } from '../support/test-core.ts';

const person = (userId: string, overrides: Partial<Actor> = {}): Actor => ({
  platform: 'discord',
  userId,
  name: userId,
  chatId: 'group-1',
  chatKind: 'group',
  platformLocale: 'en-US',
  ...overrides,
});

/** The repository, counting how often every choice of a platform is read. */
function counted(port: LanguagesPort) {
  const counter = { reads: 0 };
  const wrapped: LanguagesPort = {
    all: (platform) => {
      counter.reads++;
      return port.all(platform);
    },
    set: (platform, changes) => port.set(platform, changes),
  };
  return { port: wrapped, counter };
}

describe('language choices as the reader meets them', () => {
  test('a burst of presses from 300 people reads the choices once, and each gets their own language', async () => {
    const store = openMemoryStore('ns', silentLogger());
    const repository = new LanguagesRepository(store.records);
    await repository.set('discord', [{ scope: 'user', id: 'p7', locale: 'zh-CN' }]);
    const { port, counter } = counted(repository);
    const clock = new ManualClock(NOW);
    const languages = new LanguageService(port, clock, clock);
    const resolved = await Promise.all(
      Array.from({ length: 300 }, (_, n) => languages.resolve(person(`p${n}`))),
    );
    expect(counter.reads).toBe(1);
    expect(resolved[7]?.locale).toBe('zh-CN');
    expect(resolved.filter((reader) => reader.locale === 'en')).toHaveLength(299);
    await store.close();
  });

  test("another instance's /language is seen within a minute, and no update waits for it", async () => {
    const store = openMemoryStore('ns', silentLogger());
    const clock = new ManualClock(NOW);
    const { port, counter } = counted(new LanguagesRepository(store.records));
    const here = new LanguageService(port, clock, clock);
    const there = new LanguageService(new LanguagesRepository(store.records), clock, clock);
    expect((await here.resolve(person('p1'))).locale).toBe('en');

    await there.chooseOwn(person('p1'), 'de');
    // The other instance's own next update has it at once.
    expect((await there.resolve(person('p1'))).locale).toBe('de');
    clock.advance(LANGUAGE_CACHE_MS - 1);
    expect((await here.resolve(person('p1'))).locale).toBe('en');
    clock.advance(1);
    // Stale: this update goes on with what is held, and the choices are read again meanwhile.
    expect((await here.resolve(person('p1'))).locale).toBe('en');
    await eventually(async () => (await here.resolve(person('p1'))).locale === 'de');
    expect(counter.reads).toBe(2);
    await store.close();
  });

  test('/language in a private chat sets the person and that chat together; auto clears both', async () => {
    const store = openMemoryStore('ns', silentLogger());
    const clock = new ManualClock(NOW);
    const languages = new LanguageService(new LanguagesRepository(store.records), clock, clock);
    const inPrivate = person('p1', { chatId: 'dm:p1', chatKind: 'private', privateChatId: 'dm:p1' });
    await languages.chooseOwn(inPrivate, 'zh-CN');
    expect(await languages.chatLocale('discord', 'dm:p1')).toBe('zh-CN');
    expect((await languages.resolve(person('p1'))).locale).toBe('zh-CN');
    const fresh = new LanguageService(new LanguagesRepository(store.records), clock, clock);
    expect(await fresh.chatLocale('discord', 'dm:p1')).toBe('zh-CN');
    await languages.chooseOwn(inPrivate, null);
    expect(await languages.chatLocale('discord', 'dm:p1')).toBe('en');
    expect((await languages.resolve(person('p1', { platformLocale: 'de' }))).locale).toBe('de');
    await store.close();
  });

  test("with the store out, an update waits at most LANGUAGE_READ_MS, then goes on in the platform's language", async () => {
    const clock = new ManualClock(NOW);
    let reads = 0;
    const hanging: LanguagesPort = {
      all: () => {
        reads++;
        return new Promise(() => {});
      },
      set: () => Promise.reject(new StoreUnavailableError('down')),
    };
    const languages = new LanguageService(hanging, clock, clock);
    const waiting = languages.resolve(person('p1', { platformLocale: 'de-AT' }));
    clock.advance(LANGUAGE_READ_MS);
    expect((await waiting).locale).toBe('de');
    // Paused: the next updates do not wait again.
    expect((await languages.resolve(person('p2', { platformLocale: 'zh' }))).locale).toBe('zh-CN');
    expect(reads).toBe(1);
    clock.advance(LANGUAGE_PAUSE_MS);
    const again = languages.resolve(person('p3'));
    clock.advance(LANGUAGE_READ_MS);
    expect((await again).locale).toBe('en');
    // The read still out is waited on again, not repeated.
    expect(reads).toBe(1);
  });
});
