// The numbers of the playground's actions: on one screen each number means one action. A screen starts
// with a typed command that shows actions; until the next one, every message printed (a press's reply,
// the next question, a timer's post) numbers its actions after those already shown, and a number
// keeps its meaning. Only a message's Next and Back, when a press replaces that message (a page turned
// in reading mode), keep the numbers they had, for the same step forward or back.
import type { NeutralMessage } from '../../core/output.ts';
import { type ActionButton, actionButtons } from './render-text.ts';

/** An action on screen, and the printed message it belongs to. */
export interface ShownAction {
  button: ActionButton;
  message: number;
}

export interface NumberedMessage {
  message: number;
  numbers: Map<ActionButton, number>;
}

/** "1–4, 7, 9–12": numbers in order, runs folded. */
export function numberRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === (sorted[end] ?? 0) + 1) end++;
    const from = sorted[start] ?? 0;
    const to = sorted[end] ?? 0;
    runs.push(to === from ? String(from) : to === from + 1 ? `${from}, ${to}` : `${from}–${to}`);
    start = end + 1;
  }
  return runs.join(', ');
}

interface Roles {
  next: number;
  back: number;
}

export class ScreenNumbers {
  readonly #shown = new Map<number, ShownAction>();
  /** The numbers each message of this screen keeps for Next and Back (reserved even when one is missing). */
  readonly #roles = new Map<number, Roles>();
  #next = 1;
  #messages = 0;

  /** A typed command's actions start a new screen: what was shown before is forgotten. */
  newScreen(): void {
    this.#shown.clear();
    this.#roles.clear();
    this.#next = 1;
  }

  lookup(number: number): ShownAction | undefined {
    return this.#shown.get(number);
  }

  /** The numbers that mean an action now, as "1–4, 7". */
  describe(): string {
    return numberRanges([...this.#shown.keys()]);
  }

  get size(): number {
    return this.#shown.size;
  }

  /**
   * Numbers a message about to be printed. `replaces`: the message a press replaced with this one,
   * whose Next and Back numbers this one's Next and Back take over.
   */
  number(msg: NeutralMessage, replaces?: number): NumberedMessage {
    const message = ++this.#messages;
    const numbers = new Map<ActionButton, number>();
    const buttons = actionButtons(msg);
    let roles = replaces === undefined ? undefined : this.#roles.get(replaces);
    // Next and Back sit side by side (next first), so pressing the same number keeps going one way.
    if (!roles && buttons.some((button) => button.role !== undefined)) {
      roles = { next: this.#take(), back: this.#take() };
    }
    if (roles) this.#roles.set(message, roles);
    for (const button of buttons) {
      const number = button.role && roles ? roles[button.role] : this.#take();
      numbers.set(button, number);
      this.#shown.set(number, { button, message });
    }
    return { message, numbers };
  }

  #take(): number {
    return this.#next++;
  }
}
