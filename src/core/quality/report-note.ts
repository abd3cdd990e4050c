// A report's note as typed by a reader: hostile text, made one plain line of bounded length.
import { t } from '../../i18n/current-locale.ts';
import { MAX_REPORT_NOTE } from '../records/report.ts';
import { USER_ERRORS, UserError } from '../user-error.ts';

/** Control and format characters (line breaks included) become spaces; bidi overrides and the like go. */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
const FORMAT = /\p{Cf}/gu;

/** The note as stored, or undefined for none; a note over the limit is refused with its length. */
export function cleanNote(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const note = text.replace(CONTROL, ' ').replace(FORMAT, '').replace(/\s+/g, ' ').trim();
  if (note === '') return undefined;
  // Counted in UTF-16 units, as the stored record's schema counts them.
  if (note.length > MAX_REPORT_NOTE) {
    throw new UserError(
      USER_ERRORS.badNote,
      t('report-note-too-long', { max: MAX_REPORT_NOTE, length: note.length }),
    );
  }
  return note;
}
