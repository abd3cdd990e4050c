// REST routes for channel messages: send (with nonce de-duplication), list, fetch, edit and delete.
import { Errors } from './errors.ts';
import { clone } from './json.ts';
import { createMessage, editMessage } from './messages.ts';
import { hasPermission, Permission } from './permissions.ts';
import type { RouteContext } from './route-context.ts';
import { type RouteDefinition, route } from './router.ts';
import { validateMessage } from './validate-message.ts';
import type { ChannelState, MessageState } from './world.ts';

/** Discord only de-duplicates nonces "in the past few minutes". */
const NONCE_WINDOW_MS = 5 * 60_000;
const NON_TEXT_CHANNELS = new Set([4, 15, 16]);

export function messageRoutes(ctx: RouteContext): RouteDefinition[] {
  const { world, events } = ctx;

  const requireAccess = (channel: ChannelState): void => {
    if (channel.guildId !== null && !hasPermission(channel.appPermissions, Permission.ViewChannel)) {
      throw Errors.missingAccess();
    }
  };

  /** A message of this channel that the bot can see (ephemeral messages are not reachable here). */
  const channelMessage = (channel: ChannelState, messageId: string): MessageState => {
    const state = world.messages.get(messageId);
    if (!state || state.deleted || state.ephemeral || state.message.channel_id !== channel.id) {
      throw Errors.unknownMessage();
    }
    return state;
  };

  return [
    route(
      'POST',
      '/channels/:channel_id/messages',
      (req) => {
        const channel = world.requireChannel(req.params.channel_id);
        requireAccess(channel);
        if (NON_TEXT_CHANNELS.has(channel.type)) throw Errors.nonTextChannel();
        if (channel.guildId !== null) {
          if (!hasPermission(channel.appPermissions, Permission.SendMessages))
            throw Errors.missingPermissions();
          if (req.files.length > 0 && !hasPermission(channel.appPermissions, Permission.AttachFiles)) {
            throw Errors.missingPermissions();
          }
        }
        const fileIndexes = new Set(req.files.map((f) => f.index));
        const input = validateMessage(req.body, {
          mode: 'create',
          target: 'channel',
          prefix: [],
          fileIndexes,
        });
        if (input.enforce_nonce === true && input.nonce !== undefined) {
          const previousId = channel.nonces.get(input.nonce);
          const previous = previousId === undefined ? undefined : world.messages.get(previousId);
          if (previous && Date.now() - Date.parse(previous.message.timestamp) < NONCE_WINDOW_MS) {
            return { status: 200, body: clone(previous.message) };
          }
        }
        const created = createMessage(world, {
          channel,
          input,
          files: req.files,
          author: world.bot,
          type: 0,
          ephemeral: false,
          origin: ctx.origin(),
        });
        if (input.nonce !== undefined) channel.nonces.set(input.nonce, created.message.id);
        ctx.counters.sent++;
        events.created(created);
        return { status: 200, body: clone(created.message) };
      },
      { major: 'channel_id' },
    ),
    route(
      'GET',
      '/channels/:channel_id/messages',
      (req) => {
        const channel = world.requireChannel(req.params.channel_id);
        requireAccess(channel);
        if (
          channel.guildId !== null &&
          !hasPermission(channel.appPermissions, Permission.ReadMessageHistory)
        ) {
          return { status: 200, body: [] };
        }
        const limit = Math.min(100, Math.max(1, Number(req.query.get('limit') ?? 50) || 50));
        const before = req.query.get('before');
        const after = req.query.get('after');
        const around = req.query.get('around');
        // Newest first, like Discord.
        let states = world.channelMessageStates(channel).reverse();
        if (before !== null) states = states.filter((s) => BigInt(s.message.id) < BigInt(before));
        if (after !== null) states = states.filter((s) => BigInt(s.message.id) > BigInt(after)).slice(-limit);
        if (around !== null) {
          const index = states.findIndex((s) => BigInt(s.message.id) <= BigInt(around));
          const start = Math.max(0, index - Math.floor(limit / 2));
          states = states.slice(start);
        }
        return { status: 200, body: states.slice(0, limit).map((s) => clone(s.message)) };
      },
      { major: 'channel_id' },
    ),
    route(
      'GET',
      '/channels/:channel_id/messages/:message_id',
      (req) => {
        const channel = world.requireChannel(req.params.channel_id);
        requireAccess(channel);
        return { status: 200, body: clone(channelMessage(channel, req.params.message_id).message) };
      },
      { major: 'channel_id' },
    ),
    route(
      'PATCH',
      '/channels/:channel_id/messages/:message_id',
      (req) => {
        const channel = world.requireChannel(req.params.channel_id);
        requireAccess(channel);
        const state = channelMessage(channel, req.params.message_id);
        if (state.message.author.id !== world.bot.id || state.message.webhook_id !== undefined) {
          throw Errors.cannotEditOthers();
        }
        const fileIndexes = new Set(req.files.map((f) => f.index));
        const input = validateMessage(req.body, { mode: 'edit', target: 'channel', prefix: [], fileIndexes });
        editMessage(world, state, input, req.files, ctx.origin());
        events.updated(state);
        return { status: 200, body: clone(state.message) };
      },
      { major: 'channel_id' },
    ),
    route(
      'DELETE',
      '/channels/:channel_id/messages/:message_id',
      (req) => {
        const channel = world.requireChannel(req.params.channel_id);
        requireAccess(channel);
        const state = channelMessage(channel, req.params.message_id);
        const own = state.message.author.id === world.bot.id;
        if (!own && !hasPermission(channel.appPermissions, Permission.ManageMessages))
          throw Errors.missingPermissions();
        state.deleted = true;
        events.deleted(state);
        return { status: 204 };
      },
      { major: 'channel_id' },
    ),
  ];
}
