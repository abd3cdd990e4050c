// The console playground: type /commands, pick actions by number; works as a script on piped stdin.
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandRouter } from '../../commands/command-router.ts';
import { parseCommandLine } from '../../commands/parse-command-line.ts';
import type { Actor } from '../../core/actor.ts';
import type { Button, Outgoing, Response } from '../../core/output.ts';
import type { ChatDelivery } from '../../core/quiz-service.ts';
import type { Logger } from '../../logger.ts';
import {
  actionButtons,
  ansiStyle,
  plainStyle,
  renderNotice,
  renderText,
  type TextStyle,
} from './render-text.ts';

/** A linear transcript follows at most this many "advance" buttons in a row (a safety stop). */
const MAX_AUTO_ADVANCE = 20;
export const CONSOLE_CHAT_ID = 'console';

type ActionButton = Extract<Button, { kind: 'action' }>;

export interface ConsoleSessionOptions {
  router: CommandRouter;
  input: Readable;
  output: Writable;
  log: Logger;
  interactive: boolean;
  userName?: string;
}

export class ConsoleSession {
  /** The numbered actions currently on screen. */
  #choices: ActionButton[] = [];
  #refs = 0;
  readonly #actor: Actor;
  readonly #style: TextStyle;

  constructor(private readonly options: ConsoleSessionOptions) {
    const name = options.userName ?? safeUserName();
    this.#actor = { platform: 'console', userId: name, name, chatId: CONSOLE_CHAT_ID, chatKind: 'private' };
    this.#style = options.interactive ? ansiStyle : plainStyle;
  }

  #print(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  async #show(response: Response): Promise<void> {
    const note = renderNotice(response);
    if (note) this.#print(note);
    await this.deliverMessages(response.messages);
  }

  /** Prints messages; the newest message with actions sets what the numbers mean. */
  async deliverMessages(messages: Outgoing[]): Promise<void> {
    let advance: ActionButton | undefined;
    for (const out of messages) {
      const buttons = actionButtons(out.message);
      if (buttons.length > 0) this.#choices = buttons;
      this.#print(`\n${renderText(out.message, 1, this.#style)}`);
      await out.afterSend?.(`console-${++this.#refs}`);
      const onlyWayOn = buttons.length === 1 && buttons[0]?.advance ? buttons[0] : undefined;
      advance = onlyWayOn ?? (buttons.length > 0 ? undefined : advance);
    }
    if (advance) this.#pendingAdvance = advance;
  }

  #pendingAdvance: ActionButton | undefined;

  /** Timer-driven posts (group rounds closing) arrive here. */
  deliver = async (delivery: ChatDelivery): Promise<void> => {
    await this.deliverMessages(delivery.messages);
    this.#prompt();
  };

  async handleLine(raw: string): Promise<void> {
    const text = raw.trim();
    if (text === '') return;
    try {
      if (/^\d+$/.test(text)) {
        const button = this.#choices[Number(text) - 1];
        if (!button) {
          this.#print(
            `! There is no choice ${text} on screen. Pick 1–${this.#choices.length}, or type /help.`,
          );
          return;
        }
        await this.#show(await this.options.router.press(this.#actor, button.payload));
      } else {
        const line = parseCommandLine(text.startsWith('/') ? text : `/${text}`);
        if (!line) {
          this.#print('! Type a command such as /brief or /help, or the number of a choice.');
          return;
        }
        await this.#show(await this.options.router.runLine(this.#actor, line, async () => true));
      }
      for (let step = 0; step < MAX_AUTO_ADVANCE && this.#pendingAdvance; step++) {
        const next = this.#pendingAdvance;
        this.#pendingAdvance = undefined;
        await this.#show(await this.options.router.press(this.#actor, next.payload));
      }
    } catch (error) {
      this.options.log.error({ err: error }, 'console command failed');
      this.#print('! Something went wrong on our side; the details are in the log. Try again.');
    }
  }

  #prompt(): void {
    if (this.options.interactive && this.#running) this.options.output.write('> ');
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
        'newsquiz playground: type /help, /brief, /read or /quiz; pick actions by number; Ctrl-D quits.',
      );
    }
    const lines = createInterface({ input: this.options.input, terminal: false });
    this.#running = true;
    this.#prompt();
    for await (const line of lines) {
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
