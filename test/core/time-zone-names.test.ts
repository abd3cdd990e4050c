import { describe, expect, test } from 'vitest';
import { resolveTimeZone, suggestTimeZones, takenAsText } from '../../src/core/time-zone-names.ts';

describe('time zones as people type them', () => {
  test.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['Berlin', 'Europe/Berlin'],
    ['BERLIN', 'Europe/Berlin'],
    ['são paulo', 'America/Sao_Paulo'],
    ['Sao_Paulo', 'America/Sao_Paulo'],
    ['new york', 'America/New_York'],
    ['New-York', 'America/New_York'],
    ['Zürich', 'Europe/Zurich'],
    // Newer IANA names, which the runtime may know only by their old ones (Kiev, Calcutta).
    ['Kyiv', 'Europe/Kyiv'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['utc', 'UTC'],
  ])('%s is %s, said without a note', (typed, zone) => {
    const resolved = resolveTimeZone(typed);
    expect(resolved).toEqual({ zone });
    expect(resolved && takenAsText(resolved)).toBeUndefined();
  });

  test.each([
    ['CET', 'Europe/Brussels'],
    ['cet', 'Europe/Brussels'],
    ['GMT', 'UTC'],
    ['US/Eastern', 'America/New_York'],
  ])('the abbreviation %s is taken as %s, and the reply says so', (typed, zone) => {
    const resolved = resolveTimeZone(typed);
    expect(resolved?.zone).toBe(zone);
    expect(resolved && takenAsText(resolved)).toMatch(
      new RegExp(
        `^${typed.toUpperCase() === typed || typed.includes('/') ? typed : typed.toUpperCase()} is an abbreviation, not a place: it was taken as ${zone}\\.`,
      ),
    );
  });

  test.each([['Berlim'], ['Mars/Base'], [''], ['york'], ['Europe/Berlim']])('%s names no zone', (typed) => {
    expect(resolveTimeZone(typed)).toBeUndefined();
  });

  test('a near miss is offered the zones it may mean, by city, best first', () => {
    expect(suggestTimeZones('Berlim')).toEqual(['Europe/Berlin']);
    expect(suggestTimeZones('Europe/Berlim')).toEqual(['Europe/Berlin']);
    expect(suggestTimeZones('york')[0]).toBe('America/New_York');
    expect(suggestTimeZones('los')).toContain('America/Los_Angeles');
    expect(suggestTimeZones('Mars/Base')).toEqual([]);
    expect(suggestTimeZones('a', 25).length).toBeLessThanOrEqual(25);
  });
});
