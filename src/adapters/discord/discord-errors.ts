// Reads Discord REST failures: which mean "interaction expired", "chat gone", "slow down" or "try later".
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import type { DeliveryFailure, GoneCause } from '../../delivery/platform-adapter.ts';

/**
 * Codes after which posting to the channel again would only fail again (and count as invalid requests),
 * each with what it means for the chat.
 */
const CHAT_GONE_CODES: ReadonlyMap<number, GoneCause> = new Map([
  [RESTJSONErrorCodes.UnknownChannel, 'chat-not-found'],
  [RESTJSONErrorCodes.MissingAccess, 'no-permission'],
  [RESTJSONErrorCodes.MissingPermissions, 'no-permission'],
  [RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'dms-closed'],
  [RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel, 'no-permission'],
]);

export type DiscordFailure =
  /** 10062: the interaction token expired (not answered within 3 s) or is unknown. */
  | { kind: 'interaction-expired'; code: number; description: string }
  /** 40060: someone (another process, a retry) already answered the interaction. */
  | { kind: 'already-acknowledged'; code: number; description: string }
  /** The bot cannot post in that channel: gone, no access, no permission, DMs closed. */
  | { kind: 'chat-gone'; code: number; description: string; cause?: GoneCause }
  | { kind: 'rate-limited'; retryAfterMs: number; description: string }
  /** The request itself was refused (a bad payload, an unknown message to edit...). */
  | { kind: 'rejected'; status: number; code: number; description: string }
  /** A server error or a network failure: it may work later. */
  | { kind: 'unavailable'; description: string };

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function classifyDiscordError(error: unknown): DiscordFailure {
  if (error instanceof RateLimitError) {
    const waitMs = Math.max(error.retryAfter, error.timeToReset, error.sublimitTimeout, 0);
    return {
      kind: 'rate-limited',
      retryAfterMs: Math.ceil(waitMs) || 1_000,
      description: `rate limited on ${error.route}`,
    };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    const description = `${error.status} ${code}: ${error.message}`;
    if (code === RESTJSONErrorCodes.UnknownInteraction)
      return { kind: 'interaction-expired', code, description };
    if (code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) {
      return { kind: 'already-acknowledged', code, description };
    }
    const cause = CHAT_GONE_CODES.get(code);
    if (cause) return { kind: 'chat-gone', code, description, cause };
    if (error.status === 429) return { kind: 'rate-limited', retryAfterMs: 1_000, description };
    if (error.status >= 500) return { kind: 'unavailable', description };
    return { kind: 'rejected', status: error.status, code, description };
  }
  if (error instanceof HTTPError)
    return { kind: 'unavailable', description: `${error.status}: ${error.message}` };
  return { kind: 'unavailable', description: describe(error) };
}

export const isInteractionExpired = (error: unknown) =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;

/** A failure to post in or edit a channel's message, in the platform contract's terms. */
export function deliveryFailure(failure: DiscordFailure): DeliveryFailure {
  switch (failure.kind) {
    case 'rejected':
      // 403/404 on posting mean the channel is out of reach; any other refusal is about our payload.
      return failure.status === 403 || failure.status === 404
        ? { kind: 'chat-gone', description: failure.description }
        : { kind: 'rejected', description: failure.description };
    case 'interaction-expired':
    case 'already-acknowledged':
      return { kind: 'rejected', description: failure.description };
    default:
      return failure;
  }
}
