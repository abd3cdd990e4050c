// The console playground: type /commands, pick actions by number; works as a script on piped stdin.
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandRouter } from '../../commands/command-router.ts';
import { parseCommandLine } from '../../commands/parse-command-line.ts';
import type { Actor } from '../../core/actor.ts';
import type { NeutralMessage, Outgoing, Response } from '../../core/output.ts';
import type { ChatDelivery } from '../../core/quiz/quiz-service.ts';
import type { Logger } from '../../logger.ts';
import { failureLevel, failureText } from '../shared/failure-text.ts';
import { foldNotice } from './fold-notice.ts';
import {
  type ActionButton,
  actionButtons,
  ansiStyle,
  DEFAULT_WIDTH,
  numberActions,
  plainStyle,
  renderNotice,
  renderText,
  type TextStyle,
} from './render-text.ts';

/** A linear transcript follows at most this many "advance" buttons in a row (a safety stop). */
const MAX_AUTO_ADVANCE = 20;
export const CONSOLE_CHAT_ID = 'console';
/** A name `/as` accepts: what a chat would show, without control characters or markup. */
const PERSON_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,31}$/u;

/**
 * The actions on screen, in two groups: `main` (the last message with actions that came as a reply
 * or replaced one) and `aside` (a private message a press opened, such as Related), numbered after
 * the main ones so both stay reachable.
 */
type Group = 'main' | 'aside';
/** What a response answers: a typed command, a press in one of the groups, or a timer's post. */
type Origin = { kind: 'command' } | { kind: 'press'; group: Group } | { kind: 'timer' };

export interface ConsoleSessionOptions {
  router: CommandRouter;
  input: Readable;
  output: Writable;
  log: Logger;
  interactive: boolean;
  userName?: string;
}

export class ConsoleSession {
  readonly #groups: Record<Group, Map<ActionButton, number>> = { main: new Map(), aside: new Map() };
  #refs = 0;
  /** The output's reader went away (a closed pipe): nothing more is written. */
  #readerGone = false;
  /** Whoever started the playground: the admin of its chat. */
  readonly #admin: Actor;
  /** Everyone who has acted here, by lower-case name (`/as`); the admin among them. */
  readonly #people = new Map<string, Actor>();
  /** Who acts now. */
  #actor: Actor;
  readonly #style: TextStyle;

  constructor(private readonly options: ConsoleSessionOptions) {
    const name = options.userName ?? safeUserName();
    this.#admin = { platform: 'console', userId: name, name, chatId: CONSOLE_CHAT_ID, chatKind: 'private' };
    this.#people.set(name.toLowerCase(), this.#admin);
    this.#actor = this.#admin;
    this.#style = options.interactive ? ansiStyle : plainStyle;
  }

  /** Only the playground's own user administers its chat; people made with `/as` are members. */
  readonly #canManageChat = async () => this.#actor === this.#admin;

  #role(actor: Actor): string {
    return actor === this.#admin ? "the playground chat's admin" : 'a member of the playground chat';
  }

  /**
   * `/as <name>`: someone else acts from now on, so one person can try a group quiz with several
   * members. A playground meta-command, not a bot command: no platform has it.
   */
  #actAs(name: string): void {
    const admin = this.#admin.name;
    if (name === '') {
      this.#tell(
        `You are acting as ${this.#actor.name}, ${this.#role(this.#actor)}. Type /as <name> to act as someone else in this chat, e.g. /as bob; /as ${admin} switches back.`,
      );
      return;
    }
    const key = name.toLowerCase();
    let person = this.#people.get(key);
    if (!person) {
      // Checked only for new people: whatever the admin's own name is, /as with it switches back.
      if (!PERSON_NAME.test(name)) {
        this.#tell(
          '/as needs a name of 1 to 32 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit, e.g. /as bob',
          'error',
        );
        return;
      }
      person = { ...this.#admin, userId: `as:${key}`, name };
      this.#people.set(key, person);
    }
    this.#actor = person;
    const back =
      person === this.#admin ? '' : ` Members cannot /subscribe or /unsubscribe; /as ${admin} switches back.`;
    this.#tell(`Now acting as ${person.name}, ${this.#role(person)}.${back}`);
  }

  /** A line about the playground itself, printed as a notice. */
  #tell(text: string, tone: 'info' | 'error' = 'info'): void {
    this.#print(renderNotice({ text, tone }, this.#width()));
  }

  #print(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  /** Terminal columns (process.stdout.columns); 80 when the output is piped. */
  #width(): number {
    const output = this.options.output as Writable & { isTTY?: boolean; columns?: number };
    return output.isTTY && output.columns ? output.columns : DEFAULT_WIDTH;
  }

  #lookup(number: number): ActionButton | undefined {
    for (const group of [this.#groups.main, this.#groups.aside]) {
      for (const [button, shown] of group) if (shown === number) return button;
    }
    return undefined;
  }

  #groupOf(button: ActionButton): Group {
    return this.#groups.aside.has(button) ? 'aside' : 'main';
  }

  async #show(response: Response, origin: Origin): Promise<void> {
    const folded = foldNotice(response);
    if (folded.notice) this.#print(renderNotice(folded.notice, this.#width()));
    const messages: Outgoing[] = [...folded.messages];
    // A notice's buttons (Report under a group answer) follow it, numbered as a message's are.
    const buttons = folded.notice?.buttons ?? [];
    if (buttons.length > 0) messages.unshift({ target: { to: 'private' }, message: { blocks: [], buttons } });
    // The playground has no dialogs: an ask shows in place of the pressed message, and the next line
    // typed that is neither a command nor a number answers it.
    if (response.ask) messages.push({ target: { to: 'update' }, message: response.ask.message });
    this.#asking = response.ask !== undefined;
    await this.deliverMessages(messages, origin);
  }

  /** The last response asked for a line of text (Response.ask). */
  #asking = false;

  /** Which group a message's actions belong to, and whether it replaces that group's actions. */
  #placement(out: Outgoing, origin: Origin): { group: Group; replaces: boolean } {
    if (origin.kind === 'press') {
      if (out.target.to === 'update') return { group: origin.group, replaces: true };
      // An aside without actions (a section of a brief) leaves the actions of an earlier aside usable.
      if (out.target.to === 'private' && this.#groups.main.size > 0)
        return { group: 'aside', replaces: false };
    }
    return { group: 'main', replaces: false };
  }

  /** Prints messages and numbers their actions (see `#groups`); resolves with their references. */
  async deliverMessages(messages: Outgoing[], origin: Origin = { kind: 'timer' }): Promise<string[]> {
    const refs: string[] = [];
    let advance: ActionButton | undefined;
    for (const out of messages) {
      const buttons = actionButtons(out.message);
      const { group, replaces } = this.#placement(out, origin);
      if (buttons.length > 0 || replaces) {
        const first = group === 'main' ? 1 : Math.max(0, ...this.#groups.main.values()) + 1;
        this.#groups[group] = numberActions(out.message, first);
        // New main actions start a new screen: an aside opened from the old one is gone.
        if (group === 'main') this.#groups.aside = new Map();
      }
      this.#print(`\n${renderText(out.message, this.#groups[group], this.#style, this.#width())}`);
      const ref = `console-${++this.#refs}`;
      refs.push(ref);
      await this.options.router.core.quiz.rememberSent(out, ref);
      // The one way forward is taken at once (other buttons beside it, such as Stop, stay typed commands).
      const advancing = buttons.filter((button) => button.advance);
      const onlyWayOn = advancing.length === 1 ? advancing[0] : undefined;
      advance = onlyWayOn ?? (buttons.length > 0 ? undefined : advance);
    }
    if (advance) this.#pendingAdvance = advance;
    return refs;
  }

  #pendingAdvance: ActionButton | undefined;

  /** Timer-driven posts (group rounds closing) arrive here. */
  deliver = async (delivery: ChatDelivery): Promise<void> => {
    await this.deliverMessages(delivery.messages);
    this.#prompt();
  };

  /** A scheduled post (see console-poster.ts): printed as a new message; resolves with its reference. */
  post = async (message: NeutralMessage): Promise<string> => {
    const [ref = ''] = await this.deliverMessages([{ target: { to: 'chat' }, message }]);
    this.#prompt();
    return ref;
  };

  async handleLine(raw: string): Promise<void> {
    const text = raw.trim();
    if (text === '') return;
    try {
      if (/^\d+$/.test(text)) {
        const button = this.#lookup(Number(text));
        if (!button) {
          const shown = [...this.#groups.main.values(), ...this.#groups.aside.values()].sort((a, b) => a - b);
          const pick = shown.length > 0 ? `Pick one of ${shown.join(', ')}, or type /help.` : 'Type /help.';
          this.#print(`! There is no choice ${text} on screen. ${pick}`);
          return;
        }
        const group = this.#groupOf(button);
        await this.#show(await this.options.router.press(this.#actor, button.payload), {
          kind: 'press',
          group,
        });
      } else if (this.#asking && !text.startsWith('/')) {
        await this.#show(await this.options.router.reply(this.#actor, text), { kind: 'command' });
      } else {
        this.#asking = false;
        const line = parseCommandLine(text.startsWith('/') ? text : `/${text}`);
        if (!line) {
          this.#print('! Type a command such as /brief or /help, or the number of a choice.');
          return;
        }
        if (line.name === 'as') {
          this.#actAs(line.args);
          return;
        }
        await this.#show(await this.options.router.runLine(this.#actor, line, this.#canManageChat), {
          kind: 'command',
        });
      }
      for (let step = 0; step < MAX_AUTO_ADVANCE && this.#pendingAdvance; step++) {
        const next = this.#pendingAdvance;
        this.#pendingAdvance = undefined;
        await this.#show(await this.options.router.press(this.#actor, next.payload), {
          kind: 'press',
          group: this.#groupOf(next),
        });
      }
    } catch (error) {
      this.options.log[failureLevel(error)]({ err: error }, 'console command failed');
      this.#print(`! ${failureText(error)}`);
    }
  }

  #prompt(): void {
    if (this.options.interactive && this.#running && !this.#readerGone) this.options.output.write('> ');
  }

  #running = false;

  /** Lines from outside the conversation (content problems after an edit), shown as they are. */
  notify(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.#print(`\n${lines.join('\n')}`);
    this.#prompt();
  }

  /** Runs until the input ends (Ctrl-D, or the end of a piped script). */
  async run(): Promise<void> {
    if (this.options.interactive) {
      this.#print(
        'newsquiz playground: type /help, /brief, /read or /quiz; pick actions by number; /as <name> acts as someone else; Ctrl-D quits.',
      );
    }
    const lines = createInterface({ input: this.options.input, terminal: false });
    // Whoever reads the output went away (`npm start | head -1`): stop quietly, as Unix tools do.
    const onOutputError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') {
        this.options.log.error({ err: error }, 'playground output failed');
      }
      this.#readerGone = true;
      lines.close();
    };
    this.options.output.on('error', onOutputError);
    this.#running = true;
    this.#prompt();
    for await (const line of lines) {
      if (this.#readerGone) break;
      await this.handleLine(line);
      this.#prompt();
    }
    if (this.options.interactive) this.#print('');
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'you';
  } catch {
    return 'you';
  }
}
