// Live count messages: a per-message lock (shared across instances on Redis) and a small mark record.

import { z } from 'zod';
import type { LiveMark, LiveMessagesPort } from '../core/ports.ts';
import type { KeyLock, Records } from './store-contract.ts';

const markSchema = z.object({ shown: z.number().int().min(0), lastAt: z.number(), closed: z.boolean() });
/** A live question lasts minutes; its mark is kept a day. */
const MARK_TTL_MS = 86_400_000;
const markKey = (ref: string) => `live:${ref}`;

export class LiveMessages implements LiveMessagesPort {
  constructor(
    private readonly records: Records,
    private readonly lock: KeyLock,
  ) {}

  exclusive<T>(
    ref: string,
    work: (mark: LiveMark | undefined) => Promise<{ mark?: LiveMark; result: T }>,
  ): Promise<T> {
    // Its own lock key: the record store locks `live:<ref>` itself for updates.
    return this.lock.withLock(`live-edit:${ref}`, async () => {
      const { mark, result } = await work(await this.records.read(markKey(ref), markSchema));
      if (mark) await this.records.write(markKey(ref), mark, MARK_TTL_MS);
      return result;
    });
  }
}
