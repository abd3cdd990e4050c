// Bot API update methods: getUpdates (long polling) and setWebhook / deleteWebhook / getWebhookInfo.
import { badRequest, conflict } from './api-error.ts';
import { DescribedResult, type MethodHandler } from './method-context.ts';
import type { Params } from './params.ts';
import type { EmulatorState } from './state.ts';

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

function applyAllowedUpdates(state: EmulatorState, params: Params): void {
  const allowed = params.json('allowed_updates');
  if (Array.isArray(allowed)) {
    state.updates.setAllowed(allowed.filter((type): type is string => typeof type === 'string'));
  }
}

const getUpdates: MethodHandler = async ({ state, webhook, params, signal }) => {
  if (webhook.active) {
    throw conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const offset = params.optionalInt('offset') ?? 0;
  const limit = clamp(params.optionalInt('limit') ?? 100, 1, 100);
  const timeoutSeconds = Math.max(0, params.optionalInt('timeout') ?? 0);
  state.updates.terminatePoll();
  applyAllowedUpdates(state, params);
  state.updates.confirm(offset);
  if (state.updates.size === 0 && timeoutSeconds > 0) {
    const outcome = await state.updates.waitForUpdate(timeoutSeconds * 1000, signal);
    if (outcome === 'terminated') {
      throw conflict(
        'terminated by other getUpdates request; make sure that only one bot instance is running',
      );
    }
  }
  return state.updates.peek(limit);
};

const setWebhook: MethodHandler = ({ state, webhook, params }) => {
  const url = params.optionalString('url') ?? '';
  if (url === '') {
    const wasSet = webhook.active;
    webhook.delete();
    return new DescribedResult(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
  }
  // Telegram insists on https; the emulator also takes http so tests can point it at a local server.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
  const secretToken = params.optionalString('secret_token');
  if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) {
    throw badRequest('secret token contains unallowed characters');
  }
  applyAllowedUpdates(state, params);
  if (params.bool('drop_pending_updates')) state.updates.clear();
  state.updates.terminatePoll();
  webhook.set({
    url,
    secretToken,
    maxConnections: clamp(params.optionalInt('max_connections') ?? 40, 1, 100),
    ipAddress: params.optionalString('ip_address'),
  });
  return new DescribedResult(true, 'Webhook was set');
};

const deleteWebhook: MethodHandler = ({ state, webhook, params }) => {
  const wasSet = webhook.active;
  webhook.delete();
  if (params.bool('drop_pending_updates')) state.updates.clear();
  return new DescribedResult(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
};

const getWebhookInfo: MethodHandler = ({ webhook }) => webhook.info();

export const updateMethods: Readonly<Record<string, MethodHandler>> = {
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
};
