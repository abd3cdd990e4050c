// The console playground: type /commands, pick actions by number; works as a script on piped stdin.

import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandRouter } from '../../command-kit/command-router.ts';
import { parseCommandLine } from '../../command-kit/parse-command-line.ts';
import type { Actor } from '../../core/actor.ts';
import type { NeutralMessage, Outgoing, Response } from '../../core/output.ts';
import type { PlatformWording } from '../../core/platform-wording.ts';
import { t } from '../../i18n/current-locale.ts';
import type { Logger } from '../../logger.ts';
import { failureLevel, failureText } from '../shared/failure-text.ts';
import { foldNotice } from './fold-notice.ts';
import {
  actionButtons,
  ansiStyle,
  DEFAULT_WIDTH,
  plainStyle,
  renderNotice,
  renderText,
  type TextStyle,
} from './render-text.ts';
import { ScreenNumbers, type ShownAction } from './screen-numbers.ts';
import { wrapText } from './wrap-text.ts';

/** A linear transcript follows at most this many "advance" buttons in a row (a safety stop). */
const MAX_AUTO_ADVANCE = 20;
export const CONSOLE_CHAT_ID = 'console';
/** A name `/as` accepts: what a chat would show, without control characters or markup. */
const PERSON_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,31}$/u;

/** What a response answers: a typed command, a press on a printed message, or a timer's post. */
export type ConsoleOrigin = { kind: 'command' } | { kind: 'press'; message: number } | { kind: 'timer' };

export interface ConsoleSessionOptions {
  router: CommandRouter;
  /** Hands a response to the deliverer, which shows it through `show` and remembers what it printed. */
  respond(origin: ConsoleOrigin, response: Response): Promise<unknown>;
  /** The playground's words for its own places, handed to the core with each actor. */
  wording: PlatformWording;
  input: Readable;
  output: Writable;
  log: Logger;
  interactive: boolean;
  userName?: string;
}

export class ConsoleSession {
  readonly #screen = new ScreenNumbers();
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
    this.#admin = {
      platform: 'console',
      userId: name,
      name,
      chatId: CONSOLE_CHAT_ID,
      chatKind: 'private',
      wording: options.wording,
    };
    this.#people.set(name.toLowerCase(), this.#admin);
    this.#actor = this.#admin;
    this.#style = options.interactive ? ansiStyle : plainStyle;
  }

  /** Only the playground's own user administers its chat; people made with `/as` are members. */
  readonly #canManageChat = async () => this.#actor === this.#admin;

  #role(actor: Actor): string {
    return actor === this.#admin ? t('playground-role-admin') : t('playground-role-member');
  }

  /**
   * `/as <name>`: someone else acts from now on, so one person can try a group quiz with several
   * members. A playground meta-command, not a bot command: no platform has it.
   */
  #actAs(name: string): void {
    const admin = this.#admin.name;
    if (name === '') {
      this.#tell(t('playground-acting-as', { name: this.#actor.name, role: this.#role(this.#actor), admin }));
      return;
    }
    const key = name.toLowerCase();
    let person = this.#people.get(key);
    if (!person) {
      // Checked only for new people: whatever the admin's own name is, /as with it switches back.
      if (!PERSON_NAME.test(name)) {
        this.#tell(t('playground-as-bad-name'), 'error');
        return;
      }
      person = { ...this.#admin, userId: `as:${key}`, name };
      this.#people.set(key, person);
    }
    this.#actor = person;
    const back = person === this.#admin ? '' : t('playground-member-note', { admin });
    this.#tell(t('playground-now-acting', { name: person.name, role: this.#role(person), back }));
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

  /** Prints a response: its notice, then its messages; resolves with the ref of each of its messages. */
  async show(response: Response, origin: ConsoleOrigin): Promise<(string | undefined)[]> {
    const folded = foldNotice(response);
    if (folded.notice) this.#print(renderNotice(folded.notice, this.#width()));
    const messages: Outgoing[] = [...folded.messages];
    // A notice's buttons (Report under a group answer) follow it, numbered as a message's are.
    const buttons = folded.notice?.buttons ?? [];
    const before = buttons.length > 0 ? 1 : 0;
    if (before > 0) messages.unshift({ target: { to: 'private' }, message: { blocks: [], buttons } });
    // The playground has no dialogs: an ask shows in place of the pressed message, and the next line
    // typed that is neither a command nor a number answers it.
    if (response.ask) messages.push({ target: { to: 'update' }, message: response.ask.message });
    this.#asking = response.ask !== undefined;
    const refs = await this.deliverMessages(messages, origin);
    return refs.slice(before, before + response.messages.length);
  }

  #show(response: Response, origin: ConsoleOrigin): Promise<unknown> {
    return this.options.respond(origin, response);
  }

  /** The last response asked for a line of text (Response.ask). */
  #asking = false;

  /** Prints messages and numbers their actions (see screen-numbers.ts); resolves with their references. */
  async deliverMessages(messages: Outgoing[], origin: ConsoleOrigin = { kind: 'timer' }): Promise<string[]> {
    const refs: string[] = [];
    let advance: ShownAction | undefined;
    let fresh = origin.kind === 'command';
    for (const out of messages) {
      const buttons = actionButtons(out.message);
      // A typed command that shows actions starts a new screen; everything else adds to the one shown.
      if (fresh && buttons.length > 0) {
        this.#screen.newScreen();
        fresh = false;
      }
      const replaces = origin.kind === 'press' && out.target.to === 'update' ? origin.message : undefined;
      const { message, numbers } = this.#screen.number(out.message, replaces);
      this.#print(`\n${renderText(out.message, numbers, this.#style, this.#width())}`);
      refs.push(`console-${++this.#refs}`);
      // The one way forward is taken at once (other buttons beside it, such as Stop, keep their numbers).
      const advancing = buttons.filter((button) => button.advance);
      const onlyWayOn = advancing.length === 1 ? advancing[0] : undefined;
      advance = onlyWayOn ? { button: onlyWayOn, message } : buttons.length > 0 ? undefined : advance;
    }
    if (advance) this.#pendingAdvance = advance;
    return refs;
  }

  #pendingAdvance: ShownAction | undefined;

  /** A new message from outside the conversation (a timer, a schedule); resolves with its reference. */
  post = async (message: NeutralMessage): Promise<string> => {
    const [ref = ''] = await this.deliverMessages([{ target: { to: 'chat' }, message }]);
    this.#prompt();
    return ref;
  };

  /** One typed line, handled in the language of whoever is acting (see CommandRouter.speaking). */
  handleLine(raw: string): Promise<void> {
    return this.options.router.speaking(this.#actor, () => this.#handleLine(raw));
  }

  async #handleLine(raw: string): Promise<void> {
    const text = raw.trim();
    if (text === '') return;
    try {
      if (/^\d+$/.test(text)) {
        const shown = this.#screen.lookup(Number(text));
        if (!shown) {
          const pick =
            this.#screen.size > 0
              ? t('playground-pick-one', { choices: this.#screen.describe() })
              : t('playground-type-help');
          this.#tell(t('playground-no-choice', { number: text, pick }), 'error');
          return;
        }
        await this.#show(await this.options.router.press(this.#actor, shown.button.payload), {
          kind: 'press',
          message: shown.message,
        });
      } else if (this.#asking && !text.startsWith('/')) {
        await this.#show(await this.options.router.reply(this.#actor, text), { kind: 'command' });
      } else {
        this.#asking = false;
        const line = parseCommandLine(text.startsWith('/') ? text : `/${text}`);
        if (!line) {
          this.#tell(t('playground-type-command'), 'error');
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
        await this.#show(await this.options.router.press(this.#actor, next.button.payload), {
          kind: 'press',
          message: next.message,
        });
      }
    } catch (error) {
      this.options.log[failureLevel(error)]({ err: error }, 'console command failed');
      this.#tell(failureText(error), 'error');
    }
  }

  #prompt(): void {
    if (this.options.interactive && this.#running && !this.#readerGone) this.options.output.write('> ');
  }

  #running = false;

  /** Lines from outside the conversation (content problems after an edit), each wrapped to the width. */
  notify(lines: readonly string[]): void {
    if (lines.length === 0) return;
    const width = this.#width();
    this.#print(`\n${lines.flatMap((line) => wrapText(line, width, '', '  ')).join('\n')}`);
    this.#prompt();
  }

  /** Runs until the input ends (Ctrl-D, or the end of a piped script). */
  async run(): Promise<void> {
    if (this.options.interactive) {
      this.#print(wrapText(t('playground-intro'), this.#width()).join('\n'));
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
