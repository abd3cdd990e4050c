// Reads Bot API failures: which mean "chat gone", "our request is wrong", "slow down" or "try later".
import type { DeliveryFailure, GoneCause } from '../../delivery/platform-adapter.ts';

/** Telegram's own texts for the cases we treat specially. */
const NOT_MODIFIED = /message is not modified/i;
const QUERY_TOO_OLD = /query is too old|query ID is invalid/i;
/**
 * 400s that are about the chat, not the request: posting there again would only fail again. (403s —
 * blocked, kicked, no rights — always are.)
 */
const CHAT_GONE =
  /chat not found|bot was kicked|bot was blocked|not a member|user is deactivated|chat was deactivated|group chat was upgraded|have no rights to send|not enough rights to send|need administrator rights|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED|TOPIC_CLOSED/i;

/** Which of the chat-gone cases Telegram's words name, the first that matches. */
const GONE_CAUSES: readonly [RegExp, GoneCause][] = [
  [/bot was blocked/i, 'blocked'],
  [/can't initiate conversation|bot can't send messages to bots/i, 'no-private-chat'],
  [/bot was kicked|not a member/i, 'removed'],
  [/chat not found|deactivated|upgraded/i, 'chat-not-found'],
  [/rights|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED|TOPIC_CLOSED/i, 'no-permission'],
];

export type TelegramFailure =
  | DeliveryFailure
  /** "message is not modified": the edit asked for what is already shown. */
  | { kind: 'not-modified'; description: string };

interface ApiErrorShape {
  code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
  response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
}

/** The Bot API's answer inside a telegraf error, if the error carries one (network errors do not). */
function apiError(error: unknown): { code: number; description: string; retryAfter?: number } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const shape = error as ApiErrorShape;
  const code = shape.response?.error_code ?? shape.code;
  if (typeof code !== 'number') return undefined;
  const description = String(shape.response?.description ?? shape.description ?? '');
  const retryAfter = shape.response?.parameters?.retry_after ?? shape.parameters?.retry_after;
  return typeof retryAfter === 'number' ? { code, description, retryAfter } : { code, description };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function classifyTelegramError(error: unknown): TelegramFailure {
  const api = apiError(error);
  if (!api) return { kind: 'unavailable', description: describe(error) };
  const description = `${api.code}: ${api.description}`;
  if (NOT_MODIFIED.test(api.description)) return { kind: 'not-modified', description };
  if (api.code === 429) {
    return { kind: 'rate-limited', retryAfterMs: Math.max(1, api.retryAfter ?? 1) * 1000, description };
  }
  if (api.code === 403 || (api.code === 400 && CHAT_GONE.test(api.description))) {
    const cause = GONE_CAUSES.find(([words]) => words.test(api.description))?.[1];
    return cause ? { kind: 'chat-gone', description, cause } : { kind: 'chat-gone', description };
  }
  // 401 (token revoked) and 404 (wrong API root) concern the whole bot, not this request: try later.
  if (api.code === 400 || (api.code > 404 && api.code < 500)) return { kind: 'rejected', description };
  return { kind: 'unavailable', description };
}

export const isQueryTooOld = (error: unknown) => QUERY_TOO_OLD.test(apiError(error)?.description ?? '');
