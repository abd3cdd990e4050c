// The neutral message format: plain data every adapter renders natively (escaping lives in adapters).

export type Tone = 'ok' | 'error' | 'info';

export type Block =
  /** The message's headline; `url` makes it a link where the platform can. */
  | { kind: 'title'; text: string; url?: string }
  /** A sub-heading inside a message. */
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  /** A highlighted line, such as a hook or a focus sentence. */
  | { kind: 'quote'; text: string }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'tags'; tags: { type: string; name: string }[] }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'footer'; text: string };

export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

export type Button =
  /** Carries an encoded action payload back to the bot (see action-payload.ts). */
  | {
      kind: 'action';
      label: string;
      payload: string;
      style?: ButtonStyle;
      /** The way forward (e.g. "Next question"); a linear client such as the console may take it at once. */
      advance?: boolean;
    }
  | { kind: 'link'; label: string; url: string };

export interface NeutralMessage {
  blocks: Block[];
  /** Rows of buttons. */
  buttons: Button[][];
}

/**
 * Where a message goes:
 * - `reply`: a public answer in the chat the command or press came from;
 * - `private`: only the acting user sees it where the platform can (ephemeral), else a reply;
 * - `update`: replaces the message whose button was pressed;
 * - `edit`: replaces an earlier message known by its platform reference;
 * - `chat`: a new message in the chat, not tied to any event (timers, schedules).
 */
export type Target =
  | { to: 'reply' }
  | { to: 'private' }
  | { to: 'update' }
  | { to: 'edit'; ref: string }
  | { to: 'chat' };

export interface Outgoing {
  target: Target;
  message: NeutralMessage;
  /** Edits sharing a key may be coalesced so only the latest is sent (live answer counts). */
  coalesceKey?: string;
  /** Called with the platform's reference of the sent message, so it can be edited later. */
  afterSend?: (ref: string) => Promise<void>;
}

/** What a command or a button press produces. */
export interface Response {
  /** A short note for the acting user: a toast on Telegram, an ephemeral line on Discord. */
  notice?: { text: string; tone: Tone };
  messages: Outgoing[];
}

export const message = (blocks: Block[], buttons: Button[][] = []): NeutralMessage => ({ blocks, buttons });

export const reply = (msg: NeutralMessage, target: Target = { to: 'reply' }): Response => ({
  messages: [{ target, message: msg }],
});

export const notice = (text: string, tone: Tone = 'info'): Response => ({
  notice: { text, tone },
  messages: [],
});

/** Splits buttons into rows of at most `perRow` (Discord allows 5 per row). */
export function rows(buttons: Button[], perRow = 5): Button[][] {
  const result: Button[][] = [];
  for (let index = 0; index < buttons.length; index += perRow)
    result.push(buttons.slice(index, index + perRow));
  return result;
}
