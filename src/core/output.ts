// The neutral message format: plain data every adapter renders natively (escaping lives in adapters).
import { z } from 'zod';

/**
 * How a notice reads: `error` for something that went wrong (a bad option, an unknown article);
 * `wrong` for a wrong quiz answer, which is part of the game, not an error. Adapters may show
 * `wrong` like `error` or like `info`.
 */
export type Tone = 'ok' | 'error' | 'info' | 'wrong';

export const blockSchema = z.discriminatedUnion('kind', [
  /** The message's headline; `url` makes it a link where the platform can. */
  z.object({ kind: z.literal('title'), text: z.string(), url: z.string().optional() }),
  /** A sub-heading inside a message. */
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
  /** A highlighted line, such as a hook or a focus sentence. */
  z.object({ kind: z.literal('quote'), text: z.string() }),
  /** A short literal to copy as it is (a one-time code): monospace where the platform has it. */
  z.object({ kind: z.literal('code'), text: z.string() }),
  z.object({
    kind: z.literal('fields'),
    fields: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
  z.object({
    kind: z.literal('list'),
    items: z.array(z.string()),
    ordered: z.boolean().optional(),
    /** The first item's number in an ordered list (a later page goes on from the one before). */
    start: z.number().int().min(1).optional(),
  }),
  z.object({ kind: z.literal('table'), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  z.object({ kind: z.literal('tags'), tags: z.array(z.object({ type: z.string(), name: z.string() })) }),
  z.object({ kind: z.literal('link'), label: z.string(), url: z.string() }),
  z.object({ kind: z.literal('footer'), text: z.string() }),
]);
export type Block = z.infer<typeof blockSchema>;

export const buttonStyleSchema = z.enum(['primary', 'secondary', 'success', 'danger']);
export type ButtonStyle = z.infer<typeof buttonStyleSchema>;

export const buttonSchema = z.discriminatedUnion('kind', [
  /** Carries an encoded action payload back to the bot (see action-payload.ts). */
  z.object({
    kind: z.literal('action'),
    label: z.string(),
    payload: z.string(),
    style: buttonStyleSchema.optional(),
    /** The way forward (e.g. "Next question"); a linear client such as the console may take it at once. */
    advance: z.boolean().optional(),
    /**
     * What the button does in a sequence of screens (reading mode), so a client can keep it on the
     * same key from one screen to the next (the console: next is always 1, back always 2).
     */
    role: z.enum(['next', 'back']).optional(),
  }),
  z.object({ kind: z.literal('link'), label: z.string(), url: z.string() }),
]);
export type Button = z.infer<typeof buttonSchema>;

export const neutralMessageSchema = z.object({
  blocks: z.array(blockSchema),
  buttons: z.array(z.array(buttonSchema)),
});
export type NeutralMessage = z.infer<typeof neutralMessageSchema>;

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

/** One question of one round, as a message shows it. */
export interface QuestionMessage {
  roundId: string;
  position: number;
}

export interface Outgoing {
  target: Target;
  message: NeutralMessage;
  /** The final edit of a live count message: no count edit may follow it. */
  closesLive?: boolean;
  /**
   * The question this message shows: once sent, its platform reference is stored with the round
   * (see QuizService.rememberSent), so the question can be edited later.
   */
  remember?: QuestionMessage;
}

/**
 * A message that shows a live count (a group question's answers). Adapters refresh it, at most once
 * per the platform's edit interval, from `QuizService.liveQuestion` at the moment of sending.
 */
export interface LiveCount {
  ref: string;
  roundId: string;
  position: number;
}

/**
 * A question for the acting user to answer with a line of text, sent back with `payload` (an encoded
 * action). Where the platform has dialogs (Discord's modal) it asks in one, titled `title`, with one
 * field labelled `label`; elsewhere it shows `message` in place of the pressed message, and the next
 * text the person sends is the answer. Pressing `payload` as a button answers with no text.
 */
export interface Ask {
  payload: string;
  title: string;
  label: string;
  maxLength: number;
  message: NeutralMessage;
}

/** What a command or a button press produces. */
export interface Response {
  /**
   * A short note for the acting user: a toast on Telegram, an ephemeral line on Discord. `buttons`
   * go with it where a notice is a message (Discord's ephemeral line, the playground); a toast has none.
   */
  notice?: { text: string; tone: Tone; buttons?: Button[][] };
  messages: Outgoing[];
  /** A live count changed. */
  live?: LiveCount;
  /** Asks the acting user for a line of text (replaces `messages`, which are empty then). */
  ask?: Ask;
}

export const message = (blocks: Block[], buttons: Button[][] = []): NeutralMessage => ({ blocks, buttons });

export const reply = (msg: NeutralMessage, target: Target = { to: 'reply' }): Response => ({
  messages: [{ target, message: msg }],
});

export const notice = (text: string, tone: Tone = 'info'): Response => ({
  notice: { text, tone },
  messages: [],
});
