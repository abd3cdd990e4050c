// What a user is told when handling their update failed: an outage of the store, or a bug of ours.

import { isStoreUnavailable } from '../../core/ports.ts';
import { t } from '../../i18n/current-locale.ts';

export { failureLevel } from '../../core/ports.ts';

/** In the reader's language; for the store, not "it did not go through": a write can take effect although its answer was lost on the way. */
export function failureText(error: unknown): string {
  return isStoreUnavailable(error) ? t('failure-store-down') : t('failure-apology');
}
