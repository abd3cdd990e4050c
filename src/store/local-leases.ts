// Leases of a store one process owns (memory://, sqlite://): kept in this process, lapsing by its clock.
import { systemClock } from '../core/clock.ts';
import type { Lease, LeaseOptions } from './store-contract.ts';

interface Held {
  holder: symbol;
  until: number;
}

export class LocalLeases {
  /** By lease name: who holds it, and until when. */
  readonly #held = new Map<string, Held>();

  lease(name: string, { ttlMs, clock = systemClock }: LeaseOptions): Lease {
    const holder = Symbol(name);
    const held = this.#held;
    return {
      async hold() {
        const now = clock.now();
        const current = held.get(name);
        if (current && current.holder !== holder && current.until > now) return false;
        held.set(name, { holder, until: now + ttlMs });
        return true;
      },
      async release() {
        if (held.get(name)?.holder === holder) held.delete(name);
      },
    };
  }
}
