// What a button carries back: compact, versioned, validated, ≤ 64 bytes, never an identity.
import { z } from 'zod';
import { SEAL_BYTES } from './action-seal.ts';
import { REPORT_REASONS, type ReportReason } from './records/report.ts';

/**
 * Telegram's callback_data limit is 64 bytes, the tighter of the two platforms (Discord allows 100);
 * the seal added on the way out (see action-seal.ts) takes the rest.
 */
export const MAX_PAYLOAD_BYTES = 64 - SEAL_BYTES;
const VERSION = '1';

export const BRIEF_SECTIONS = [
  'takeaways',
  'comparison',
  'deep-dive',
  'implications',
  'timeline',
  'related',
] as const;
export type BriefSection = (typeof BRIEF_SECTIONS)[number];
const SECTION_CODES: Record<BriefSection, string> = {
  takeaways: 'k',
  comparison: 'c',
  'deep-dive': 'd',
  implications: 'i',
  timeline: 't',
  related: 'r',
};

const REASON_CODES: Record<ReportReason, string> = {
  'wrong-key': 'w',
  unclear: 'u',
  outdated: 'd',
  other: 'e',
};

const ref = z.string().regex(/^[a-z0-9]{1,13}$/);
const roundId = z.string().regex(/^[a-z0-9]{6,16}$/);
const index = z.coerce.number().int().min(0).max(99);
const topic = z.string().regex(/^[a-z0-9-]{1,32}$/);

export const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('brief'), article: ref }),
  z.object({ type: z.literal('section'), article: ref, section: z.enum(BRIEF_SECTIONS) }),
  z.object({ type: z.literal('read'), article: ref, step: index }),
  z.object({ type: z.literal('quiz'), article: ref, mode: z.enum(['solo', 'group']) }),
  z.object({ type: z.literal('answer'), round: roundId, question: index, choice: index }),
  z.object({ type: z.literal('next'), round: roundId, question: index }),
  /** Ends one's own solo round early, with the score so far. */
  z.object({ type: z.literal('stop'), round: roundId }),
  /** A page of the news list; with a page, the press turns the page of the list it came from. */
  z.object({ type: z.literal('news'), topic: topic.optional(), page: index.optional() }),
  z.object({ type: z.literal('topics'), page: index }),
  z.object({ type: z.literal('board'), period: z.enum(['week', 'all']) }),
  /** Starts reviewing one's due cards (/review). */
  z.object({ type: z.literal('review') }),
  /**
   * Confirms /unlink: splits the presser's linked accounts (who is taken from the press, never from
   * here), if they are still the link the prompt named (prompts from before 0.3 name none).
   */
  z.object({ type: z.literal('unlink'), link: ref.optional() }),
  /** Asks why the presser reports this question of this round (only someone who answered it may). */
  z.object({ type: z.literal('report'), round: roundId, question: index }),
  /** Reports the question for a reason; `other` asks for an optional note first. */
  z.object({ type: z.literal('reason'), round: roundId, question: index, reason: z.enum(REPORT_REASONS) }),
  /** Reports the question for "something else", with the note typed (or, pressed as a button, none). */
  z.object({ type: z.literal('note'), round: roundId, question: index }),
]);
export type Action = z.infer<typeof actionSchema>;

export function encodeAction(action: Action): string {
  let parts: (string | number)[];
  switch (action.type) {
    case 'brief':
      parts = ['b', action.article];
      break;
    case 'section':
      parts = ['s', action.article, SECTION_CODES[action.section]];
      break;
    case 'read':
      parts = ['r', action.article, action.step];
      break;
    case 'quiz':
      parts = ['q', action.article, action.mode === 'solo' ? 's' : 'g'];
      break;
    case 'answer':
      parts = ['a', action.round, action.question, action.choice];
      break;
    case 'next':
      parts = ['n', action.round, action.question];
      break;
    case 'stop':
      parts = ['x', action.round];
      break;
    case 'news':
      parts = ['w'];
      if (action.topic !== undefined || action.page !== undefined) parts.push(action.topic ?? '');
      if (action.page !== undefined) parts.push(action.page);
      break;
    case 'topics':
      parts = ['t', action.page];
      break;
    case 'board':
      parts = ['l', action.period === 'week' ? 'w' : 'a'];
      break;
    case 'review':
      parts = ['v'];
      break;
    case 'unlink':
      parts = action.link === undefined ? ['u'] : ['u', action.link];
      break;
    case 'report':
      parts = ['p', action.round, action.question];
      break;
    case 'reason':
      parts = ['k', action.round, action.question, REASON_CODES[action.reason]];
      break;
    case 'note':
      parts = ['o', action.round, action.question];
      break;
  }
  const payload = [VERSION, ...parts].join(':');
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new Error(`action payload "${payload}" exceeds ${MAX_PAYLOAD_BYTES} bytes`);
  }
  return payload;
}

const sectionByCode = new Map(Object.entries(SECTION_CODES).map(([section, code]) => [code, section]));
const reasonByCode = new Map(Object.entries(REASON_CODES).map(([reason, code]) => [code, reason]));

/** Payloads decoded recently: a burst presses the same few buttons of one message many times. */
const REMEMBERED = 2_000;
const decoded = new Map<string, Readonly<Action>>();

/**
 * Parses a payload; anything garbled, forged or from an unknown version gives undefined. The action
 * is shared with other presses of the same button: it is frozen.
 */
export function decodeAction(payload: string): Readonly<Action> | undefined {
  const known = decoded.get(payload);
  if (known !== undefined) return known;
  const action = parseAction(payload);
  if (action === undefined) return undefined;
  if (decoded.size >= REMEMBERED) decoded.clear();
  decoded.set(payload, Object.freeze(action));
  return action;
}

function parseAction(payload: string): Action | undefined {
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return undefined;
  const [version, code, ...rest] = payload.split(':');
  if (version !== VERSION) return undefined;
  let candidate: Record<string, unknown>;
  switch (code) {
    case 'b':
      candidate = { type: 'brief', article: rest[0] };
      break;
    case 's':
      candidate = { type: 'section', article: rest[0], section: sectionByCode.get(rest[1] ?? '') };
      break;
    case 'r':
      candidate = { type: 'read', article: rest[0], step: rest[1] };
      break;
    case 'q':
      candidate = {
        type: 'quiz',
        article: rest[0],
        mode: rest[1] === 's' ? 'solo' : rest[1] === 'g' ? 'group' : '',
      };
      break;
    case 'a':
      candidate = { type: 'answer', round: rest[0], question: rest[1], choice: rest[2] };
      break;
    case 'n':
      candidate = { type: 'next', round: rest[0], question: rest[1] };
      break;
    case 'x':
      candidate = { type: 'stop', round: rest[0] };
      break;
    case 'w':
      candidate = {
        type: 'news',
        ...(rest[0] ? { topic: rest[0] } : {}),
        ...(rest[1] !== undefined ? { page: rest[1] } : {}),
      };
      break;
    case 't':
      candidate = { type: 'topics', page: rest[0] };
      break;
    case 'l':
      candidate = { type: 'board', period: rest[0] === 'w' ? 'week' : rest[0] === 'a' ? 'all' : '' };
      break;
    case 'v':
      candidate = { type: 'review' };
      break;
    case 'u':
      candidate = rest.length === 0 ? { type: 'unlink' } : { type: 'unlink', link: rest[0] };
      break;
    case 'p':
      candidate = { type: 'report', round: rest[0], question: rest[1] };
      break;
    case 'k':
      candidate = {
        type: 'reason',
        round: rest[0],
        question: rest[1],
        reason: reasonByCode.get(rest[2] ?? ''),
      };
      break;
    case 'o':
      candidate = { type: 'note', round: rest[0], question: rest[1] };
      break;
    default:
      return undefined;
  }
  const expectedParts: Record<string, number> = {
    b: 1,
    s: 2,
    r: 2,
    q: 2,
    a: 3,
    n: 2,
    x: 1,
    l: 1,
    t: 1,
    v: 0,
    p: 2,
    k: 3,
    o: 2,
  };
  const expected = expectedParts[code];
  if (expected !== undefined && rest.length !== expected) return undefined;
  if ((code === 'w' || code === 'u') && rest.length > (code === 'w' ? 2 : 1)) return undefined;
  const parsed = actionSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
