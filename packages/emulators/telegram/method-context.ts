// What a Bot API method implementation receives, and how it returns a result with a description.
import type { Params } from './params.ts';
import type { EmulatorState } from './state.ts';
import type { WebhookDelivery } from './webhook.ts';

export interface MethodContext {
  state: EmulatorState;
  webhook: WebhookDelivery;
  params: Params;
  /** Aborted when the client disconnects (long polls end early). */
  signal: AbortSignal;
}

/** Returns a value or a promise of one; throws ApiError for Bot API errors. */
export type MethodHandler = (context: MethodContext) => unknown;

/** A result Telegram answers with a `description` too, e.g. setWebhook's "Webhook was set". */
export class DescribedResult {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
