// What a user is told when handling their update failed: an outage of the store, or a bug of ours.
import { isStoreUnavailable } from '../../core/ports.ts';

export const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a moment.';
export const STORE_DOWN =
  'The bot cannot reach its storage right now, so that did not go through. Please try again in a minute.';

export function failureText(error: unknown): string {
  return isStoreUnavailable(error) ? STORE_DOWN : APOLOGY;
}

/** Store outages are expected and logged without a stack; anything else is a bug and logged in full. */
export function failureLevel(error: unknown): 'warn' | 'error' {
  return isStoreUnavailable(error) ? 'warn' : 'error';
}
