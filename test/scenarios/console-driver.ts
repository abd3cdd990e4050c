// Scenarios in the console playground: one screen, one chat; `/as <name>` switches who is typing.
import { ManualClock } from '../../src/core/clock.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { type Playground, startPlayground } from '../adapters/console/playground-harness.ts';
import { runLatestRuns } from '../support/scheduled-runs.ts';
import { NOW } from '../support/test-core.ts';
import {
  type DriverFactory,
  folded,
  matches,
  type Person,
  type Place,
  roundsSettled,
  type ScenarioDriver,
  SEE_TIMEOUT_MS,
  type Seen,
  seeIn,
} from './driver.ts';

/** A printed message or notice, with the numbers of its choices. */
interface Chunk extends Seen {
  numbers: Map<string, number>;
}

const NOTICE = /^[!»] /;
const CHOICE = /\[(\d+)\] (.+?)(?= {3}\[\d+\] |$)/g;

/**
 * The screen as the messages and notices it shows: a message is printed after a blank line, a
 * notice starts with `!` or `»` and its wrapped lines are indented.
 */
function chunksOf(screen: string): Chunk[] {
  const groups: string[][] = [];
  let current: string[] | undefined;
  for (const line of screen.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const inNotice = current !== undefined && NOTICE.test(current[0] ?? '');
    if (inNotice && line.startsWith('  ')) {
      current?.push(line);
      continue;
    }
    if (current === undefined || inNotice || NOTICE.test(line)) {
      current = [];
      groups.push(current);
    }
    current.push(line);
  }
  return groups.map((lines) => {
    const numbers = new Map<string, number>();
    if (!NOTICE.test(lines[0] ?? '')) {
      for (const line of lines) {
        for (const match of line.matchAll(CHOICE)) numbers.set(match[2] ?? '', Number(match[1]));
      }
    }
    return { text: folded(lines.join('\n')), buttons: [...numbers.keys()], numbers };
  });
}

/** The notice printed for a line (what the person was told), if any. */
function noticeIn(printed: string): string | undefined {
  const notice = chunksOf(printed).find((chunk) => NOTICE.test(chunk.text));
  return notice?.text.slice(2);
}

/**
 * Whether the choices of `chunks[index]` are still on screen: once a later message shows one of
 * their numbers, the console has numbered something else with it.
 */
function stillOnScreen(chunks: Chunk[], index: number): boolean {
  const own = [...(chunks[index]?.numbers.values() ?? [])];
  if (own.length === 0) return false;
  const low = Math.min(...own);
  const high = Math.max(...own);
  return chunks
    .slice(index + 1)
    .every((later) => [...later.numbers.values()].every((number) => number < low || number > high));
}

/** Members' names in the playground; alice is whoever started it (its admin). */
const MEMBER_NAMES: Record<Exclude<Person, 'alice'>, string> = { bob: 'Bob', cyd: 'Cyd' };

class ConsoleDriver implements ScenarioDriver {
  readonly name = 'console';
  readonly keepsPersonalViewsPrivate = false;
  readonly showsLiveCounts = false;
  readonly followsTheWayForward = true;
  #acting: Person = 'alice';
  /** Lines go in one at a time, as from one keyboard. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly playground: Playground,
    private readonly clock: ManualClock,
    private readonly admin: string,
  ) {}

  /** One screen: personal views show where they were asked for, to whoever sits there. */
  personal(place: Place): Place {
    return place;
  }

  nameOf(person: Person): string {
    return person === 'alice' ? this.admin : MEMBER_NAMES[person];
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Types a line as `person`, switching with `/as` first when someone else was typing. */
  async #enter(person: Person, line: string): Promise<string> {
    if (person !== this.#acting) {
      const switched = await this.playground.enter(`/as ${this.nameOf(person)}`);
      // In whatever language the playground speaks, the line names who acts now.
      if (!switched.includes(this.nameOf(person))) {
        throw new Error(`/as did not switch to ${this.nameOf(person)}:\n${switched}`);
      }
      this.#acting = person;
    }
    return this.playground.enter(line);
  }

  say(person: Person, _place: Place, line: string): Promise<void> {
    return this.#serial(async () => {
      await this.#enter(person, line);
    });
  }

  see(_person: Person, _place: Place, text: string | RegExp, options: { advancingMs?: number } = {}) {
    const step = options.advancingMs;
    return seeIn(() => chunksOf(this.playground.screen()), text, {
      ...(step === undefined ? {} : { tick: () => this.clock.advance(step) }),
    });
  }

  async visible(): Promise<Seen[]> {
    return chunksOf(this.playground.screen());
  }

  press(person: Person, _place: Place, onMessage: string | RegExp, label: string) {
    return this.#serial(async () => {
      const chunks = chunksOf(this.playground.screen());
      const index = chunks.findLastIndex(
        (chunk) => !NOTICE.test(chunk.text) && matches(chunk.text, onMessage),
      );
      const chunk = chunks[index];
      if (!chunk) throw new Error(`no message matching ${String(onMessage)} on screen`);
      const number = chunk.numbers.get(label);
      if (number === undefined) throw new Error(`no choice "${label}" on "${chunk.text.slice(0, 80)}"`);
      if (!stillOnScreen(chunks, index)) {
        throw new Error(`the choices of "${chunk.text.slice(0, 80)}" are no longer on screen`);
      }
      return noticeIn(await this.#enter(person, String(number)));
    });
  }

  answerAsk(person: Person, _place: Place, text: string): Promise<void> {
    return this.#serial(async () => {
      await this.#enter(person, text);
    });
  }

  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await roundsSettled(this.playground.app.core, () => this.clock.now());
  }

  async runScheduled(): Promise<void> {
    const { app } = this.playground;
    if (!app.scheduler) throw new Error('the playground has no scheduler');
    await runLatestRuns(
      {
        core: app.core,
        scheduler: app.scheduler,
        outbox: new OutboxRepository(app.store.records),
        subscriptions: new SubscriptionsRepository(app.store.records),
        clock: this.clock,
        platform: 'console',
      },
      SEE_TIMEOUT_MS,
    );
  }

  get store() {
    return this.playground.app.store;
  }

  close(): Promise<void> {
    return this.playground.close();
  }
}

export const consoleDriver: DriverFactory = {
  name: 'console',
  async start() {
    const clock = new ManualClock(NOW);
    const playground = await startPlayground({}, { clock, timers: clock, random: seededRandom(1) });
    // Whoever runs the playground is its first user and its chat's admin: `/as` says who that is. It
    // is typed, so its answer also shows that the playground has started and reads its input.
    playground.type('/as');
    const said = await seeIn(() => chunksOf(playground.screen()), /You are acting as/);
    const admin = /You are acting as (.+?), the playground chat's admin\./.exec(said.text)?.[1];
    if (!admin) throw new Error(`/as did not say who is acting: ${said.text}`);
    return new ConsoleDriver(playground, clock, admin);
  },
};
