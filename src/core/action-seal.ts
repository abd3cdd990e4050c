// Seals button payloads to the chat they are sent to: a payload forged, altered or carried to another
// chat does not open. A short HMAC keeps the sealed payload within Telegram's 64 bytes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Platform } from './records/platform.ts';

/** 48 bits of HMAC-SHA256 as 8 base64url characters, after a separating `:`. */
const MAC_CHARS = 8;
export const SEAL_BYTES = MAC_CHARS + 1;

export interface SealScope {
  platform: Platform;
  chatId: string;
}

/**
 * Payloads opened and sealed recently: a burst presses the same few buttons of one message many times,
 * and each answer carries the same Report button.
 */
const REMEMBERED = 2_000;

export class PayloadSeal {
  readonly #opened = new Map<string, string>();
  readonly #sealed = new Map<string, string>();

  constructor(private readonly key: Buffer) {
    if (key.length < 16) throw new Error('a payload key needs at least 16 bytes');
  }

  #mac(payload: string, scope: SealScope): string {
    return createHmac('sha256', this.key)
      .update(`${scope.platform}\u0000${scope.chatId}\u0000${payload}`)
      .digest('base64url')
      .slice(0, MAC_CHARS);
  }

  seal(payload: string, scope: SealScope): string {
    const memo = `${scope.platform}\u0000${scope.chatId}\u0000${payload}`;
    const known = this.#sealed.get(memo);
    if (known !== undefined) return known;
    const sealed = `${payload}:${this.#mac(payload, scope)}`;
    if (this.#sealed.size >= REMEMBERED) this.#sealed.clear();
    this.#sealed.set(memo, sealed);
    return sealed;
  }

  /** The payload inside, or undefined when the seal does not match this chat. */
  open(sealed: string, scope: SealScope): string | undefined {
    const memo = `${scope.platform}\u0000${scope.chatId}\u0000${sealed}`;
    const known = this.#opened.get(memo);
    if (known !== undefined) return known;
    const cut = sealed.lastIndexOf(':');
    if (cut <= 0 || sealed.length - cut - 1 !== MAC_CHARS) return undefined;
    const payload = sealed.slice(0, cut);
    const given = Buffer.from(sealed.slice(cut + 1));
    const expected = Buffer.from(this.#mac(payload, scope));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (this.#opened.size >= REMEMBERED) this.#opened.clear();
    this.#opened.set(memo, payload);
    return payload;
  }
}
