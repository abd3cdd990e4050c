// Turns a typed argument line ("deepseek delay group") into raw option values for a command.
import type { OptionSpec } from './option-spec.ts';

/**
 * Choice options are picked out wherever their value appears, integers by their digits,
 * `name:value` pairs by name; whatever remains is the free-text option.
 */
export function parseTextArgs(specs: readonly OptionSpec[], line: string): Record<string, string> {
  const values: Record<string, string> = {};
  const rest: string[] = [];
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  for (const token of tokens) {
    const pair = /^([a-z_]+)[:=](.+)$/i.exec(token);
    const named = pair ? specs.find((spec) => spec.name === pair[1]?.toLowerCase()) : undefined;
    if (named && pair?.[2] !== undefined && values[named.name] === undefined) {
      values[named.name] = pair[2];
      continue;
    }
    const lower = token.toLowerCase();
    const choice = specs.find(
      (spec) => spec.choices?.includes(lower) && values[spec.name] === undefined && !spec.freeText,
    );
    if (choice) {
      values[choice.name] = lower;
      continue;
    }
    const shaped = specs.find((spec) => spec.match?.test(token) && values[spec.name] === undefined);
    if (shaped) {
      values[shaped.name] = token;
      continue;
    }
    const integer = specs.find((spec) => spec.kind === 'integer' && values[spec.name] === undefined);
    if (integer && /^\d+$/.test(token)) {
      values[integer.name] = token;
      continue;
    }
    rest.push(token);
  }
  const free = specs.find((spec) => spec.freeText);
  if (rest.length > 0) {
    if (free && values[free.name] === undefined) values[free.name] = rest.join(' ');
    else values._extra = rest.join(' ');
  }
  return values;
}
