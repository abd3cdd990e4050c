// A stored reason put into words: in the reader's language for people, in English for logs.
import { t } from '../i18n/current-locale.ts';
import { hasMessage, translate } from '../i18n/translate.ts';
import type { Reason } from './records/reason.ts';

/** In the current language; an English sentence from an earlier version is shown as it is. */
export function reasonText(reason: Reason): string {
  if (typeof reason === 'string') return reason;
  return hasMessage(reason.id) ? t(reason.id, reason.args) : (reason.detail ?? reason.id);
}

/** In English with what the platform said, for logs and operators. */
export function reasonForLog(reason: Reason): string {
  if (typeof reason === 'string') return reason;
  const text = hasMessage(reason.id) ? translate('en', reason.id, reason.args) : reason.id;
  return reason.detail !== undefined && reason.detail !== text ? `${text} (${reason.detail})` : text;
}
