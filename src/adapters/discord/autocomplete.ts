// Autocomplete suggestions for article, topic and time-zone options, from the catalog and the runtime.
import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { OptionSpec } from '../../command-kit/option-spec.ts';
import type { ArticleCatalog } from '../../core/article-catalog.ts';
import { clipText } from '../../core/clip-text.ts';
import { suggestArticles } from '../../core/find-article.ts';
import { suggestTimeZones } from '../../core/time-zone-names.ts';

/** Discord shows at most 25 suggestions; names and string values are at most 100 characters. */
export const AUTOCOMPLETE_LIMITS = { choices: 25, name: 100, value: 100 } as const;

export type Choice = APIApplicationCommandOptionChoice<string>;
export type AutocompleteKind = NonNullable<OptionSpec['autocomplete']>;

let timeZones: readonly string[] | undefined;
function allTimeZones(): readonly string[] {
  timeZones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return timeZones;
}

/** Entries containing the typed text, those starting with it first. */
function rank<T>(entries: readonly T[], typed: string, key: (entry: T) => string): T[] {
  const wanted = typed.toLowerCase();
  const matching = entries.filter((entry) => key(entry).toLowerCase().includes(wanted));
  const starts = matching.filter((entry) => key(entry).toLowerCase().startsWith(wanted));
  return [...starts, ...matching.filter((entry) => !starts.includes(entry))];
}

function articles(catalog: ArticleCatalog, typed: string): Choice[] {
  return suggestArticles(catalog, typed.trim(), AUTOCOMPLETE_LIMITS.choices)
    .filter((article) => article.id.length <= AUTOCOMPLETE_LIMITS.value)
    .map((article) => ({ name: clipText(article.title, AUTOCOMPLETE_LIMITS.name), value: article.id }));
}

/** One topic, or the last of a comma-separated list (subscribe's `topics`), completed in place. */
function topics(catalog: ArticleCatalog, typed: string): Choice[] {
  const parts = typed.split(',').map((part) => part.trim().replace(/^#/, '').toLowerCase());
  const last = parts.pop() ?? '';
  const chosen = parts.filter(Boolean);
  const candidates = catalog.topics().filter((entry) => !chosen.includes(entry.topic));
  return rank(candidates, last, (entry) => entry.topic)
    .map(({ topic, count }) => {
      const value = [...chosen, topic].join(',');
      const label = `${[...chosen, topic].map((entry) => `#${entry}`).join(', ')} (${count} article${count === 1 ? '' : 's'})`;
      return { name: clipText(label, AUTOCOMPLETE_LIMITS.name), value };
    })
    .filter((choice) => choice.value.length <= AUTOCOMPLETE_LIMITS.value);
}

/** Zones by city as typed (`são paulo`, `berl`), as /timezone suggests them; all of them before a word. */
function zones(typed: string): Choice[] {
  const named = typed.trim() === '' ? allTimeZones() : suggestTimeZones(typed, AUTOCOMPLETE_LIMITS.choices);
  return named.map((zone) => ({ name: zone, value: zone }));
}

export function autocompleteChoices(
  kind: AutocompleteKind,
  typed: string,
  catalog: ArticleCatalog,
): Choice[] {
  const choices =
    kind === 'article' ? articles(catalog, typed) : kind === 'topic' ? topics(catalog, typed) : zones(typed);
  return choices.slice(0, AUTOCOMPLETE_LIMITS.choices);
}
