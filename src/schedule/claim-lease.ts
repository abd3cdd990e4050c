// Keeps a run's claim alive while its holder works: renewed every so often until ended, noticing when
// another instance took the run over (this one stalled past the lease).
import type { Timers } from '../core/ports.ts';

export interface ClaimLease {
  /** Another instance took the run over. */
  readonly lost: boolean;
  end(): void;
}

/** `renew` extends the claim and says whether it is still this holder's. */
export function keepClaimAlive(
  renew: () => Promise<boolean>,
  options: { timers: Timers; renewMs: number; onError: (error: unknown) => void },
): ClaimLease {
  let lost = false;
  let ended = false;
  let cancel: (() => void) | undefined;
  const renewLater = () => {
    cancel = options.timers.after(options.renewMs, () => {
      renew().then(
        (held) => {
          lost ||= !held;
          if (held && !ended) renewLater();
        },
        (error: unknown) => {
          options.onError(error);
          if (!ended) renewLater();
        },
      );
    });
  };
  renewLater();
  return {
    get lost() {
      return lost;
    },
    end() {
      ended = true;
      cancel?.();
    },
  };
}
