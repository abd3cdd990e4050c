// Reporting a question as neutral messages: the Report button, the reasons, the note, the thanks.
import { t } from '../../i18n/current-locale.ts';
import { encodeAction } from '../action-payload.ts';
import { clipText } from '../clip-text.ts';
import { type Ask, type Button, message, type NeutralMessage } from '../output.ts';
import { MAX_REPORT_NOTE, type ReportReason } from '../records/report.ts';

/** How each reason reads on its button and in the author's listing. */
export const REASON_LABELS: Record<ReportReason, string> = {
  'wrong-key': 'Answer key is wrong',
  unclear: 'Unclear',
  outdated: 'Out of date',
  other: 'Something else',
};

/** A reason as the reader's language says it (REASON_LABELS stay English for the authors' tools). */
export const reasonLabel = (reason: ReportReason): string => t(`report-reason-${reason}`);

/** How much of a prompt a thanks repeats. */
const PROMPT_SHOWN = 120;

/** The Report button under an answered question (the round and its position say which question). */
export function reportButton(roundId: string, position: number): Button {
  return {
    kind: 'action',
    label: t('report-button'),
    payload: encodeAction({ type: 'report', round: roundId, question: position }),
  };
}

/** Why the question is reported: one button per reason. */
export function reasonsMessage(roundId: string, position: number, prompt: string): NeutralMessage {
  const reason = (value: ReportReason): Button => ({
    kind: 'action',
    label: reasonLabel(value),
    payload: encodeAction({ type: 'reason', round: roundId, question: position, reason: value }),
  });
  return message(
    [
      { kind: 'title', text: t('report-title') },
      { kind: 'quote', text: prompt },
      {
        kind: 'text',
        text: t('report-what-is-wrong'),
      },
    ],
    [
      [reason('wrong-key'), reason('unclear')],
      [reason('outdated'), reason('other')],
    ],
  );
}

/** "Something else": a note, typed in a dialog or sent as the next message, or none. */
export function noteAsk(roundId: string, position: number): Ask {
  const payload = encodeAction({ type: 'note', round: roundId, question: position });
  return {
    payload,
    title: t('report-other-title'),
    label: t('report-note-label'),
    maxLength: MAX_REPORT_NOTE,
    message: message(
      [
        { kind: 'title', text: t('report-other-title') },
        {
          kind: 'text',
          text: t('report-note-ask', { max: MAX_REPORT_NOTE }),
        },
      ],
      [[{ kind: 'action', label: t('report-without-note'), payload }]],
    ),
  };
}

export interface ReportReceipt {
  prompt: string;
  reason: ReportReason;
  note?: string;
  /** The reason of the report this one replaced, if the person had reported the question before. */
  replaced?: ReportReason;
}

export function thanksMessage(receipt: ReportReceipt): NeutralMessage {
  const lines = [
    t('report-thanks-reported', {
      prompt: clipText(receipt.prompt, PROMPT_SHOWN),
      reason: reasonLabel(receipt.reason),
    }),
  ];
  if (receipt.note) lines.push(t('report-thanks-note', { note: receipt.note }));
  if (receipt.replaced) {
    lines.push(t('report-thanks-replaces', { reason: reasonLabel(receipt.replaced) }));
  }
  return message([
    { kind: 'title', text: t('report-thanks-title') },
    { kind: 'text', text: lines.join(' ') },
    { kind: 'footer', text: t('report-thanks-footer') },
  ]);
}
