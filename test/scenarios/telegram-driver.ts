// Scenarios on Telegram: the real telegraf adapter against the emulated Bot API (see telegram-harness.ts).

import type { ChatMessageView } from '@newsquiz/emulators/telegram';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import { eventually, startHarness, type TelegramHarness } from '../adapters/telegram/telegram-harness.ts';
import { runLatestRuns } from '../support/scheduled-runs.ts';
import {
  type DriverFactory,
  folded,
  matches,
  PEOPLE,
  type Person,
  type Place,
  roundsSettled,
  type ScenarioDriver,
  SEE_TIMEOUT_MS,
  type Seen,
  seeIn,
} from './driver.ts';

const USERS: Record<Person, { id: number; first_name: string }> = {
  alice: { id: 101, first_name: 'Alice' },
  bob: { id: 102, first_name: 'Bob' },
  cyd: { id: 103, first_name: 'Cyd' },
};
const GROUP = { id: -100123, type: 'supergroup' as const, title: 'Readers' };

type InlineButton = { text: string; callback_data?: string; url?: string };
const buttonsOf = (view: ChatMessageView): InlineButton[] =>
  (view.replyMarkup?.inline_keyboard.flat() ?? []) as InlineButton[];

function seen(view: ChatMessageView): Seen {
  return {
    text: folded(view.text),
    buttons: buttonsOf(view)
      .filter((button) => button.callback_data !== undefined)
      .map((button) => button.text),
  };
}

class TelegramDriver implements ScenarioDriver {
  readonly name = 'telegram';
  readonly keepsPersonalViewsPrivate = true;
  readonly showsLiveCounts = true;
  readonly followsTheWayForward = false;

  constructor(private readonly h: TelegramHarness) {}

  /** Telegram has no messages only one member of a group sees: personal views go to the private chat. */
  personal(): Place {
    return 'dm';
  }

  nameOf(person: Person): string {
    return USERS[person].first_name;
  }

  #chat(person: Person, place: Place) {
    const user = USERS[person];
    return place === 'group' ? GROUP : { id: user.id, type: 'private' as const, first_name: user.first_name };
  }

  #botMessages(person: Person, place: Place): ChatMessageView[] {
    return this.h.emulator.messages(this.#chat(person, place).id).filter((view) => view.fromBot);
  }

  async say(person: Person, place: Place, line: string): Promise<void> {
    const chat = this.#chat(person, place);
    this.h.emulator.sendText({ chat, from: USERS[person], text: line });
    await this.h.emulator.whenIdle(SEE_TIMEOUT_MS);
  }

  see(person: Person, place: Place, text: string | RegExp, options: { advancingMs?: number } = {}) {
    const step = options.advancingMs;
    return seeIn(() => this.visible(person, place), text, {
      ...(step === undefined ? {} : { tick: () => this.h.clock.advance(step) }),
    });
  }

  async visible(person: Person, place: Place): Promise<Seen[]> {
    return this.#botMessages(person, place).map(seen);
  }

  async press(person: Person, place: Place, onMessage: string | RegExp, label: string) {
    const view = await eventually(
      () => this.#botMessages(person, place).findLast((entry) => matches(folded(entry.text), onMessage)),
      SEE_TIMEOUT_MS,
    );
    const button = buttonsOf(view).find((entry) => entry.text === label);
    if (button?.callback_data === undefined) {
      throw new Error(`no button "${label}" on "${folded(view.text).slice(0, 80)}"`);
    }
    const id = this.h.emulator.pressButton({
      chat: this.#chat(person, place),
      from: USERS[person],
      messageId: view.messageId,
      data: button.callback_data,
    });
    const answer = await this.h.emulator.callbackAnswer(id, SEE_TIMEOUT_MS);
    // The toast can come before the edits and messages of the press: let them arrive too.
    await this.h.emulator.whenIdle(SEE_TIMEOUT_MS);
    return answer.text;
  }

  /** Runs the latest runs through the app's own scheduler and outbox sender, as the console driver does. */
  runScheduled(): Promise<void> {
    const { scheduler, store } = this.h.app;
    if (!scheduler) throw new Error('the app has no scheduler');
    return runLatestRuns(
      {
        core: this.h.core,
        scheduler,
        outbox: new OutboxRepository(store.records),
        subscriptions: new SubscriptionsRepository(store.records),
        clock: this.h.clock,
        platform: 'telegram',
      },
      SEE_TIMEOUT_MS,
    );
  }

  async answerAsk(person: Person, _place: Place, text: string): Promise<void> {
    // Telegram has no dialogs: the next message in the private chat answers.
    await this.say(person, 'dm', text);
  }

  async advance(ms: number): Promise<void> {
    this.h.clock.advance(ms);
    await roundsSettled(this.h.core, () => this.h.clock.now());
  }

  get store() {
    return this.h.store;
  }

  async close(): Promise<void> {
    await this.h.close();
  }
}

export const telegramDriver: DriverFactory = {
  name: 'telegram',
  async start() {
    const h = await startHarness();
    h.emulator.setMember(GROUP.id, USERS.alice, 'administrator');
    h.emulator.setMember(GROUP.id, USERS.bob, 'member');
    h.emulator.setMember(GROUP.id, USERS.cyd, 'member');
    const driver = new TelegramDriver(h);
    // A private chat is known to the bot once its user has written to it, as with a real user.
    await Promise.all(
      PEOPLE.map(async (person) => {
        h.emulator.sendText({ from: USERS[person], text: '/start' });
        await driver.see(person, 'dm', 'Welcome');
      }),
    );
    return driver;
  },
};
