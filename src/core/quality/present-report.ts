// Reporting a question as neutral messages: the Report button, the reasons, the note, the thanks.
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

/** How much of a prompt a thanks repeats. */
const PROMPT_SHOWN = 120;

/** The Report button under an answered question (the round and its position say which question). */
export function reportButton(roundId: string, position: number): Button {
  return {
    kind: 'action',
    label: 'Report',
    payload: encodeAction({ type: 'report', round: roundId, question: position }),
  };
}

/** Why the question is reported: one button per reason. */
export function reasonsMessage(roundId: string, position: number, prompt: string): NeutralMessage {
  const reason = (value: ReportReason): Button => ({
    kind: 'action',
    label: REASON_LABELS[value],
    payload: encodeAction({ type: 'reason', round: roundId, question: position, reason: value }),
  });
  return message(
    [
      { kind: 'title', text: 'Report this question' },
      { kind: 'quote', text: prompt },
      {
        kind: 'text',
        text: 'What is wrong with it? The author sees the reasons readers give, without their names.',
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
    title: 'Report: something else',
    label: 'What is wrong with it? (optional)',
    maxLength: MAX_REPORT_NOTE,
    message: message(
      [
        { kind: 'title', text: 'Report: something else' },
        {
          kind: 'text',
          text: `What is wrong with this question? Send it as your next message here (up to ${MAX_REPORT_NOTE} characters), or report it without a note.`,
        },
      ],
      [[{ kind: 'action', label: 'Send without a note', payload }]],
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
    `You reported “${clipText(receipt.prompt, PROMPT_SHOWN)}” as: ${REASON_LABELS[receipt.reason]}.`,
  ];
  if (receipt.note) lines.push(`Your note: “${receipt.note}”`);
  if (receipt.replaced) {
    lines.push(
      `This replaces your earlier report (${REASON_LABELS[receipt.replaced]}): one report per question counts.`,
    );
  }
  return message([
    { kind: 'title', text: 'Thanks for the report' },
    { kind: 'text', text: lines.join(' ') },
    { kind: 'footer', text: 'The author sees it beside how readers answer this question.' },
  ]);
}
