// How a command is typed: its usage line (with allowed values) and examples built from its options.
import { optionLabel } from './command-texts.ts';
import type { AnyCommand } from './define-command.ts';
import type { OptionSpec } from './option-spec.ts';

/**
 * `<time>` for a required option, `[article]` for an optional one, each called by its label in the
 * reader's language (`[Artikel]`); choices are listed as they are typed: `[solo|group]`.
 */
export function optionUsage(command: AnyCommand, spec: OptionSpec): string {
  const inner = spec.choices ? spec.choices.join('|') : optionLabel(command, spec);
  return spec.required ? `<${inner}>` : `[${inner}]`;
}

/** `/quiz [article] [solo|group] [seconds]`. */
export function commandUsage(command: AnyCommand): string {
  return [`/${command.name}`, ...command.specs.map((spec) => optionUsage(command, spec))].join(' ');
}

const typed = (value: string) => (/\s/.test(value) ? `"${value}"` : value);

/**
 * A line that would work: the user's own good values, the example for `focus`, and examples for
 * any other required option (`/quiz deepseek group` after `/quiz deepseek team`). `example` replaces
 * the focus's own (a suggestion for what was typed).
 */
export function exampleLine(
  command: AnyCommand,
  values: Record<string, unknown>,
  focus: OptionSpec,
  example = focus.example,
): string {
  const parts = [`/${command.name}`];
  for (const spec of command.specs) {
    const given = values[spec.name];
    if (spec === focus) parts.push(typed(example));
    else if (given !== undefined && given !== '' && spec.accepts(given)) parts.push(typed(String(given)));
    else if (spec.required) parts.push(typed(spec.example));
  }
  return parts.join(' ');
}
