// REST routes for global and guild application commands (list, create/upsert, bulk overwrite, edit, delete).
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { Errors } from './errors.ts';
import { snowflake } from './ids.ts';
import { clone, isRecord } from './json.ts';
import type { RouteContext } from './route-context.ts';
import { type RouteDefinition, type RouteResult, route } from './router.ts';
import { type CommandDefinition, validateCommand, validateCommandList } from './validate-commands.ts';
import type { World } from './world.ts';

export function commandRoutes(ctx: RouteContext): RouteDefinition[] {
  const { world } = ctx;

  /** Resolves the command map for a request, checking the application id and the guild. */
  const scope = (appId: string, guildId?: string) => {
    if (appId !== world.applicationId) throw Errors.missingAccess();
    // Discord answers 403 Missing Access for guilds the app is not in.
    if (guildId !== undefined && !world.guilds.has(guildId)) throw Errors.missingAccess();
    return world.commandMap(guildId);
  };

  const list = (appId: string, guildId?: string): RouteResult => ({
    status: 200,
    body: [...scope(appId, guildId).values()].map((c) => clone(c)),
  });

  const bulk = (appId: string, body: unknown, guildId?: string): RouteResult => {
    const map = scope(appId, guildId);
    const defs = validateCommandList(body, guildId !== undefined);
    const previous = [...map.values()];
    map.clear();
    const out = defs.map((def) => {
      const existing = previous.find((c) => c.name === def.name && (c.type ?? 1) === (def.type ?? 1));
      const command = materialize(world, def, guildId, existing);
      map.set(command.id, command);
      return clone(command);
    });
    return { status: 200, body: out };
  };

  const create = (appId: string, body: unknown, guildId?: string): RouteResult => {
    const map = scope(appId, guildId);
    const def = validateCommand(body, { guild: guildId !== undefined });
    const existing = [...map.values()].find((c) => c.name === def.name && (c.type ?? 1) === (def.type ?? 1));
    const command = materialize(world, def, guildId, existing);
    map.set(command.id, command);
    return { status: existing ? 200 : 201, body: clone(command) };
  };

  const get = (appId: string, commandId: string, guildId?: string): RouteResult => {
    const command = scope(appId, guildId).get(commandId);
    if (!command) throw Errors.unknownCommand();
    return { status: 200, body: clone(command) };
  };

  const edit = (appId: string, commandId: string, body: unknown, guildId?: string): RouteResult => {
    const map = scope(appId, guildId);
    const existing = map.get(commandId);
    if (!existing) throw Errors.unknownCommand();
    const patch = isRecord(body) ? body : {};
    const { id: _id, application_id: _app, version: _v, guild_id: _g, ...current } = existing;
    const def = validateCommand({ ...current, ...patch }, { guild: guildId !== undefined });
    const command = materialize(world, def, guildId, existing);
    map.set(command.id, command);
    return { status: 200, body: clone(command) };
  };

  const remove = (appId: string, commandId: string, guildId?: string): RouteResult => {
    if (!scope(appId, guildId).delete(commandId)) throw Errors.unknownCommand();
    return { status: 204 };
  };

  const base = '/applications/:application_id/commands';
  const guildBase = '/applications/:application_id/guilds/:guild_id/commands';
  const g = { major: 'guild_id' } as const;
  return [
    route('GET', base, (req) => list(req.params.application_id)),
    route('PUT', base, (req) => bulk(req.params.application_id, req.body)),
    route('POST', base, (req) => create(req.params.application_id, req.body)),
    route('GET', `${base}/:command_id`, (req) => get(req.params.application_id, req.params.command_id)),
    route('PATCH', `${base}/:command_id`, (req) =>
      edit(req.params.application_id, req.params.command_id, req.body),
    ),
    route('DELETE', `${base}/:command_id`, (req) => remove(req.params.application_id, req.params.command_id)),
    route('GET', guildBase, (req) => list(req.params.application_id, req.params.guild_id), g),
    route('PUT', guildBase, (req) => bulk(req.params.application_id, req.body, req.params.guild_id), g),
    route('POST', guildBase, (req) => create(req.params.application_id, req.body, req.params.guild_id), g),
    route(
      'GET',
      `${guildBase}/:command_id`,
      (req) => get(req.params.application_id, req.params.command_id, req.params.guild_id),
      g,
    ),
    route(
      'PATCH',
      `${guildBase}/:command_id`,
      (req) => edit(req.params.application_id, req.params.command_id, req.body, req.params.guild_id),
      g,
    ),
    route(
      'DELETE',
      `${guildBase}/:command_id`,
      (req) => remove(req.params.application_id, req.params.command_id, req.params.guild_id),
      g,
    ),
  ];
}

/** Turns a validated definition into the stored command, keeping the id of the command it replaces. */
function materialize(
  world: World,
  def: CommandDefinition,
  guildId: string | undefined,
  existing: APIApplicationCommand | undefined,
): APIApplicationCommand {
  const command: APIApplicationCommand = {
    ...def,
    id: existing?.id ?? snowflake(),
    application_id: world.applicationId,
    version: snowflake(),
    type: def.type ?? 1,
    default_member_permissions: def.default_member_permissions ?? null,
    nsfw: def.nsfw ?? false,
    integration_types: def.integration_types ?? [0],
    contexts: def.contexts ?? null,
    ...(guildId === undefined ? { dm_permission: def.dm_permission ?? true } : { guild_id: guildId }),
  };
  if (existing && sameDefinition(existing, command)) command.version = existing.version;
  return command;
}

function sameDefinition(a: APIApplicationCommand, b: APIApplicationCommand): boolean {
  const strip = ({ version: _v, ...rest }: APIApplicationCommand) => JSON.stringify(rest);
  return strip(a) === strip(b);
}
