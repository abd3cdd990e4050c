// What a user is told when handling their update failed: an outage of the store, or a bug of ours.
import { isStoreUnavailable } from '../../core/ports.ts';

export { failureLevel } from '../../core/ports.ts';

export const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a moment.';
/** Not "it did not go through": a write can take effect although its answer was lost on the way. */
export const STORE_DOWN = 'The bot cannot reach its storage right now. Please try again in a minute.';

export function failureText(error: unknown): string {
  return isStoreUnavailable(error) ? STORE_DOWN : APOLOGY;
}
