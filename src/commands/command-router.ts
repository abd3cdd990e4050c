// Finds and runs commands for adapters: typed lines (Telegram, console) or structured options (Discord).
import type { Actor } from '../core/actor.ts';
import type { CoreServices } from '../core/core-services.ts';
import { matchArticle } from '../core/find-article.ts';
import { handleAction, type PressedMessage } from '../core/handle-action.ts';
import type { Response } from '../core/output.ts';
import type { AnyCommand, CommandContext } from './define-command.ts';
import type { OptionSpec } from './option-spec.ts';
import type { CommandLine } from './parse-command-line.ts';
import { parseTextArgs } from './parse-text-args.ts';
import { runCommand } from './run-command.ts';

export type CanManageChat = () => Promise<boolean>;

export class CommandRouter {
  readonly #byName: Map<string, AnyCommand>;

  constructor(
    readonly commands: readonly AnyCommand[],
    readonly core: CoreServices,
  ) {
    this.#byName = new Map(commands.map((command) => [command.name, command]));
  }

  find(name: string): AnyCommand | undefined {
    return this.#byName.get(name);
  }

  /** Whether typed free text names an existing article or topic (other kinds: assumed so). */
  #recognizes = (spec: OptionSpec, text: string): boolean => {
    const catalog = this.core.catalog();
    if (spec.autocomplete === 'article') return matchArticle(catalog, text) !== undefined;
    if (spec.autocomplete === 'topic') {
      const topic = text.trim().toLowerCase().replace(/^#/, '');
      return catalog.topics().some((entry) => entry.topic === topic);
    }
    return true;
  };

  #context(actor: Actor, canManageChat: CanManageChat): CommandContext {
    return { actor, core: this.core, commands: this.commands, canManageChat };
  }

  /** A typed `/name args` line. Unknown names get the list of commands. */
  runLine(actor: Actor, line: CommandLine, canManageChat: CanManageChat): Promise<Response> {
    const command = this.find(line.name);
    if (!command) {
      const names = this.commands.map((entry) => `/${entry.name}`).join(', ');
      return Promise.resolve({
        notice: { text: `There is no /${line.name} command. Try one of: ${names}.`, tone: 'error' },
        messages: [],
      });
    }
    return runCommand(
      command,
      this.#context(actor, canManageChat),
      parseTextArgs(command.specs, line.args, this.#recognizes),
    );
  }

  /** Structured options, as Discord delivers them. */
  runOptions(
    actor: Actor,
    name: string,
    values: Record<string, unknown>,
    canManageChat: CanManageChat,
  ): Promise<Response> {
    const command = this.find(name);
    if (!command) {
      return Promise.resolve({
        notice: { text: `There is no /${name} command.`, tone: 'error' },
        messages: [],
      });
    }
    return runCommand(command, this.#context(actor, canManageChat), values);
  }

  /** A button press; `pressed` is the message it was on, when the platform says. */
  press(actor: Actor, payload: string, pressed?: PressedMessage): Promise<Response> {
    return handleAction(this.core, actor, payload, pressed);
  }
}
