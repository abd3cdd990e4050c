// Queued one-shot failures: the next N calls of a method answer with a given Bot API error.
import { ApiError } from './api-error.ts';
import type { ResponseParameters } from './bot-api-types.ts';

export interface InjectedFailure {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export class FailureInjector {
  private readonly queued = new Map<string, InjectedFailure[]>();
  /** Calls of a method to let through before its queued failures apply. */
  private readonly passes = new Map<string, number>();
  /** Calls of a method whose answer is lost after they took effect. */
  private readonly resets = new Map<string, number>();

  add(method: string, failure: InjectedFailure, times: number, after = 0): void {
    const queue = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.queued.set(method, queue);
    if (after > 0) this.passes.set(method, (this.passes.get(method) ?? 0) + after);
  }

  /** The error for this call of `method`, if one is queued. */
  take(method: string): ApiError | undefined {
    if ((this.queued.get(method)?.length ?? 0) === 0) return undefined;
    const passes = this.passes.get(method) ?? 0;
    if (passes > 0) {
      this.passes.set(method, passes - 1);
      return undefined;
    }
    const failure = this.queued.get(method)?.shift();
    if (failure === undefined) return undefined;
    return new ApiError(failure.error_code, failure.description, failure.parameters);
  }

  /** The next `times` calls of `method` take effect, then their connection is reset unanswered. */
  resetAfter(method: string, times: number): void {
    this.resets.set(method, (this.resets.get(method) ?? 0) + times);
  }

  /** Whether this (successful) call of `method` is to lose its answer. */
  takeReset(method: string): boolean {
    const left = this.resets.get(method) ?? 0;
    if (left === 0) return false;
    this.resets.set(method, left - 1);
    return true;
  }

  pending(method: string): number {
    return this.queued.get(method)?.length ?? 0;
  }
}
