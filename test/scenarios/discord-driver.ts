// Scenarios on Discord: the real adapter against the emulated Discord (see discord-harness.ts), with
// interactions over the gateway (discord.js) or over HTTP (signed POSTs to the Interactions Endpoint).

import {
  type CommandOptionValue,
  DEFAULT_MEMBER_PERMISSIONS,
  type EmulatedMessage,
  type EmulatedUserInput,
  type InteractionHandle,
  REGULAR_MEMBER_PERMISSIONS,
} from '@newsquiz/emulators/discord';
import { commands } from '../../commands/index.ts';
import { syncCommands } from '../../src/adapters/discord/sync-commands.ts';
import { OutboxRepository } from '../../src/store/outbox-repository.ts';
import { SubscriptionsRepository } from '../../src/store/subscriptions-repository.ts';
import {
  alice,
  asShown,
  bob,
  buttonsOf,
  cyd,
  type DiscordHarness,
  eventually,
  startHarness,
  startHttpHarness,
  textOf,
} from '../adapters/discord/discord-harness.ts';
import { runLatestRuns } from '../support/scheduled-runs.ts';
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

const USERS: Record<Person, EmulatedUserInput> = { alice, bob, cyd };
/** alice may manage the channel (so she may /subscribe); bob and cyd are ordinary members. */
const PERMISSIONS: Record<Person, bigint> = {
  alice: DEFAULT_MEMBER_PERMISSIONS,
  bob: REGULAR_MEMBER_PERMISSIONS,
  cyd: REGULAR_MEMBER_PERMISSIONS,
};
/** Option types of slash commands (Discord's numbers). */
const STRING = 3;
const INTEGER = 4;
const NUMBER = 10;
/** The interaction callback that shows a modal. */
const MODAL_CALLBACK = 9;

const seen = (message: EmulatedMessage): Seen => ({
  text: folded(textOf(message)),
  buttons: buttonsOf(message)
    .filter((button) => button.custom_id !== undefined)
    .map((button) => button.label ?? ''),
});

/** What the driver needs of a harness, whichever way interactions arrive. */
type Harness = Pick<DiscordHarness, 'app' | 'emulator' | 'clock' | 'core' | 'store' | 'settled' | 'close'>;

class DiscordDriver implements ScenarioDriver {
  readonly keepsPersonalViewsPrivate = true;
  readonly showsLiveCounts = true;
  readonly followsTheWayForward = false;
  /** Each person's interactions: their ephemeral answers are theirs alone to see. */
  readonly #interactions: { id: string; person: Person; channelId: string }[] = [];
  /** Each person's DM channel with the bot, known from their first interaction there. */
  readonly #dms = new Map<Person, string>();

  constructor(
    readonly name: string,
    private readonly h: Harness,
  ) {}

  /** Personal views are ephemeral messages where they were asked for. */
  personal(place: Place): Place {
    return place;
  }

  nameOf(person: Person): string {
    return USERS[person].globalName ?? USERS[person].username ?? person;
  }

  #channel(person: Person, place: Place): string | undefined {
    return place === 'group' ? this.h.emulator.channelId : this.#dms.get(person);
  }

  /** Waits until the bot is done with the interaction; remembers it as the person's. */
  async #finish(person: Person, place: Place, handle: InteractionHandle): Promise<void> {
    const channelId = handle.record().payload.channel?.id ?? '';
    if (place === 'dm') this.#dms.set(person, channelId);
    this.#interactions.push({ id: handle.id, person, channelId });
    await handle.callback();
    await this.h.settled(handle.id, SEE_TIMEOUT_MS);
  }

  /** A typed line as the slash command it stands for: words fill the options in their registered order. */
  #options(name: string, typed: string[], place: Place): Record<string, CommandOptionValue> {
    let words = typed;
    const scope = place === 'group' ? this.h.emulator.guildId : undefined;
    const command = this.h.emulator.registeredCommands(scope).find((entry) => entry.name === name);
    if (!command) throw new Error(`/${name} is not registered on Discord`);
    const specs = command.options ?? [];
    // A string option takes spaces on Discord: words beyond the options go to the last one.
    const last = specs[specs.length - 1];
    if (words.length > specs.length && last?.type === STRING) {
      words = [...words.slice(0, specs.length - 1), words.slice(specs.length - 1).join(' ')];
    }
    if (words.length > specs.length) throw new Error(`/${name} takes at most ${specs.length} options`);
    const options: Record<string, CommandOptionValue> = {};
    const value = (spec: (typeof specs)[number], word: string) =>
      spec.type === INTEGER || spec.type === NUMBER ? Number(word) : word;
    // `name:value` fills that option, as a person picks it in Discord's option list; the rest go in order.
    const positional: string[] = [];
    for (const word of words) {
      const [, name = '', given = ''] = /^([a-z_]+):(.+)$/.exec(word) ?? [];
      const named = specs.find((spec) => spec.name === name);
      if (named) options[named.name] = value(named, given);
      else positional.push(word);
    }
    const open = specs.filter((spec) => options[spec.name] === undefined);
    positional.forEach((word, index) => {
      const spec = open[index];
      if (spec) options[spec.name] = value(spec, word);
    });
    return options;
  }

  async say(person: Person, place: Place, line: string): Promise<void> {
    const [, name = '', rest = ''] = /^\/(\S+)\s*(.*)$/.exec(line.trim()) ?? [];
    const words = rest.split(/\s+/).filter((word) => word !== '');
    const handle = this.h.emulator.runCommand({
      name,
      options: this.#options(name, words, place),
      user: USERS[person],
      permissions: PERMISSIONS[person],
      ...(place === 'group' ? { channelId: this.h.emulator.channelId } : {}),
    });
    await this.#finish(person, place, handle);
  }

  see(person: Person, place: Place, text: string | RegExp, options: { advancingMs?: number } = {}) {
    const step = options.advancingMs;
    return seeIn(() => this.visible(person, place), text, {
      ...(step === undefined ? {} : { tick: () => this.h.clock.advance(step) }),
    });
  }

  #messages(person: Person, place: Place): EmulatedMessage[] {
    const channelId = this.#channel(person, place);
    if (channelId === undefined) return [];
    const everyone = this.h.emulator.channelMessages(channelId);
    const own = this.#interactions
      .filter((entry) => entry.person === person && entry.channelId === channelId)
      .flatMap((entry) => {
        const record = this.h.emulator.interaction(entry.id);
        return record ? [record.original, ...record.followUps] : [];
      })
      .filter((message): message is EmulatedMessage => message?.ephemeral === true && !message.deleted);
    const byId = new Map([...everyone, ...own].map((message) => [message.id, message]));
    return [...byId.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  async visible(person: Person, place: Place): Promise<Seen[]> {
    return this.#messages(person, place).map(seen);
  }

  async press(person: Person, place: Place, onMessage: string | RegExp, label: string) {
    const message = await eventually(
      () => this.#messages(person, place).findLast((entry) => matches(folded(textOf(entry)), onMessage)),
      SEE_TIMEOUT_MS,
    );
    const customId = buttonsOf(message).find((button) => button.label === label)?.custom_id;
    if (customId === undefined)
      throw new Error(`no button "${label}" on "${folded(textOf(message)).slice(0, 80)}"`);
    const handle = this.h.emulator.pressButton({
      messageId: message.id,
      customId,
      user: USERS[person],
      permissions: PERMISSIONS[person],
    });
    await this.#finish(person, place, handle);
    // The notice is the reply's text, the first line of an updated private message, or a follow-up line.
    const record = handle.record();
    const lines = [
      record.callback?.data?.content,
      ...record.followUps.filter((entry) => entry.embeds.length === 0).map((entry) => entry.content),
    ];
    const notice = lines.find((line) => line !== undefined && line !== '');
    return notice === undefined ? undefined : asShown(notice);
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
        platform: 'discord',
      },
      SEE_TIMEOUT_MS,
    );
  }

  /** Fills in and submits the modal the person's latest press opened. */
  async answerAsk(person: Person, place: Place, text: string): Promise<void> {
    const opener = this.#interactions
      .filter((entry) => entry.person === person)
      .map((entry) => ({ entry, record: this.h.emulator.interaction(entry.id) }))
      .findLast(({ record }) => record?.callback?.type === MODAL_CALLBACK);
    const customId = (opener?.record?.callback?.data as { custom_id?: string } | undefined)?.custom_id;
    if (!opener || customId === undefined) throw new Error(`no modal was shown to ${person}`);
    const handle = this.h.emulator.submitModal({
      customId,
      interactionId: opener.entry.id,
      fields: { text },
      user: USERS[person],
      permissions: PERMISSIONS[person],
    });
    await this.#finish(person, place, handle);
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

export const discordDriver: DriverFactory = {
  name: 'discord',
  async start() {
    const h = await startHarness({
      emulator: { guilds: [{ members: [{ user: alice }, { user: bob }, { user: cyd }] }] },
    });
    // Guild commands are not offered in DMs: these come from the global registration.
    await syncCommands({ rest: h.adapter.client.rest, applicationId: h.emulator.applicationId, commands });
    return new DiscordDriver('discord', h);
  },
};

/** The same scenarios with the bot in HTTP interactions mode: no gateway, every answer in the POST's response or over REST. */
export const discordHttpDriver: DriverFactory = {
  name: 'discord-http',
  async start() {
    const h = await startHttpHarness({
      emulator: { guilds: [{ members: [{ user: alice }, { user: bob }, { user: cyd }] }] },
    });
    await syncCommands({ rest: h.adapter.rest, applicationId: h.emulator.applicationId, commands });
    return new DiscordDriver('discord-http', h);
  },
};
