// One helper to define a command: name, description, zod options (described), and a handler.
import { z } from 'zod';
import type { Actor } from '../core/actor.ts';
import type { CoreServices } from '../core/core-services.ts';
import type { Response } from '../core/output.ts';
import { describeOptions, type OptionSpec } from './option-spec.ts';

export interface CommandContext {
  actor: Actor;
  core: CoreServices;
  /** Every command, for /help. */
  commands: readonly AnyCommand[];
  /** Whether the actor may configure this chat (adapters know how to ask the platform). */
  canManageChat(): Promise<boolean>;
}

export interface CommandDefinition<S extends z.ZodObject> {
  name: string;
  description: string;
  options: S;
  /** Configures the chat (subscriptions): admins only. */
  manageChat?: boolean;
  /** Sets up posts the bot will make in the chat later: adapters check up front that it can post there. */
  schedulesPosts?: boolean;
  /** Answers one person in private (codes, progress, settings): refused for a chat acting as itself. */
  personal?: boolean;
  run(ctx: CommandContext, options: z.infer<S>): Promise<Response>;
}

export interface Command<S extends z.ZodObject = z.ZodObject> extends CommandDefinition<S> {
  specs: readonly OptionSpec[];
  manageChat: boolean;
  schedulesPosts: boolean;
  personal: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of commands with different option schemas
export type AnyCommand = Command<any>;

/** The strictest of the platforms' limits for command definitions (Discord and Telegram). */
export const COMMAND_LIMITS = {
  name: /^[a-z0-9_]{1,32}$/,
  description: 100,
  options: 25,
  choices: 25,
} as const;

/** Checks a definition against the platforms' limits at build time, as @discordjs/builders does. */
export function defineCommand<S extends z.ZodObject>(definition: CommandDefinition<S>): Command<S> {
  const problems: string[] = [];
  if (!COMMAND_LIMITS.name.test(definition.name)) problems.push('name must be 1–32 of a–z, 0–9 and _');
  if (definition.description.length < 1 || definition.description.length > COMMAND_LIMITS.description) {
    problems.push(`description must be 1–${COMMAND_LIMITS.description} characters`);
  }
  const specs = describeOptions(definition.options);
  if (specs.length > COMMAND_LIMITS.options) problems.push(`at most ${COMMAND_LIMITS.options} options`);
  let seenOptional = false;
  for (const spec of specs) {
    if (!COMMAND_LIMITS.name.test(spec.name))
      problems.push(`option ${spec.name}: name must be 1–32 of a–z, 0–9 and _`);
    if (spec.description.length < 1 || spec.description.length > COMMAND_LIMITS.description) {
      problems.push(`option ${spec.name}: description must be 1–${COMMAND_LIMITS.description} characters`);
    }
    if ((spec.choices?.length ?? 0) > COMMAND_LIMITS.choices)
      problems.push(`option ${spec.name}: too many choices`);
    if (!spec.expected || !spec.example) {
      problems.push(`option ${spec.name}: meta needs expected and example (used in replies to bad input)`);
    } else if (!spec.accepts(spec.example)) {
      problems.push(`option ${spec.name}: example "${spec.example}" is not a valid value`);
    }
    if (spec.required && seenOptional)
      problems.push(`option ${spec.name}: required options come before optional ones`);
    if (!spec.required) seenOptional = true;
  }
  if (problems.length > 0) throw new Error(`command /${definition.name}: ${problems.join('; ')}`);
  return {
    ...definition,
    specs,
    manageChat: definition.manageChat ?? false,
    schedulesPosts: definition.schedulesPosts ?? false,
    personal: definition.personal ?? false,
  };
}

export { z };
