// What a scenario can do and see, in a user's terms: one implementation per adapter, so one suite
// runs through all of them.
import type { Article } from '../../src/content/article-schema.ts';
import type { CoreServices } from '../../src/core/core-services.ts';
import { ABANDONED_SOLO_MS } from '../../src/core/quiz/quiz-service.ts';
import type { OpenedStore } from '../../src/store/open-store.ts';
import { eventually } from '../support/eventually.ts';

/** alice administers the group; bob and cyd are members. */
export type Person = 'alice' | 'bob' | 'cyd';
export const PEOPLE: readonly Person[] = ['alice', 'bob', 'cyd'];

/** `dm`: the person's private chat with the bot; `group`: the group chat (guild channel) they share. */
export type Place = 'dm' | 'group';

/** A message as a person sees it: its text (whitespace folded to single spaces) and its buttons. */
export interface Seen {
  text: string;
  /** Labels of the buttons that can be pressed (links left out). */
  buttons: string[];
}

export interface SeeOptions {
  /** Moves the injected clock this far on each look, for what the clock paces (live answer counts). */
  advancingMs?: number;
}

/** A generous deadline for anything to show: the suite runs on a busy machine. */
export const SEE_TIMEOUT_MS = 10_000;

export interface ScenarioDriver {
  readonly name: string;
  /**
   * Where a view meant only for the person (a section of a brief, reading, progress, a solo quiz)
   * shows when asked for in `place`: Telegram's private chat, Discord's ephemeral messages in place,
   * the console's one screen.
   */
  personal(place: Place): Place;
  /** Whether other people cannot see someone's personal views (the console has one screen for all). */
  readonly keepsPersonalViewsPrivate: boolean;
  /** Whether a group question's answer count is edited as answers come in (the console prints a transcript). */
  readonly showsLiveCounts: boolean;
  /** Whether the client takes the one way forward (Next question) by itself, as the console does. */
  readonly followsTheWayForward: boolean;
  /** The name the platform shows for a person. */
  nameOf(person: Person): string;
  /** The person types a line (a command) in a place. */
  say(person: Person, place: Place, line: string): Promise<void>;
  /** Waits until a message visible to the person in the place contains `text`; the newest such message. */
  see(person: Person, place: Place, text: string | RegExp, options?: SeeOptions): Promise<Seen>;
  /** Everything visible to the person in the place now, oldest first. */
  visible(person: Person, place: Place): Promise<Seen[]>;
  /**
   * The person presses a button of the newest message matching `onMessage` in the place; resolves,
   * once the bot has answered, with the short notice (toast, ephemeral line) the presser got.
   */
  press(person: Person, place: Place, onMessage: string | RegExp, label: string): Promise<string | undefined>;
  /**
   * Runs each subscription's latest scheduled run now, as the scheduler does at its time, and waits
   * until every one was posted, skipped or failed.
   */
  runScheduled(): Promise<void>;
  /**
   * The person answers what the bot just asked them (a report's note): in Discord's modal, as the next
   * message of Telegram's private chat, as the next line in the playground.
   */
  answerAsk(person: Person, place: Place, text: string): Promise<void>;
  /** Moves the injected clock on, and waits until every round it made due has been dealt with. */
  advance(ms: number): Promise<void>;
  /** The bot's store, for what a scenario checks was recorded rather than shown. */
  readonly store: OpenedStore;
  close(): Promise<void>;
}

export interface DriverFactory {
  name: string;
  start(): Promise<ScenarioDriver>;
}

export const folded = (text: string) => text.replace(/\s+/g, ' ').trim();

export const matches = (text: string, pattern: string | RegExp) =>
  typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);

/** Fails with what was there, so a scenario that waits in vain says why. */
export async function seeIn(
  look: () => Seen[] | Promise<Seen[]>,
  pattern: string | RegExp,
  options: SeeOptions & { tick?: () => void } = {},
): Promise<Seen> {
  let last: Seen[] = [];
  try {
    return await eventually(async () => {
      options.tick?.();
      last = await look();
      return last.findLast((seen) => matches(seen.text, pattern));
    }, SEE_TIMEOUT_MS);
  } catch {
    const shown = last.map((seen) => `  - ${seen.text.slice(0, 160)} [${seen.buttons.join(' | ')}]`);
    throw new Error(`never saw ${String(pattern)}; visible:\n${shown.join('\n') || '  (nothing)'}`);
  }
}

/**
 * Resolves once no open round is past its time: every group question due has been closed (the next
 * one opened, or the round ended) and every abandoned solo round has been ended.
 */
export async function roundsSettled(core: CoreServices, now: () => number): Promise<void> {
  await eventually(async () => {
    const rounds = await core.quiz.openRounds();
    const due = rounds.filter((round) =>
      round.deadline === null ? now() - round.startedAt > ABANDONED_SOLO_MS : round.deadline <= now(),
    );
    return due.length === 0;
  }, SEE_TIMEOUT_MS);
}

/** The question of the article a message shows, with its right and a wrong choice. */
export function questionIn(text: string, source: Article) {
  const question = source.questions.find((entry) => text.includes(folded(entry.prompt)));
  if (!question) throw new Error(`no question of ${source.id} in: ${text}`);
  const right = question.choices.find((choice) => choice.correct)?.text ?? '';
  const wrong = question.choices.find((choice) => !choice.correct)?.text ?? '';
  return { question, right, wrong };
}
