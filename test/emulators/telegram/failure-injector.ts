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

  add(method: string, failure: InjectedFailure, times: number): void {
    const queue = this.queued.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.queued.set(method, queue);
  }

  /** The error for this call of `method`, if one is queued. */
  take(method: string): ApiError | undefined {
    const failure = this.queued.get(method)?.shift();
    if (failure === undefined) return undefined;
    return new ApiError(failure.error_code, failure.description, failure.parameters);
  }

  pending(method: string): number {
    return this.queued.get(method)?.length ?? 0;
  }
}
