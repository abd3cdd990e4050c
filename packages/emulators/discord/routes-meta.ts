// REST routes for the gateway URL, users, the application, guilds, channels and DM channels.
import { Errors } from './errors.ts';
import { clone, isRecord, isString } from './json.ts';
import { hasPermission, Permission } from './permissions.ts';
import type { RouteContext } from './route-context.ts';
import { type RouteDefinition, route } from './router.ts';

export function metaRoutes(ctx: RouteContext): RouteDefinition[] {
  const { world } = ctx;
  return [
    route('GET', '/gateway', () => ({ status: 200, body: { url: ctx.gatewayUrl() } })),
    route('GET', '/gateway/bot', () => ({
      status: 200,
      body: {
        url: ctx.gatewayUrl(),
        shards: ctx.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    })),
    route('GET', '/users/@me', () => ({ status: 200, body: clone(world.bot) })),
    route('POST', '/users/@me/channels', (req) => {
      const recipient =
        isRecord(req.body) && isString(req.body.recipient_id) ? req.body.recipient_id : undefined;
      const user = recipient === undefined ? undefined : world.users.get(recipient);
      if (!user) throw Errors.unknownUser();
      return { status: 200, body: world.channelPayload(world.dmChannel(user)) };
    }),
    route('GET', '/users/:user_id', (req) => {
      const user = world.users.get(req.params.user_id);
      if (!user) throw Errors.unknownUser();
      return { status: 200, body: clone(user) };
    }),
    route('GET', '/applications/@me', () => ({ status: 200, body: world.applicationPayload() })),
    route('GET', '/oauth2/applications/@me', () => ({ status: 200, body: world.applicationPayload() })),
    route(
      'GET',
      '/guilds/:guild_id',
      (req) => {
        const guild = world.requireGuild(req.params.guild_id);
        return { status: 200, body: world.guildPayload(guild, req.query.get('with_counts') === 'true') };
      },
      { major: 'guild_id' },
    ),
    route(
      'GET',
      '/guilds/:guild_id/channels',
      (req) => {
        const guild = world.requireGuild(req.params.guild_id);
        const channels = guild.channelIds.map((id) => world.channels.get(id)).filter((c) => c !== undefined);
        return { status: 200, body: channels.map((c) => world.channelPayload(c)) };
      },
      { major: 'guild_id' },
    ),
    route(
      'GET',
      '/guilds/:guild_id/members/:user_id',
      (req) => {
        const guild = world.requireGuild(req.params.guild_id);
        const member = guild.members.get(req.params.user_id);
        if (!member) throw Errors.unknownMember();
        return { status: 200, body: clone(member) };
      },
      { major: 'guild_id' },
    ),
    route(
      'GET',
      '/guilds/:guild_id/roles',
      (req) => ({ status: 200, body: clone(world.requireGuild(req.params.guild_id).roles) }),
      { major: 'guild_id' },
    ),
    route(
      'GET',
      '/channels/:channel_id',
      (req) => {
        const channel = world.requireChannel(req.params.channel_id);
        if (channel.guildId !== null && !hasPermission(channel.appPermissions, Permission.ViewChannel)) {
          throw Errors.missingAccess();
        }
        return { status: 200, body: world.channelPayload(channel) };
      },
      { major: 'channel_id' },
    ),
    route('POST', '/channels/:channel_id/typing', (req) => {
      world.requireChannel(req.params.channel_id);
      return { status: 204 };
    }),
  ];
}
