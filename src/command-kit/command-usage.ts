// How a command is typed: its usage line (with allowed values) and examples built from its options.
import type { AnyCommand } from './define-command.ts';
import type { OptionSpec } from './option-spec.ts';

/** `<kind>` for a required option, `[mode]` for an optional one; choices are listed: `[solo|group]`. */
export function optionUsage(spec: OptionSpec): string {
  const inner = spec.choices ? spec.choices.join('|') : spec.name;
  return spec.required ? `<${inner}>` : `[${inner}]`;
}

/** `/quiz [article] [solo|group] [seconds]`. */
export function commandUsage(command: AnyCommand): string {
  return [`/${command.name}`, ...command.specs.map(optionUsage)].join(' ');
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
