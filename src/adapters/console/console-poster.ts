// Scheduled posts in the playground: subscriptions made there are printed into the session when due.
import type { NeutralMessage } from '../../core/output.ts';
import type { Poster, PostResult } from '../../schedule/poster.ts';
import { CONSOLE_CHAT_ID } from './console-session.ts';

export interface ConsolePostTarget {
  /** Prints a message as a new post in the session; resolves with its reference. */
  post(message: NeutralMessage): Promise<string>;
}

export class ConsolePoster implements Poster {
  readonly platform = 'console' as const;

  constructor(private readonly session: ConsolePostTarget) {}

  async post(chatId: string, message: NeutralMessage): Promise<PostResult> {
    if (chatId !== CONSOLE_CHAT_ID) {
      return { ok: false, kind: 'permanent', reason: `the playground has no chat "${chatId}"` };
    }
    return { ok: true, ref: await this.session.post(message) };
  }

  isGroup(): boolean {
    return false;
  }
}
