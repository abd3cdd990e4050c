// Publishes MESSAGE_CREATE/UPDATE/DELETE to gateway sessions whose intents ask for them.
import type { APIGuildMember } from 'discord-api-types/v10';
import type { Gateway } from './gateway.ts';
import { Intent } from './intents.ts';
import { clone } from './json.ts';
import type { MessageState, World } from './world.ts';

/** MESSAGE_CREATE carries a partial member next to `author`, without its own `user`. */
function withoutUser(member: APIGuildMember): Omit<APIGuildMember, 'user'> {
  const { user: _user, ...rest } = clone(member);
  return rest;
}

export class MessageEvents {
  readonly #gateway: Gateway;
  readonly #world: World;

  constructor(gateway: Gateway, world: World) {
    this.#gateway = gateway;
    this.#world = world;
  }

  created(state: MessageState): void {
    this.#publish('MESSAGE_CREATE', state, true);
  }

  updated(state: MessageState): void {
    this.#publish('MESSAGE_UPDATE', state, true);
  }

  deleted(state: MessageState): void {
    this.#publish('MESSAGE_DELETE', state, false);
  }

  #publish(event: string, state: MessageState, full: boolean): void {
    // Ephemeral messages only exist for the invoking user; bots never get gateway events for them.
    if (state.ephemeral) return;
    const channel = this.#world.channels.get(state.message.channel_id);
    if (!channel) return;
    const guildId = channel.guildId;
    const intent = guildId === null ? Intent.DirectMessages : Intent.GuildMessages;
    const member =
      guildId === null ? undefined : this.#world.guilds.get(guildId)?.members.get(state.message.author.id);
    const data = full
      ? {
          ...clone(state.message),
          ...(guildId === null ? {} : { guild_id: guildId }),
          ...(member ? { member: withoutUser(member) } : {}),
        }
      : { id: state.message.id, channel_id: channel.id, ...(guildId === null ? {} : { guild_id: guildId }) };
    this.#gateway.dispatch(event, data, (intents, inShard) => (intents & intent) !== 0 && inShard(guildId));
  }
}
