// Turns a typed argument line ("deepseek delay group") into raw option values for a command.
import type { OptionSpec } from './option-spec.ts';

/** Whether a free-text value names something that exists (an article, a topic). */
export type Recognizes = (spec: OptionSpec, text: string) => boolean;

interface Token {
  text: string;
  /** Written in quotes: taken literally, never read as a choice, number or time. */
  quoted: boolean;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '„': '“', '‘': '’', '«': '»' };

/** Splits on whitespace; a quoted stretch ("deepseek delay", “smart quotes” too) is one token. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < line.length) {
    while (index < line.length && /\s/.test(line[index] ?? '')) index++;
    if (index >= line.length) break;
    let text = '';
    let quoted = false;
    const open = line[index] ?? '';
    const close = QUOTES[open];
    if (close !== undefined) {
      const end = line.indexOf(close, index + 1);
      text = line.slice(index + 1, end < 0 ? line.length : end);
      index = end < 0 ? line.length : end + 1;
      quoted = true;
    } else {
      while (index < line.length && !/\s/.test(line[index] ?? '')) {
        const char = line[index] ?? '';
        // name:"two words" keeps its quoted value together.
        const quote = QUOTES[char];
        if (quote !== undefined && /[:=]$/.test(text)) {
          const end = line.indexOf(quote, index + 1);
          text += line.slice(index + 1, end < 0 ? line.length : end);
          index = end < 0 ? line.length : end + 1;
          continue;
        }
        text += char;
        index++;
      }
    }
    if (text.trim() !== '') tokens.push({ text: text.trim(), quoted });
  }
  return tokens;
}

/**
 * Reads a line left to right:
 * - `name:value` (or `name=value`) sets that option;
 * - a quoted value is taken literally as free text;
 * - a word a choice option accepts (`group`, `Monday`) sets that option; a word shaped like a time
 *   or a zone sets that option; digits set the whole-number option;
 * - a required option still unset takes the first word left (`/unsubscribe dayly` → a bad kind);
 * - the remaining words are the free-text option (the article, the topic).
 * A last word the free text does not need is read as the next unset option instead: in
 * `/quiz deepseek team` the article is "deepseek" and "team" is reported as a bad mode, rather than
 * searched for as part of a title. That needs `recognizes`; without it the words stay free text.
 */
export function parseTextArgs(
  specs: readonly OptionSpec[],
  line: string,
  recognizes?: Recognizes,
): Record<string, string> {
  const values: Record<string, string> = {};
  const unset = (spec: OptionSpec) => values[spec.name] === undefined;
  const rest: Token[] = [];
  for (const token of tokenize(line)) {
    const pair = token.quoted ? null : /^([a-z_]+)[:=](.+)$/i.exec(token.text);
    const named = pair ? specs.find((spec) => spec.name === pair[1]?.toLowerCase()) : undefined;
    if (named && pair?.[2] !== undefined && unset(named)) {
      values[named.name] = pair[2];
      continue;
    }
    if (token.quoted) {
      rest.push(token);
      continue;
    }
    const choice = specs.find(
      (spec) => spec.choices && !spec.freeText && unset(spec) && spec.accepts(token.text),
    );
    const shaped = specs.find((spec) => spec.match?.test(token.text) && unset(spec));
    const integer = /^\d+$/.test(token.text)
      ? specs.find((spec) => spec.kind === 'integer' && unset(spec))
      : undefined;
    const taker = choice ?? shaped ?? integer;
    if (taker) values[taker.name] = token.text;
    else rest.push(token);
  }
  // A required option still unset takes the first word left, so a wrong value is reported as such.
  for (const spec of specs) {
    if (!spec.required || spec.freeText || !unset(spec)) continue;
    const word = rest.shift();
    if (word) values[spec.name] = word.text;
  }
  const free = specs.find((spec) => spec.freeText);
  if (rest.length === 0) return values;
  if (!free || !unset(free)) {
    values._extra = rest.map((token) => token.text).join(' ');
    return values;
  }
  const text = rest.map((token) => token.text).join(' ');
  const last = rest[rest.length - 1];
  const next = specs.find(
    (spec) => spec !== free && unset(spec) && (spec.choices || spec.kind === 'integer'),
  );
  if (recognizes && next && last && !last.quoted && rest.length >= 2 && !recognizes(free, text)) {
    const shorter = rest
      .slice(0, -1)
      .map((token) => token.text)
      .join(' ');
    if (recognizes(free, shorter)) {
      values[free.name] = shorter;
      values[next.name] = last.text;
      return values;
    }
  }
  values[free.name] = text;
  return values;
}
