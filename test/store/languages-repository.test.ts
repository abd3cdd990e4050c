// Languages chosen with /language, on every backend: all of a platform's choices come back in one read;
// choices made at once (in one batch, and from two instances) are all kept; a private chat's choice and
// its person's change together; choices stored one per record by the previous release are moved in.
import { describe, expect } from 'vitest';
import { LanguagesRepository } from '../../src/store/languages-repository.ts';
import { RACES, STORE_BACKENDS, useStorePair } from '../support/store-backends.ts';

describe.each(STORE_BACKENDS)('language choices in the $name store', (backend) => {
  const { pair, maybe } = useStorePair(backend);
  const on = (n: number) => new LanguagesRepository(pair.on(n).records);

  maybe('a choice is read back with every other one of the platform, and cleared', async () => {
    const one = on(0);
    await one.set('discord', [
      { scope: 'user', id: '11', locale: 'de' },
      { scope: 'chat', id: 'dm:11', locale: 'de' },
    ]);
    await one.set('discord', [{ scope: 'chat', id: '900', locale: 'zh-CN' }]);
    await one.set('telegram', [{ scope: 'user', id: '11', locale: 'zh-CN' }]);
    const discord = await on(1).all('discord');
    expect(Object.fromEntries(discord.user)).toEqual({ '11': 'de' });
    expect(Object.fromEntries(discord.chat)).toEqual({ 'dm:11': 'de', '900': 'zh-CN' });
    expect(Object.fromEntries((await one.all('telegram')).user)).toEqual({ '11': 'zh-CN' });

    await one.set('discord', [
      { scope: 'user', id: '11', locale: null },
      { scope: 'chat', id: 'dm:11', locale: null },
    ]);
    const cleared = await on(1).all('discord');
    expect(cleared.user.size).toBe(0);
    expect(Object.fromEntries(cleared.chat)).toEqual({ '900': 'zh-CN' });
  });

  maybe(
    `choices made at once, in one batch and from two instances, are all kept (${RACES} times)`,
    async () => {
      const [one, two] = [on(0), on(1)];
      const expected = new Map<string, string>();
      for (let race = 0; race < RACES; race++) {
        // 40 people a race: several land in the same bucket, so the writes meet on one record.
        const people = Array.from({ length: 40 }, (_, n) => `${race}-${n}`);
        await Promise.all(
          people.map((id, n) => {
            const locale = n % 2 === 0 ? 'de' : 'zh-CN';
            expected.set(id, locale);
            const repository = n % 3 === 0 ? two : one;
            return repository.set('discord', [
              { scope: 'user', id, locale },
              { scope: 'chat', id: `private-${id}`, locale },
            ]);
          }),
        );
        const all = await (race % 2 === 0 ? one : two).all('discord');
        expect(all.user.size, `race ${race}`).toBe(expected.size);
        for (const [id, locale] of expected) {
          expect(all.user.get(id), `race ${race}: ${id}`).toBe(locale);
          // A person's choice and their private chat's agree.
          expect(all.chat.get(`private-${id}`), `race ${race}: private-${id}`).toBe(locale);
        }
      }
    },
  );

  maybe(
    'choices stored one per record (the previous release) are moved in once; a newer choice stays',
    async () => {
      // A namespace of its own: nothing moved or chosen there yet.
      const { records } = await pair.elsewhere();
      const on = (_n: number) => new LanguagesRepository(records);
      await records.write('language:user:discord:21', { v: 1, locale: 'de' });
      await records.write('language:chat:discord:dm:21', { v: 1, locale: 'de' });
      await records.write('language:chat:telegram:-100500', { v: 1, locale: 'zh-CN' });
      await records.write('language:user:discord:22', { v: 1, locale: 'de' });
      // Not a choice at all: removed with the rest of the old layout.
      await records.write('language:nonsense', { v: 1, locale: 'de' });
      // Person 22 chose again after the upgrade, on an instance that had moved nothing yet.
      const fresh = new LanguagesRepository(records);
      await records.write('languages:moved', { v: 1 });
      await fresh.set('discord', [{ scope: 'user', id: '22', locale: 'zh-CN' }]);
      await records.delete('languages:moved');

      const [discord, telegram] = await Promise.all([on(1).all('discord'), on(0).all('telegram')]);
      expect(Object.fromEntries(discord.user)).toEqual({ '21': 'de', '22': 'zh-CN' });
      expect(Object.fromEntries(discord.chat)).toEqual({ 'dm:21': 'de' });
      expect(Object.fromEntries(telegram.chat)).toEqual({ '-100500': 'zh-CN' });
      expect(await records.keys('language:', 100)).toEqual([]);
      // Once moved, never again: an old record appearing later is not looked for.
      await records.write('language:user:discord:23', { v: 1, locale: 'de' });
      expect((await on(0).all('discord')).user.has('23')).toBe(false);
    },
  );

  maybe('keys by prefix are only those under the prefix, in this namespace', async () => {
    const { records } = await pair.elsewhere();
    await records.write('language:user:x', { v: 1 });
    await records.write('language:chat:y', { v: 1 });
    await records.write('languages:user:z', { v: 1 });
    await records.write('languagf', { v: 1 });
    await records.write('other:language:w', { v: 1 });
    await pair.on(0).records.write('language:user:elsewhere', { v: 1 });
    expect((await records.keys('language:', 100)).sort()).toEqual(['language:chat:y', 'language:user:x']);
    expect(await records.keys('language:', 1)).toHaveLength(1);
    expect(await records.keys('nothing-here:', 100)).toEqual([]);
  });
});
