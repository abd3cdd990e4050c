// Scheduled posts in the playground: subscriptions made there are printed into the session when due.
import type { NeutralMessage } from '../../core/output.ts';
import { userOfPrivateChat } from '../../core/private-chat.ts';
import type { Poster, PostProgress, PostResult } from '../../schedule/poster.ts';
import type { PlatformLimits } from '../../schedule/rate-limits.ts';
import { CONSOLE_CHAT_ID } from './console-session.ts';

export interface ConsolePostTarget {
  /** Prints a message as a new post in the session; resolves with its reference. */
  post(message: NeutralMessage): Promise<string>;
}

/** The terminal has no limit; this only spaces out posts that fall due together. */
const CONSOLE_POST_LIMITS: PlatformLimits = {
  overall: { limit: 5, windowMs: 1_000 },
  perChat: { limit: 5, windowMs: 1_000 },
};

export class ConsolePoster implements Poster {
  readonly platform = 'console' as const;
  readonly limits = CONSOLE_POST_LIMITS;

  constructor(private readonly session: ConsolePostTarget) {}

  /** The terminal takes the whole message at once: one part. */
  async post(
    chatId: string,
    message: NeutralMessage,
    _nonce: string,
    progress: PostProgress,
  ): Promise<PostResult> {
    // The playground is one chat: a private notice to its user is printed there too.
    if (chatId !== CONSOLE_CHAT_ID && userOfPrivateChat(chatId) === undefined) {
      return { ok: false, kind: 'gone', reason: `the playground has no chat "${chatId}"` };
    }
    const delivered = progress.delivered[0];
    if (delivered !== undefined) return { ok: true, ref: delivered };
    const answered = await progress.pace();
    const ref = await this.session.post(message).finally(answered);
    await progress.onPart(0, 1, ref);
    return { ok: true, ref };
  }

  isGroup(): boolean {
    return false;
  }
}
