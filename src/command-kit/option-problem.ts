// Says in our own words what is wrong with a command's options: what was expected, with an example.
// Validator wording ("Invalid input", "expected string") never reaches a user.

import type { z } from 'zod';
import { echoTyped } from '../core/clip-text.ts';
import { t } from '../i18n/current-locale.ts';
import { optionExpected, optionLabel } from './command-texts.ts';
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
  const name = command.name;
  if (!spec) return t('option-unreadable', { name, usage: commandUsage(command) });
  const value = values[spec.name];
  const example = exampleLine(command, values, spec);
  if (value === undefined || value === null || String(value).trim() === '') {
    return t('option-missing', { name, expected: optionExpected(command, spec), example });
  }
  if (spec.choices) {
    const choices = listChoices(spec.choices);
    return t('option-not-a-choice', {
      name,
      option: optionLabel(command, spec),
      choices,
      typed: echoTyped(value),
      example,
    });
  }
  if (issue?.code === 'too_big' && spec.kind === 'string' && spec.maxLength !== undefined) {
    const length = String(value).length;
    return t('option-too-long', {
      name,
      option: optionLabel(command, spec),
      max: spec.maxLength,
      length,
      example,
    });
  }
  const suggestions = suggestionsOf(issue);
  if (suggestions.length > 0) {
    const meant = exampleLine(command, values, spec, suggestions[0]);
    return t('option-did-you-mean', {
      name,
      option: optionLabel(command, spec),
      expected: optionExpected(command, spec),
      typed: echoTyped(value),
      meant: listChoices(suggestions),
      example: meant,
    });
  }
  return t('option-invalid', {
    name,
    option: optionLabel(command, spec),
    expected: optionExpected(command, spec),
    typed: echoTyped(value),
    example,
  });
}

/** Words left over that no option takes. */
export function extraWordsProblem(command: AnyCommand, extra: string): string {
  return t('option-extra-words', {
    name: command.name,
    typed: echoTyped(extra),
    usage: commandUsage(command),
  });
}
