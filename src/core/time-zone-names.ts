// Time zones as people type them: an IANA name in any letter case, a city (`Berlin`, `são paulo`),
// or an abbreviation (`CET`), which is taken as a zone and said so; near misses get suggestions.
import { t } from '../i18n/current-locale.ts';
import { isTypoOf } from './edit-distance.ts';

/** A zone someone typed, and what it was taken as when they did not name it themselves. */
export interface TypedZone {
  /** The IANA name used from now on. */
  zone: string;
  /** What was typed, when it was an abbreviation or an old alias standing for `zone` (`CET`). */
  abbreviation?: string;
}

let known: { names: readonly string[]; areas: readonly string[] } | undefined;

/** Every zone the runtime knows, and the areas they lie in (`Europe`, `America/Argentina`). */
function zones() {
  if (!known) {
    const names = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
    const areas = [...new Set(names.filter((name) => name.includes('/')).map(areaOf))];
    known = { names, areas };
  }
  return known;
}

const areaOf = (name: string) => name.slice(0, name.lastIndexOf('/'));
const cityOf = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/** Lower case, no accents, spaces for underscores and dashes: `São_Paulo` → `sao paulo`. */
export function plainName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** The runtime's name for a zone (`CET` → `Europe/Brussels`), or undefined when it knows none. */
function runtimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** `asia/ho_chi_minh` → `Asia/Ho_Chi_Minh`: each word capitalised, as IANA writes new names. */
const capitalised = (name: string) =>
  name
    .split('/')
    .map((part) => part.replace(/[^_-]+/g, (word) => word.charAt(0).toUpperCase() + word.slice(1)))
    .join('/');

/**
 * A zone named the way IANA lists it, newer spellings included (`Europe/Kyiv`, which the runtime
 * may know only as `Europe/Kiev`), in any letter case.
 */
function areaName(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  const listed = zones().names.find((name) => name.toLowerCase() === lower);
  if (listed) return listed;
  const area = zones().areas.find((entry) => lower.startsWith(`${entry.toLowerCase()}/`));
  if (area === undefined || runtimeZone(typed) === undefined) return undefined;
  return `${area}/${capitalised(typed.slice(area.length + 1))}`;
}

/** Zones whose city is `city` exactly (spaces for underscores, any case, no accents). */
function zonesOfCity(city: string): string[] {
  const wanted = plainName(city);
  if (wanted === '' || wanted.includes('/')) return [];
  const listed = zones().names.filter((name) => name.includes('/') && plainName(cityOf(name)) === wanted);
  if (listed.length > 0) return listed;
  // A newer name the runtime knows only as an alias (`Kyiv`): tried in every area.
  const asTyped = wanted.replace(/ /g, '_');
  return zones()
    .areas.map((area) => `${area}/${capitalised(asTyped)}`)
    .filter((name) => runtimeZone(name) !== undefined);
}

/** What a typed zone stands for, or undefined when it names none (then see `suggestTimeZones`). */
export function resolveTimeZone(typed: string): TypedZone | undefined {
  const text = typed.trim();
  if (text === '') return undefined;
  const named = areaName(text);
  if (named) return { zone: named };
  const [city, ...others] = zonesOfCity(text);
  if (city && others.length === 0) return { zone: city };
  const zone = runtimeZone(text);
  if (zone === undefined) return undefined;
  // `UTC`, `utc`: the zone itself. `CET`, `GMT`, `US/Eastern`: a stand-in the runtime maps to a zone.
  return zone.toLowerCase() === text.toLowerCase()
    ? { zone }
    : { zone, abbreviation: text.includes('/') ? text : text.toUpperCase() };
}

/**
 * Zones a near miss may have meant, best first: the city named exactly, then cities starting with
 * or containing what was typed, then a city one or two letters off (`Berlim`).
 */
export function suggestTimeZones(typed: string, limit = 3): string[] {
  const wanted = plainName(typed.replace(/^.*\//, ''));
  if (wanted === '') return [];
  const ranked: { name: string; rank: number }[] = [];
  for (const name of zones().names) {
    const city = plainName(cityOf(name));
    const rank =
      city === wanted
        ? 0
        : city.startsWith(wanted)
          ? 1
          : city.includes(wanted)
            ? 2
            : plainName(name).includes(wanted)
              ? 3
              : wanted.length >= 4 && isTypoOf(wanted, city)
                ? 4
                : undefined;
    if (rank !== undefined) ranked.push({ name, rank });
  }
  const found = ranked
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .map(({ name }) => name);
  const aliases = zonesOfCity(wanted).filter((name) => !found.includes(name));
  return [...aliases, ...found].slice(0, limit);
}

/** What a reply adds when a zone was typed as an abbreviation, else nothing. */
export function takenAsText(typed: TypedZone): string | undefined {
  if (typed.abbreviation === undefined) return undefined;
  return t('timezone-abbreviation', { typed: typed.abbreviation, zone: typed.zone });
}
