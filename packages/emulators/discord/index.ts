// Entry point: starts the emulated Discord (REST + gateway on one loopback port) and exposes the test API.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIUser } from 'discord-api-types/v10';
import { CallLog, type CallPredicate } from './call-log.ts';
import { FailureInjector } from './failures.ts';
import { apiUser, DEFAULT_APPLICATION_ID, DEFAULT_USER, normalizeGuild } from './fixtures.ts';
import { Gateway, type GatewaySession } from './gateway.ts';
import { botToken } from './ids.ts';
import { InteractionHub } from './interactions.ts';
import { type InteractionsEndpoint, postSigned, signatureHeaders } from './interactions-endpoint.ts';
import { EmulatorUsageError } from './invoker.ts';
import { clone } from './json.ts';
import { MessageEvents } from './message-events.ts';
import { type PermissionInput, toPermissionBits } from './permissions.ts';
import { RateLimiter } from './rate-limiter.ts';
import { createRestHandler } from './rest-server.ts';
import type { RouteContext } from './route-context.ts';
import { Router } from './router.ts';
import { commandRoutes } from './routes-commands.ts';
import { interactionRoutes } from './routes-interactions.ts';
import { messageRoutes } from './routes-messages.ts';
import { metaRoutes } from './routes-meta.ts';
import type {
  AutocompleteOptions,
  DiscordEmulatorOptions,
  EmulatedMessage,
  EmulatorStats,
  InteractionHandle,
  InteractionRecord,
  PressButtonOptions,
  RecordedCall,
  RunCommandOptions,
  SubmitModalOptions,
} from './types.ts';
import { emulatedMessage, World } from './world.ts';

export type { CallPredicate } from './call-log.ts';
// The checks the emulator applies to what a bot sends, for tests that hold rendered output to them directly.
export { validUrl } from './field-checks.ts';
export { type GatewaySession, shardOf } from './gateway.ts';
export {
  type EndpointAnswer,
  generateInteractionKeys,
  type InteractionKeys,
  type InteractionsEndpoint,
  postSigned,
  signatureHeaders,
} from './interactions-endpoint.ts';
export { EmulatorUsageError } from './invoker.ts';
export {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  Permission,
  REGULAR_MEMBER_PERMISSIONS,
} from './permissions.ts';
export type * from './types.ts';
export { type ValidateMessageContext, validateMessage } from './validate-message.ts';

/** Application flags Discord sets when privileged intents are enabled (the "limited" variants). */
function applicationFlags(privilegedIntents: number): number {
  let flags = 1 << 23; // APPLICATION_COMMAND_BADGE
  if (privilegedIntents & (1 << 8)) flags |= 1 << 13;
  if (privilegedIntents & (1 << 1)) flags |= 1 << 15;
  if (privilegedIntents & (1 << 15)) flags |= 1 << 19;
  return flags;
}

export class DiscordEmulator {
  /** REST base for discord.js: `new Client({ rest: { api: emulator.apiBase } })` (discord.js appends /v10). */
  readonly apiBase: string;
  /** ws:// URL returned by GET /gateway/bot. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** Id of the first guild and of its first text channel, for convenience. */
  readonly guildId: string;
  readonly channelId: string;
  /** The default interaction user (a guild member). */
  readonly userId: string;

  readonly #server: Server;
  readonly #world: World;
  readonly #gateway: Gateway;
  readonly #hub: InteractionHub;
  readonly #log: CallLog;
  readonly #failures: FailureInjector;
  readonly #counters: { requests: number; tooManyRequests: number; sent: number };

  /** @internal Use startDiscordEmulator(). */
  constructor(parts: {
    server: Server;
    world: World;
    gateway: Gateway;
    hub: InteractionHub;
    log: CallLog;
    failures: FailureInjector;
    counters: { requests: number; tooManyRequests: number; sent: number };
    token: string;
    origin: string;
  }) {
    this.#server = parts.server;
    this.#world = parts.world;
    this.#gateway = parts.gateway;
    this.#hub = parts.hub;
    this.#log = parts.log;
    this.#failures = parts.failures;
    this.#counters = parts.counters;
    this.token = parts.token;
    this.apiBase = `${parts.origin}/api`;
    this.gatewayUrl = `${parts.origin.replace(/^http/, 'ws')}/gateway`;
    this.applicationId = parts.world.applicationId;
    this.botUser = clone(parts.world.bot);
    const firstGuild = [...parts.world.guilds.values()][0];
    this.guildId = firstGuild?.id ?? '';
    const firstText = firstGuild?.channelIds
      .map((id) => parts.world.channels.get(id))
      .find((c) => c !== undefined && (c.type === 0 || c.type === 5));
    this.channelId = firstText?.id ?? '';
    this.userId = DEFAULT_USER.id;
  }

  // ---- driving the bot ------------------------------------------------------------------------

  /** Dispatches a slash command (APPLICATION_COMMAND, type 2). Throws if no gateway session is ready. */
  runCommand(options: RunCommandOptions): InteractionHandle {
    return this.#hub.runCommand(options);
  }

  /** Dispatches an APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4). */
  autocomplete(options: AutocompleteOptions): InteractionHandle {
    return this.#hub.autocomplete(options);
  }

  /** Dispatches a MESSAGE_COMPONENT interaction (type 3) for a button (or string select) of a stored message. */
  pressButton(options: PressButtonOptions): InteractionHandle {
    return this.#hub.pressButton(options);
  }

  /** Dispatches a MODAL_SUBMIT interaction (type 5) for a modal the bot showed with a type 9 callback. */
  submitModal(options: SubmitModalOptions): InteractionHandle {
    return this.#hub.submitModal(options);
  }

  /**
   * Interactions over HTTP: from now on `runCommand`, `autocomplete`, `pressButton` and `submitModal` POST
   * each interaction, signed with `privateKey`, to the bot's endpoint (its Interactions Endpoint URL), and
   * the response is the interaction's callback. `null` goes back to the gateway.
   */
  set interactionsEndpoint(endpoint: InteractionsEndpoint | null) {
    this.#hub.endpoint = endpoint;
  }

  get interactionsEndpoint(): InteractionsEndpoint | null {
    return this.#hub.endpoint;
  }

  /**
   * What the Developer Portal checks when an Interactions Endpoint URL is saved: a signed PING gets 200
   * with `{"type":1}`, and a PING with a wrong signature gets 401. Returns the problems (none: it would
   * be accepted).
   */
  async checkInteractionsEndpoint(endpoint: InteractionsEndpoint, timeoutMs = 3_000): Promise<string[]> {
    const problems: string[] = [];
    const ping = JSON.stringify({
      id: '1',
      application_id: this.applicationId,
      type: 1,
      token: 'ping',
      version: 1,
    });
    const signed = await postSigned(endpoint, ping, timeoutMs);
    let pong: unknown;
    try {
      pong = JSON.parse(signed.body);
    } catch {
      pong = undefined;
    }
    if (signed.status !== 200 || (pong as { type?: unknown } | undefined)?.type !== 1)
      problems.push(
        `a signed PING got ${signed.status} ${signed.body.trim().slice(0, 100)}, not 200 {"type":1}`,
      );
    const forged = { ...signatureHeaders(endpoint.privateKey, `${ping} `) };
    const unsigned = await postSigned(endpoint, ping, timeoutMs, forged);
    if (unsigned.status !== 401)
      problems.push(`a PING with a wrong signature got ${unsigned.status}, not 401`);
    return problems;
  }

  /** WebSocket connections to the gateway accepted so far (none for a bot in HTTP interactions mode). */
  get gatewayConnectionsOpened(): number {
    return this.#gateway.connectionsOpened;
  }

  /** A gateway outage: connections are closed and refused until `setGatewayDown(false)`; sessions stay resumable. */
  setGatewayDown(down: boolean): void {
    this.#gateway.setDown(down);
  }

  /** Sends any gateway dispatch to all connected sessions (e.g. a custom GUILD_UPDATE). */
  dispatch(event: string, data: unknown): number {
    return this.#gateway.dispatch(event, data);
  }

  /** Changes the bot's permissions in a channel (and tells connected clients with CHANNEL_UPDATE). */
  setAppPermissions(channelId: string, permissions: PermissionInput): void {
    const channel = this.#world.requireChannel(channelId);
    channel.appPermissions = toPermissionBits(permissions);
    const guildId = channel.guildId;
    this.#gateway.dispatch('CHANNEL_UPDATE', this.#world.channelPayload(channel), (intents, inShard) => {
      return (intents & 1) !== 0 && inShard(guildId);
    });
  }

  /** Closes every gateway connection with `code` (default 4000: discord.js resumes). */
  disconnectGateway(code?: number): void {
    this.#gateway.disconnectAll(code);
  }

  /** Sends op 7 RECONNECT to every client (discord.js reconnects and resumes). */
  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  /** Callback deadline (ms after dispatch) for interactions dispatched from now on; Discord's is 3000. */
  get interactionTimeoutMs(): number {
    return this.#hub.timeoutMs;
  }

  set interactionTimeoutMs(ms: number) {
    this.#hub.timeoutMs = ms;
  }

  get readySessions(): number {
    return this.#gateway.readySessions;
  }

  /** Every identified session (connected or resumable): its shard and the guilds its READY named. */
  get sessions(): GatewaySession[] {
    return this.#gateway.sessions;
  }

  // ---- inspection -----------------------------------------------------------------------------

  /** Every REST request answered so far, oldest first. */
  get calls(): readonly RecordedCall[] {
    return this.#log.calls;
  }

  /** Number of calls seen so far (including cleared ones): a mark for `waitFor((c, i) => i >= mark ...)`. */
  get callCount(): number {
    return this.#log.total;
  }

  get stats(): EmulatorStats {
    return {
      requests: this.#counters.requests,
      sent: this.#counters.sent,
      tooManyRequests: this.#counters.tooManyRequests,
    };
  }

  clearCalls(): void {
    this.#log.clear();
  }

  /** Resolves with the first call (past or future) matching the predicate; rejects after `timeoutMs`. */
  waitFor(predicate: CallPredicate, timeoutMs?: number): Promise<RecordedCall> {
    return this.#log.waitFor(predicate, timeoutMs);
  }

  /** Current state of the channel's messages visible to everyone (edits applied; no ephemeral or deleted ones). */
  channelMessages(channelId: string, options: { includeDeleted?: boolean } = {}): EmulatedMessage[] {
    const channel = this.#world.channels.get(channelId);
    if (!channel) return [];
    return this.#world.channelMessageStates(channel, options.includeDeleted === true).map(emulatedMessage);
  }

  /** Any stored message by id, including ephemeral and deleted ones. */
  message(messageId: string): EmulatedMessage | undefined {
    const state = this.#world.messages.get(messageId);
    return state ? emulatedMessage(state) : undefined;
  }

  /** An interaction with its callback, original response (current state) and follow-ups. */
  interaction(id: string): InteractionRecord | undefined {
    return this.#hub.record(id);
  }

  /** Commands registered globally (no argument) or for a guild. */
  registeredCommands(guildId?: string): APIApplicationCommand[] {
    return [...this.#world.commandMap(guildId).values()].map((c) => clone(c));
  }

  /**
   * The next `times` requests matching method ('*' for any) and path regex get `status`/`body` instead;
   * with `after`, that many matching requests go through first.
   */
  failNext(
    method: string,
    path: RegExp | string,
    status: number,
    body?: unknown,
    times = 1,
    options: { after?: number } = {},
  ): void {
    this.#failures.add(method, path, status, body, times, options.after ?? 0);
  }

  /** Stops the servers and drops every socket so the process can exit. */
  async close(): Promise<void> {
    this.#hub.close();
    this.#log.cancelAll();
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * Starts the emulator on 127.0.0.1 with a random port.
 *
 * @example
 * const emulator = await startDiscordEmulator();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase } });
 * const ready = once(client, Events.ClientReady);
 * await client.login(emulator.token);
 * await ready;
 * const handle = emulator.runCommand({ channelId: emulator.channelId, name: 'quiz', options: { topic: 'space' } });
 * const { type, data, elapsedMs } = await handle.callback();
 * // ... assert, then:
 * await client.destroy();
 * await emulator.close();
 */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const recommendedShards = options.recommendedShards ?? 1;
  if (!Number.isInteger(recommendedShards) || recommendedShards < 1)
    throw new EmulatorUsageError(
      `recommendedShards must be a whole number of at least 1, not ${recommendedShards}`,
    );
  const applicationId = options.applicationId ?? options.botUser?.id ?? DEFAULT_APPLICATION_ID;
  const bot = apiUser({
    id: options.botUser?.id ?? applicationId,
    username: options.botUser?.username ?? 'Newsquiz',
    globalName: options.botUser?.globalName ?? null,
    avatar: options.botUser?.avatar ?? null,
    bot: true,
  });
  const token = options.token ?? botToken(bot.id);
  const privilegedIntents = options.privilegedIntents ?? 0;
  const guildInputs = options.guilds ?? [{}];
  const world = new World({
    applicationId,
    botUser: bot,
    guilds: guildInputs.map((g, i) => normalizeGuild(g, i, bot.username)),
    applicationFlags: applicationFlags(privilegedIntents),
  });

  let origin = 'http://127.0.0.1:0';
  const gateway = new Gateway({
    world,
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    privilegedIntents,
    resumeUrl: () => `${origin.replace(/^http/, 'ws')}/gateway`,
  });
  const events = new MessageEvents(gateway, world);
  const hub = new InteractionHub({
    world,
    gateway,
    events,
    timeoutMs: options.interactionTimeoutMs ?? 3_000,
    strictCommands: options.strictCommands ?? false,
    origin: () => origin,
  });
  const counters = { requests: 0, tooManyRequests: 0, sent: 0 };
  const context: RouteContext = {
    world,
    hub,
    events,
    counters,
    recommendedShards,
    gatewayUrl: () => `${origin.replace(/^http/, 'ws')}/gateway`,
    origin: () => origin,
  };
  const router = new Router([
    ...metaRoutes(context),
    ...commandRoutes(context),
    ...messageRoutes(context),
    ...interactionRoutes(context),
  ]);
  const log = new CallLog(options.recordCalls ?? true);
  const failures = new FailureInjector();
  const limiter = new RateLimiter(options.rateLimits);
  const server = createServer(
    createRestHandler({
      token,
      router,
      limiter,
      failures,
      log,
      world,
      latencyMs: options.latencyMs ?? 0,
      counters,
    }),
  );
  server.keepAliveTimeout = 5_000;
  server.on('upgrade', (req, socket, head) => {
    if (!gateway.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return new DiscordEmulator({
    server,
    world,
    gateway,
    hub,
    log,
    failures,
    counters,
    token,
    origin,
  });
}
