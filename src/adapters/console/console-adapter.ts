// The playground as a platform: its session prints what is sent and edited, and answers what is typed.
import type { Readable, Writable } from 'node:stream';
import type { CommandRouter } from '../../command-kit/command-router.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { NeutralMessage, Response } from '../../core/output.ts';
import { userOfPrivateChat } from '../../core/private-chat.ts';
import { because } from '../../core/records/reason.ts';
import {
  type Acknowledged,
  type PlatformAdapter,
  type PlatformLimits,
  type PlatformWording,
  type ResponseOutlet,
  type SendOptions,
  type SendResult,
  unpaced,
} from '../../delivery/platform-adapter.ts';
import type { Logger } from '../../logger.ts';
import { CONSOLE_CHAT_ID, type ConsoleOrigin, ConsoleSession } from './console-session.ts';

/** The terminal has no limit; this only spaces out posts that fall due together. */
const CONSOLE_POST_LIMITS: PlatformLimits = {
  overall: { limit: 5, windowMs: 1_000 },
  perChat: { limit: 5, windowMs: 1_000 },
};

/** The playground is one chat on one screen, where its one user reads everything. */
const CONSOLE_WORDING: PlatformWording = {
  privatePlace: 'wording-console-private-place',
  reachPrivately: 'wording-console-reach-privately',
  linkElsewhere: 'wording-console-link-elsewhere',
};

export interface ConsoleAdapterOptions {
  router: CommandRouter;
  core: CoreServices;
  /** The deliverer: every response goes out through it. */
  outlet: ResponseOutlet;
  input: Readable;
  output: Writable;
  log: Logger;
  interactive: boolean;
  userName?: string;
}

export class ConsoleAdapter implements PlatformAdapter<ConsoleOrigin> {
  readonly platform = 'console' as const;
  readonly limits = CONSOLE_POST_LIMITS;
  /** A printed transcript cannot change what it printed: no live counts. */
  readonly liveEditIntervalMs = undefined;
  readonly wording = CONSOLE_WORDING;
  readonly session: ConsoleSession;

  constructor(private readonly options: ConsoleAdapterOptions) {
    this.session = new ConsoleSession({
      router: options.router,
      respond: (origin, response) => options.outlet.respond(this, origin, response),
      wording: this.wording,
      input: options.input,
      output: options.output,
      log: options.log,
      interactive: options.interactive,
      ...(options.userName === undefined ? {} : { userName: options.userName }),
    });
  }

  isGroup(): boolean {
    return false;
  }

  /** The terminal takes the whole message at once: one part, printed as a new message. */
  async send(chatId: string, message: NeutralMessage, options: SendOptions = {}): Promise<SendResult> {
    // The playground is one chat: a private notice to its user is printed there too.
    if (chatId !== CONSOLE_CHAT_ID && userOfPrivateChat(chatId) === undefined) {
      return {
        ok: false,
        kind: 'gone',
        reason: because('delivery-chat-not-found', undefined, `the playground has no chat "${chatId}"`),
      };
    }
    const progress = options.progress ?? unpaced();
    const delivered = progress.delivered[0];
    if (delivered !== undefined) return { ok: true, ref: delivered };
    const answered = await progress.pace();
    const ref = await this.session.post(message).finally(answered);
    await progress.onPart(0, 1, ref);
    return { ok: true, ref };
  }

  /** What was printed stays; the new version follows it as a message of its own. */
  async edit(ref: string, message: NeutralMessage): Promise<SendResult> {
    await this.session.post(message);
    return { ok: true, ref };
  }

  async acknowledge(origin: ConsoleOrigin, response: Response): Promise<Acknowledged> {
    return { refs: await this.session.show(response, origin) };
  }

  /** A new session starts afresh: a round left open by an earlier one is not resumed. */
  async start(): Promise<void> {
    await this.options.core.quiz.abandonOpenRounds('console');
  }

  /** Reads what is typed until the input ends (Ctrl-D, or the end of a piped script). */
  run(): Promise<void> {
    return this.session.run();
  }

  async stop(): Promise<void> {}

  problem(): undefined {
    return undefined;
  }

  notify(lines: readonly string[]): void {
    this.session.notify(lines);
  }
}
