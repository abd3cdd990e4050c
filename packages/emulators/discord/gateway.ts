// The emulated gateway: HELLO/IDENTIFY/READY/GUILD_CREATE, heartbeats, RESUME, intent-filtered dispatches.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createDeflate, type Deflate, deflateSync, constants as zlibConstants } from 'node:zlib';
import type { APIGuildMember, GatewayReadyDispatchData } from 'discord-api-types/v10';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { sessionId } from './ids.ts';
import { ALL_INTENTS, Intent, PRIVILEGED_INTENTS } from './intents.ts';
import { clone, isInteger, isRecord, isString } from './json.ts';
import type { World } from './world.ts';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

export const GatewayClose = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  shard: readonly [number, number];
  /** The guilds READY named: those of the session's shard. */
  guildIds: readonly string[];
  connection: Connection | null;
  /** Dispatches kept for RESUME replay. */
  backlog: Frame[];
  invalidated: boolean;
}

interface Connection {
  socket: WebSocket;
  session: Session | null;
  /** `compress=zlib-stream` in the URL: one deflate context for the whole connection, sync-flushed per frame. */
  deflate: Deflate | null;
  deflateChunks: Buffer[];
  /** `compress: true` in IDENTIFY: each frame is an independent zlib stream. */
  identifyCompress: boolean;
}

export interface GatewayOptions {
  world: World;
  token: string;
  heartbeatIntervalMs: number;
  privilegedIntents: number;
  /** URL advertised as resume_gateway_url. */
  resumeUrl: () => string;
}

/** An identified session as a test sees it: its shard, the guilds its READY named, and whether it is connected. */
export interface GatewaySession {
  shard: [number, number];
  guildIds: string[];
  connected: boolean;
}

/** Decides whether a session should receive a dispatch (DMs, guildId null, belong to shard 0). */
export type DispatchFilter = (intents: number, inShard: (guildId: string | null) => boolean) => boolean;

const BACKLOG_LIMIT = 2_000;

export class Gateway {
  #down = false;
  readonly #options: GatewayOptions;
  readonly #wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly #sessions = new Map<string, Session>();
  readonly #connections = new Set<Connection>();

  constructor(options: GatewayOptions) {
    this.#options = options;
  }

  /** WebSocket connections accepted so far (a bot in HTTP interactions mode opens none). */
  connectionsOpened = 0;

  /** Number of identified, connected sessions (i.e. clients that can receive INTERACTION_CREATE). */
  get readySessions(): number {
    let n = 0;
    for (const session of this.#sessions.values()) if (session.connection && !session.invalidated) n++;
    return n;
  }

  /** Sessions that are connected or can still RESUME (their dispatches are kept for replay). */
  get liveSessions(): number {
    let n = 0;
    for (const session of this.#sessions.values()) if (!session.invalidated) n++;
    return n;
  }

  /** Sessions that are connected or can still RESUME, oldest first. */
  get sessions(): GatewaySession[] {
    return [...this.#sessions.values()]
      .filter((session) => !session.invalidated)
      .map((session) => ({
        shard: [session.shard[0], session.shard[1]],
        guildIds: [...session.guildIds],
        connected: session.connection !== null,
      }));
  }

  /** Handles an HTTP upgrade; returns false if the path is not the gateway's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway/') return false;
    if (this.#down) {
      socket.destroy();
      return true;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, url.searchParams));
    return true;
  }

  #accept(socket: WebSocket, query: URLSearchParams): void {
    const version = query.get('v');
    const encoding = query.get('encoding') ?? 'json';
    const compress = query.get('compress');
    const connection: Connection = {
      socket,
      session: null,
      deflate: null,
      deflateChunks: [],
      identifyCompress: false,
    };
    this.#connections.add(connection);
    this.connectionsOpened++;
    socket.on('close', (code) => this.#onClose(connection, code));
    socket.on('error', () => socket.terminate());
    if (version !== null && version !== '10' && version !== '9') {
      socket.close(GatewayClose.InvalidApiVersion, 'Invalid API version');
      return;
    }
    if (encoding !== 'json') {
      // ETF is not emulated; fail loudly rather than sending JSON the client cannot decode.
      socket.close(GatewayClose.DecodeError, 'Only encoding=json is emulated');
      return;
    }
    if (compress === 'zlib-stream') {
      const deflate = createDeflate({ flush: zlibConstants.Z_NO_FLUSH });
      deflate.on('data', (chunk: Buffer) => connection.deflateChunks.push(chunk));
      connection.deflate = deflate;
    } else if (compress !== null) {
      socket.close(GatewayClose.DecodeError, `compress=${compress} is not emulated`);
      return;
    }
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    this.#send(connection, {
      op: GatewayOp.Hello,
      d: {
        heartbeat_interval: this.#options.heartbeatIntervalMs,
        _trace: ['["gateway-emulator",{"micros":1}]'],
      },
      s: null,
      t: null,
    });
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      connection.socket.close(GatewayClose.DecodeError, 'Error while decoding payload.');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(rawToString(data));
    } catch {
      connection.socket.close(GatewayClose.DecodeError, 'Error while decoding payload.');
      return;
    }
    if (!isRecord(payload) || !isInteger(payload.op)) {
      connection.socket.close(GatewayClose.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOp.Heartbeat:
        this.#send(connection, { op: GatewayOp.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOp.Identify:
        this.#identify(connection, payload.d);
        return;
      case GatewayOp.Resume:
        this.#resume(connection, payload.d);
        return;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
      case GatewayOp.RequestSoundboardSounds:
        if (!connection.session) connection.socket.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
        return;
      case GatewayOp.RequestGuildMembers:
        if (!connection.session) connection.socket.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
        else this.#requestMembers(connection.session, payload.d);
        return;
      default:
        connection.socket.close(GatewayClose.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #tokenMatches(token: unknown): boolean {
    if (!isString(token)) return false;
    const bare = token.startsWith('Bot ') ? token.slice(4) : token;
    return bare === this.#options.token;
  }

  #identify(connection: Connection, d: unknown): void {
    const socket = connection.socket;
    if (connection.session) {
      socket.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (!isRecord(d) || !this.#tokenMatches(d.token)) {
      socket.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    if (!isInteger(d.intents) || d.intents < 0 || (d.intents & ~ALL_INTENTS) !== 0) {
      socket.close(GatewayClose.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if ((d.intents & PRIVILEGED_INTENTS & ~this.#options.privilegedIntents) !== 0) {
      socket.close(GatewayClose.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    let shard: readonly [number, number] = [0, 1];
    if (d.shard !== undefined) {
      const [id, count] = Array.isArray(d.shard) ? d.shard : [];
      if (!isInteger(id) || !isInteger(count) || count < 1 || id < 0 || id >= count) {
        socket.close(GatewayClose.InvalidShard, 'Invalid shard.');
        return;
      }
      shard = [id, count];
    }
    connection.identifyCompress = d.compress === true && connection.deflate === null;
    const { world } = this.#options;
    const guilds = [...world.guilds.values()].filter((g) => inShard(g.id, shard));
    const session: Session = {
      id: sessionId(),
      seq: 0,
      intents: d.intents,
      shard,
      guildIds: guilds.map((g) => g.id),
      connection,
      backlog: [],
      invalidated: false,
    };
    this.#sessions.set(session.id, session);
    connection.session = session;

    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...clone(world.bot), verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.#options.resumeUrl(),
      shard: [shard[0], shard[1]],
      application: {
        id: world.applicationId,
        flags: world.applicationFlags,
        flags_new: String(world.applicationFlags),
      },
    };
    this.#dispatchTo(session, 'READY', ready);
    const allMembers = (session.intents & Intent.GuildMembers) !== 0;
    for (const guild of guilds)
      this.#dispatchTo(session, 'GUILD_CREATE', world.guildCreatePayload(guild, allMembers));
  }

  #resume(connection: Connection, d: unknown): void {
    if (connection.session) {
      connection.socket.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (!isRecord(d) || !this.#tokenMatches(d.token)) {
      connection.socket.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session = isString(d.session_id) ? this.#sessions.get(d.session_id) : undefined;
    const seq = isInteger(d.seq) ? d.seq : 0;
    const oldest = session?.backlog[0]?.s ?? (session ? session.seq + 1 : 0);
    if (!session || session.invalidated || (seq + 1 < oldest && session.seq > seq)) {
      // d: false -> the client must IDENTIFY again on a new connection.
      this.#send(connection, { op: GatewayOp.InvalidSession, d: false, s: null, t: null });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection) {
      previous.session = null;
      previous.socket.close(GatewayClose.UnknownError, 'Session resumed elsewhere');
    }
    session.connection = connection;
    connection.session = session;
    for (const frame of session.backlog) {
      if (frame.s !== null && frame.s > seq) this.#send(connection, frame);
    }
    this.#dispatchTo(session, 'RESUMED', { _trace: ['["gateway-emulator",{"micros":1}]'] });
  }

  #requestMembers(session: Session, d: unknown): void {
    if (!isRecord(d) || !isString(d.guild_id)) return;
    const guild = this.#options.world.guilds.get(d.guild_id);
    if (!guild) return;
    const query = isString(d.query) ? d.query.toLowerCase() : null;
    const ids = Array.isArray(d.user_ids)
      ? d.user_ids.filter(isString)
      : isString(d.user_ids)
        ? [d.user_ids]
        : null;
    const limit = isInteger(d.limit) && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
    const members: APIGuildMember[] = [];
    for (const member of guild.members.values()) {
      if (members.length >= limit) break;
      if (ids && !ids.includes(member.user.id)) continue;
      if (query !== null && query !== '' && !member.user.username.toLowerCase().startsWith(query)) continue;
      members.push(clone(member));
    }
    this.#dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(ids ? { not_found: ids.filter((id) => !guild.members.has(id)) } : {}),
      ...(isString(d.nonce) ? { nonce: d.nonce } : {}),
    });
  }

  /**
   * Sends a dispatch to every live session the filter accepts (default: all). Sessions that are
   * disconnected but resumable get it in their backlog. Returns how many connected sessions got it.
   */
  dispatch(event: string, data: unknown, filter?: DispatchFilter): number {
    let delivered = 0;
    for (const session of this.#sessions.values()) {
      if (session.invalidated) continue;
      if (
        filter &&
        !filter(session.intents, (guildId) =>
          guildId === null ? session.shard[0] === 0 : inShard(guildId, session.shard),
        )
      )
        continue;
      if (this.#dispatchTo(session, event, data)) delivered++;
    }
    return delivered;
  }

  #dispatchTo(session: Session, event: string, data: unknown): boolean {
    session.seq++;
    const frame: Frame = { op: GatewayOp.Dispatch, d: data, s: session.seq, t: event };
    session.backlog.push(frame);
    if (session.backlog.length > BACKLOG_LIMIT)
      session.backlog.splice(0, session.backlog.length - BACKLOG_LIMIT);
    const connection = session.connection;
    if (!connection || connection.socket.readyState !== WebSocket.OPEN) return false;
    this.#send(connection, frame);
    return true;
  }

  #send(connection: Connection, frame: Frame): void {
    const { socket } = connection;
    if (socket.readyState !== WebSocket.OPEN) return;
    const json = JSON.stringify(frame);
    const deflate = connection.deflate;
    if (deflate) {
      deflate.write(json);
      deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
        const chunk = Buffer.concat(connection.deflateChunks);
        connection.deflateChunks = [];
        if (socket.readyState === WebSocket.OPEN) socket.send(chunk, { binary: true });
      });
      return;
    }
    if (connection.identifyCompress && frame.op === GatewayOp.Dispatch) {
      socket.send(deflateSync(json), { binary: true });
      return;
    }
    socket.send(json);
  }

  #onClose(connection: Connection, code: number): void {
    this.#connections.delete(connection);
    connection.deflate?.close();
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    // Closing with 1000/1001 invalidates the session on Discord; any other code keeps it resumable.
    if (code === 1000 || code === 1001) {
      session.invalidated = true;
      this.#sessions.delete(session.id);
    }
  }

  /** Closes every client connection with `code` (4000 by default, which discord.js answers with RESUME). */
  disconnectAll(code: number = GatewayClose.UnknownError, reason = 'Emulated disconnect'): void {
    for (const connection of this.#connections) connection.socket.close(code, reason);
  }

  /**
   * An outage of the gateway: every connection is closed (resumable) and new ones are refused until it
   * ends.
   */
  setDown(down: boolean): void {
    this.#down = down;
    if (down) this.disconnectAll();
  }

  /** Asks every client to reconnect and resume (op 7). */
  requestReconnect(): void {
    for (const connection of this.#connections)
      this.#send(connection, { op: GatewayOp.Reconnect, d: null, s: null, t: null });
  }

  async close(): Promise<void> {
    for (const connection of this.#connections) connection.socket.terminate();
    this.#connections.clear();
    this.#sessions.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

/** The shard that holds a guild among `count` shards: (guild_id >> 22) % count, as Discord routes it. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

function inShard(guildId: string, shard: readonly [number, number]): boolean {
  return shardOf(guildId, shard[1]) === shard[0];
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
