// The log of every Bot API call the bot made, and waiting for a (past or future) call that matches.
import type { ApiResponse } from './bot-api-types.ts';
import type { RawParams } from './params.ts';

export interface ApiCall {
  /** Canonical method name (`sendMessage`), or the name as requested when the method is unknown. */
  method: string;
  /** Parameters as received; form/query values normalised (JSON fields parsed, integer ids as numbers). */
  params: RawParams;
  /** When the request arrived, in ms since the emulator started (monotonic, sub-ms precision). */
  at: number;
  /** How long the emulator took to answer (long polls included), in ms. */
  durationMs: number;
  /** What the emulator answered. */
  response: ApiResponse;
  /** `http` for normal calls; `webhook-reply` for a method telegraf put in its webhook response body. */
  via: 'http' | 'webhook-reply';
}

export type CallPredicate = (call: ApiCall) => boolean;

interface Waiter {
  method: string;
  predicate: CallPredicate;
  resolve: (call: ApiCall) => void;
}

export class CallLog {
  readonly calls: ApiCall[] = [];
  private readonly waiters = new Set<Waiter>();

  record(call: ApiCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) {
      if (waiter.method === call.method && waiter.predicate(call)) waiter.resolve(call);
    }
  }

  find(method: string, predicate: CallPredicate = () => true): ApiCall | undefined {
    return this.calls.find((call) => call.method === method && predicate(call));
  }

  /** The first call of `method` matching `predicate`, already made or made within `timeoutMs`. */
  waitFor(method: string, predicate: CallPredicate = () => true, timeoutMs = 2000): Promise<ApiCall> {
    const past = this.find(method, predicate);
    if (past !== undefined) return Promise.resolve(past);
    return new Promise<ApiCall>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.filter((call) => call.method === method).length;
        reject(
          new Error(`telegram emulator: no matching ${method} call within ${timeoutMs} ms (${seen} seen)`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.calls.length = 0;
  }
}
