// Finds and runs commands for adapters: typed lines (Telegram, console) or structured options (Discord).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../core/actor.ts';
import { markChatActive } from '../core/chat-status.ts';
import type { CoreServices } from '../core/core-services.ts';
import { matchArticle } from '../core/find-article.ts';
import { handleAction, handleReply, handleSubmit, type PressedMessage } from '../core/handle-action.ts';
import type { Response } from '../core/output.ts';
import { defaultLocale, inLocale, t } from '../i18n/current-locale.ts';
import { type Locale, matchLocale } from '../i18n/locales.ts';
import type { AnyCommand, CommandContext } from './define-command.ts';
import type { OptionSpec } from './option-spec.ts';
import type { CommandLine } from './parse-command-line.ts';
import { parseTextArgs } from './parse-text-args.ts';
import { runCommand } from './run-command.ts';

export type CanManageChat = () => Promise<boolean>;
/**
 * Why the bot cannot post in the chat, in the platform's words (missing permissions), or undefined
 * when it can as far as the platform says.
 */
export type CannotPost = string | undefined;

/** The reader whose languages an adapter resolved for the update being handled (see speaking). */
interface KnownReader {
  platform: Actor['platform'];
  userId: string;
  chatId: string;
  locale: Locale;
  chatLocale: Locale;
}
const resolvedHere = new AsyncLocalStorage<KnownReader>();
const sameReader = (known: KnownReader, actor: Actor) =>
  known.platform === actor.platform && known.userId === actor.userId && known.chatId === actor.chatId;

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

  /**
   * The same rules for every platform before a command runs: a chat that writes to the bot where the
   * bot can post is reachable again; setting up posts the bot could not make is refused at once, and
   * only someone who may configure the chat learns about the bot's own permissions.
   */
  async #admit(
    actor: Actor,
    command: AnyCommand | undefined,
    canManageChat: CanManageChat,
    cannotPost: CannotPost,
  ): Promise<Response | undefined> {
    if (cannotPost === undefined) await markChatActive(this.core, actor.platform, actor.chatId);
    if (command?.schedulesPosts && cannotPost !== undefined && (await canManageChat())) {
      return { notice: { text: cannotPost, tone: 'error' }, messages: [] };
    }
    return undefined;
  }

  /**
   * Runs `work` for the actor with their languages resolved (see LanguageService) and their own as the
   * language of every message on the way.
   */
  async #speaking(actor: Actor, work: (resolved: Actor) => Promise<Response>): Promise<Response> {
    const known = resolvedHere.getStore();
    const resolved =
      known && sameReader(known, actor) ? { ...actor, ...known } : await this.core.languages.resolve(actor);
    return inLocale(resolved.locale, () => work(resolved));
  }

  /**
   * Runs an adapter's handling of one update in the reader's language (what the adapter says itself:
   * apologies, refusals, toasts); the router's own calls inside it reuse the languages resolved here.
   * With no actor (an event the bot cannot place), in the platform's language or the default.
   */
  async speaking<T>(actor: Actor | undefined, work: () => Promise<T>, platformLocale?: string): Promise<T> {
    if (!actor) return inLocale(matchLocale(platformLocale) ?? defaultLocale(), work);
    // Never fails for the store: an outage leaves the platform's language (see LanguageService).
    const { locale, chatLocale } = await this.core.languages.resolve(actor);
    const known = {
      platform: actor.platform,
      userId: actor.userId,
      chatId: actor.chatId,
      locale,
      chatLocale,
    };
    return resolvedHere.run(known, () => inLocale(locale, work));
  }

  /** A typed `/name args` line. Unknown names get the list of commands. */
  runLine(
    actor: Actor,
    line: CommandLine,
    canManageChat: CanManageChat,
    cannotPost?: CannotPost,
  ): Promise<Response> {
    return this.#speaking(actor, (resolved) => this.#runLine(resolved, line, canManageChat, cannotPost));
  }

  async #runLine(
    actor: Actor,
    line: CommandLine,
    canManageChat: CanManageChat,
    cannotPost?: CannotPost,
  ): Promise<Response> {
    const command = this.find(line.name);
    const refused = await this.#admit(actor, command, canManageChat, cannotPost);
    if (refused) return refused;
    if (!command) {
      const names = this.commands.map((entry) => `/${entry.name}`).join(', ');
      return {
        notice: { text: t('command-unknown-try', { name: line.name, names }), tone: 'error' },
        messages: [],
      };
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
    cannotPost?: CannotPost,
  ): Promise<Response> {
    return this.#speaking(actor, (resolved) =>
      this.#runOptions(resolved, name, values, canManageChat, cannotPost),
    );
  }

  async #runOptions(
    actor: Actor,
    name: string,
    values: Record<string, unknown>,
    canManageChat: CanManageChat,
    cannotPost?: CannotPost,
  ): Promise<Response> {
    const command = this.find(name);
    const refused = await this.#admit(actor, command, canManageChat, cannotPost);
    if (refused) return refused;
    if (!command) return { notice: { text: t('command-unknown', { name }), tone: 'error' }, messages: [] };
    return runCommand(command, this.#context(actor, canManageChat), values);
  }

  /** A button press; `pressed` is the message it was on, when the platform says. */
  press(actor: Actor, payload: string, pressed?: PressedMessage): Promise<Response> {
    return this.#speaking(actor, (resolved) => handleAction(this.core, resolved, payload, pressed));
  }

  /** Text typed into a dialog a response asked in (Response.ask), with the ask's payload. */
  submit(actor: Actor, payload: string, text: string, pressed?: PressedMessage): Promise<Response> {
    return this.#speaking(actor, (resolved) => handleSubmit(this.core, resolved, payload, text, pressed));
  }

  /** A line of text that is not a command: the answer to what the person was asked, if anything. */
  reply(actor: Actor, text: string): Promise<Response> {
    return this.#speaking(actor, (resolved) => handleReply(this.core, resolved, text));
  }
}
