// Says in our own words what is wrong with a command's options: what was expected, with an example.
// Validator wording ("Invalid input", "expected string") never reaches a user.
import type { z } from 'zod';
import { echoTyped } from '../core/clip-text.ts';
import { commandUsage, exampleLine } from './command-usage.ts';
import type { AnyCommand } from './define-command.ts';
import { listChoices } from './option-spec.ts';

/** Values an option's own check offers for a near miss (`params.suggestions` of a custom issue). */
function suggestionsOf(issue: z.core.$ZodIssue | undefined): string[] {
  const params =
    issue?.code === 'custom' ? (issue.params as { suggestions?: unknown } | undefined) : undefined;
  const suggestions = params?.suggestions;
  return Array.isArray(suggestions) ? suggestions.filter((entry) => typeof entry === 'string') : [];
}

export function optionProblem(
  command: AnyCommand,
  values: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
): string {
  const issue = issues[0];
  const spec = command.specs.find((entry) => entry.name === String(issue?.path[0] ?? ''));
  if (!spec) return `/${command.name} could not read its options. Usage: ${commandUsage(command)}`;
  const value = values[spec.name];
  const example = exampleLine(command, values, spec);
  if (value === undefined || value === null || String(value).trim() === '') {
    return `/${command.name} needs ${spec.expected}, e.g. ${example}`;
  }
  if (spec.choices) {
    return `/${command.name}: ${spec.name} is ${listChoices(spec.choices)}, not ${echoTyped(value)}, e.g. ${example}`;
  }
  if (issue?.code === 'too_big' && spec.kind === 'string' && spec.maxLength !== undefined) {
    return `/${command.name}: ${spec.name} can be at most ${spec.maxLength} characters (that one has ${String(value).length}), e.g. ${example}`;
  }
  const suggestions = suggestionsOf(issue);
  if (suggestions.length > 0) {
    const meant = exampleLine(command, values, spec, suggestions[0]);
    return `/${command.name}: ${spec.name} should be ${spec.expected}, not ${echoTyped(value)} (did you mean ${listChoices(suggestions)}?), e.g. ${meant}`;
  }
  return `/${command.name}: ${spec.name} should be ${spec.expected}, not ${echoTyped(value)}, e.g. ${example}`;
}

/** Words left over that no option takes. */
export function extraWordsProblem(command: AnyCommand, extra: string): string {
  return `/${command.name} does not take ${echoTyped(extra)}. Usage: ${commandUsage(command)}`;
}
