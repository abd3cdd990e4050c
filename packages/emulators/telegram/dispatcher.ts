// Runs one Bot API call: finds the method (case-insensitively), applies injected failures, logs the call.
import { ApiError, methodNotFound } from './api-error.ts';
import type { ApiResponse } from './bot-api-types.ts';
import type { CallLog } from './call-log.ts';
import type { FailureInjector } from './failure-injector.ts';
import { DescribedResult, type MethodHandler } from './method-context.ts';
import { botMethods } from './methods-bot.ts';
import { chatMethods } from './methods-chats.ts';
import { messageMethods } from './methods-messages.ts';
import { updateMethods } from './methods-updates.ts';
import { normaliseParams, Params } from './params.ts';
import type { EmulatorState } from './state.ts';
import type { WebhookDelivery } from './webhook.ts';

const METHODS: ReadonlyMap<string, { name: string; handler: MethodHandler }> = new Map(
  Object.entries({ ...botMethods, ...updateMethods, ...messageMethods, ...chatMethods }).map(
    ([name, handler]) => [name.toLowerCase(), { name, handler }],
  ),
);

/** Canonical spelling of a Bot API method the emulator implements (Telegram ignores case). */
export function canonicalMethod(name: string): string | undefined {
  return METHODS.get(name.toLowerCase())?.name;
}

export interface DispatchResult {
  /** HTTP status: 200, or the error_code of a failure. */
  status: number;
  response: ApiResponse;
  /** The call took effect, but its connection is to be reset instead of answered. */
  reset?: boolean;
}

export class Dispatcher {
  constructor(
    private readonly state: EmulatorState,
    private readonly webhook: WebhookDelivery,
    private readonly log: CallLog,
    private readonly failures: FailureInjector,
  ) {}

  async dispatch(
    requestedMethod: string,
    rawParams: Record<string, unknown>,
    signal: AbortSignal,
    via: 'http' | 'webhook-reply' = 'http',
  ): Promise<DispatchResult> {
    const at = this.state.clock();
    const entry = METHODS.get(requestedMethod.toLowerCase());
    const method = entry?.name ?? requestedMethod;
    const params = normaliseParams(rawParams);
    let response: ApiResponse;
    try {
      if (entry === undefined) throw methodNotFound();
      const injected = this.failures.take(method);
      if (injected !== undefined) throw injected;
      const result: unknown = await entry.handler({
        state: this.state,
        webhook: this.webhook,
        params: new Params(params),
        signal,
      });
      response =
        result instanceof DescribedResult
          ? { ok: true, result: result.result, description: result.description }
          : { ok: true, result };
    } catch (error) {
      response = error instanceof ApiError ? error.toResponse() : internalError(error);
    }
    if (!response.ok && response.error_code === 429) this.state.stats.tooManyRequests += 1;
    this.log.record({ method, params, at, durationMs: this.state.clock() - at, response, via });
    const reset = response.ok && this.failures.takeReset(method);
    return { status: response.ok ? 200 : response.error_code, response, ...(reset ? { reset } : {}) };
  }
}

function internalError(error: unknown): ApiResponse {
  console.error('telegram emulator: method handler crashed', error);
  return { ok: false, error_code: 500, description: 'Internal Server Error' };
}
