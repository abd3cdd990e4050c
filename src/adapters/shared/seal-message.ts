// Seals every action button of a message to the chat it is about to be sent to.
import type { PayloadSeal, SealScope } from '../../core/action-seal.ts';
import type { NeutralMessage } from '../../core/output.ts';

export function sealMessage(message: NeutralMessage, seal: PayloadSeal, scope: SealScope): NeutralMessage {
  if (!message.buttons.some((row) => row.some((button) => button.kind === 'action'))) return message;
  return {
    ...message,
    buttons: message.buttons.map((row) =>
      row.map((button) =>
        button.kind === 'action' ? { ...button, payload: seal.seal(button.payload, scope) } : button,
      ),
    ),
  };
}
