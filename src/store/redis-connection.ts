// One Redis connection that stays usable. node-redis reconnects by itself after a clean drop, but not
// from a reconnection whose handshake never gets an answer, nor from a connection that stops answering
// without closing: this watches for those and puts a new client in place. Users hold `client`, which
// always forwards to the client in place, so a replacement needs nothing from them.
import { createClient, type RedisClientType } from '@keyv/redis';
import type { Logger } from 'pino';
import { StoreOpenError, shownUrl } from './store-open-error.ts';

/** At start, Redis must answer within this long, or the bot exits saying so. */
const START_TIMEOUT_MS = 7_000;
/** While Redis is down, its connection error is logged at most this often. */
const ERROR_LOG_EVERY_MS = 30_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** Longest wait between two reconnection attempts. */
const MAX_RETRY_DELAY_MS = 2_000;
const CHECK_EVERY_MS = 500;
/** A connection made but not ready within this long is given up: its handshake got no answer. */
const HANDSHAKE_TIMEOUT_MS = 2_000;
/** A ready connection that answered nothing (not even a PING) for this long is given up: it went silent. */
const SILENT_AFTER_MS = 3_000;
/**
 * Not ready, and no attempt, error or connection seen for this long: the client stopped trying. Longer
 * than a connection attempt plus the longest delay, so a client still trying is never replaced mid-attempt.
 */
const NO_ATTEMPT_AFTER_MS = CONNECT_TIMEOUT_MS + MAX_RETRY_DELAY_MS + 1_000;
/** Closing waits this long for Redis to acknowledge QUIT, then drops the connection. */
const QUIT_TIMEOUT_MS = 2_000;

export interface RedisConnectionOptions {
  /** Named in the log: the store's connection, or the change feed's. */
  role: string;
  /**
   * Commands wait while the client reconnects (a subscription is kept until it can be made), instead of
   * failing at once (the store: a user hears "try again" rather than waiting).
   */
  queueWhileOffline?: boolean;
}

/** One client and what has been seen of it. */
interface Generation {
  client: RedisClientType;
  /** Given up: its events are ignored and it stops reconnecting. */
  retired: boolean;
  /** When the socket connected and the handshake began, until it is ready or fails. */
  handshakeSince: number | undefined;
  /** Last attempt, error, connection or readiness. */
  lastSignAt: number;
  /** Last answer from Redis (readiness or a PING). */
  lastAnswerAt: number;
  probing: boolean;
  /** When the connection was first found silent; it is given up one check later, if still silent. */
  silentSince: number | undefined;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A client that forwards every use to whichever client `current` returns at that moment. */
function forwardingClient(current: () => RedisClientType): RedisClientType {
  const bound = new Map<PropertyKey, { client: RedisClientType; fn: unknown }>();
  const handler: ProxyHandler<object> = {
    get(_target, property) {
      const client = current();
      const value: unknown = Reflect.get(client, property, client);
      if (typeof value !== 'function') return value;
      const cached = bound.get(property);
      if (cached?.client === client) return cached.fn;
      const fn = (value as (...args: unknown[]) => unknown).bind(client);
      bound.set(property, { client, fn });
      return fn;
    },
    has: (_target, property) => Reflect.has(current(), property),
    set: (_target, property, value) => Reflect.set(current(), property, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(current()),
  };
  return new Proxy({}, handler) as RedisClientType;
}

export class RedisConnection {
  /** Always the client in place; keep this one, never a client it forwarded to. */
  readonly client: RedisClientType;
  #generation: Generation;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #down = false;
  #loggedAt = 0;
  #lastError: unknown;
  readonly #replacedListeners = new Set<(client: RedisClientType) => void>();

  private constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly options: RedisConnectionOptions,
  ) {
    this.#generation = this.#newGeneration();
    this.client = forwardingClient(() => this.#generation.client);
  }

  /** Connects, or throws a StoreOpenError naming STORE_URL when Redis does not answer in time. */
  static async open(url: string, log: Logger, options: RedisConnectionOptions): Promise<RedisConnection> {
    const connection = new RedisConnection(url, log, options);
    const client = connection.#generation.client;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)),
            START_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      connection.#closed = true;
      connection.#retire(connection.#generation);
      const cause = connection.#lastError ?? error;
      throw new StoreOpenError(
        `STORE_URL=${shownUrl(url)}: could not connect to Redis (${describe(cause)}). Check that Redis is running, and the host, port and password in STORE_URL.`,
        { cause },
      );
    } finally {
      clearTimeout(timer);
    }
    connection.#watch();
    return connection;
  }

  /** A second connection to the same server (a subscribed connection can do nothing else); connects in the background. */
  duplicate(role: string, options: Omit<RedisConnectionOptions, 'role'> = {}): RedisConnection {
    const connection = new RedisConnection(this.url, this.log, { ...options, role });
    connection.#generation.client.connect().catch(() => undefined);
    connection.#watch();
    return connection;
  }

  /** Called with the new client each time one is put in place (to subscribe again on it). */
  onReplaced(listener: (client: RedisClientType) => void): void {
    this.#replacedListeners.add(listener);
  }

  #newGeneration(): Generation {
    const now = performance.now();
    const generation: Generation = {
      client: undefined as unknown as RedisClientType,
      retired: false,
      handshakeSince: undefined,
      lastSignAt: now,
      lastAnswerAt: now,
      probing: false,
      silentSince: undefined,
    };
    const client = createClient({
      url: this.url,
      disableOfflineQueue: !this.options.queueWhileOffline,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // A client given up stops at once instead of trying again.
        reconnectStrategy: (retries: number) =>
          generation.retired
            ? new Error('replaced by a new connection')
            : Math.min(100 * 2 ** Math.min(retries, 10), MAX_RETRY_DELAY_MS),
      },
    }) as RedisClientType;
    generation.client = client;
    const sign = () => {
      generation.lastSignAt = performance.now();
    };
    client.on('connect', () => {
      sign();
      generation.handshakeSince = performance.now();
    });
    client.on('reconnecting', sign);
    client.on('error', (error: unknown) => {
      sign();
      generation.handshakeSince = undefined;
      if (generation.retired || this.#closed) return;
      this.#lastError = error;
      this.#down = true;
      if (Date.now() - this.#loggedAt >= ERROR_LOG_EVERY_MS) {
        this.#loggedAt = Date.now();
        this.log.error(
          { err: error, connection: this.options.role },
          'Redis is unreachable; commands that need the store fail until it is back',
        );
      }
    });
    client.on('ready', () => {
      sign();
      generation.handshakeSince = undefined;
      generation.lastAnswerAt = performance.now();
      if (generation.retired) return;
      if (this.#down) this.log.info({ connection: this.options.role }, 'Redis is reachable again');
      this.#down = false;
      this.#loggedAt = 0;
    });
    return generation;
  }

  #watch(): void {
    this.#timer = setInterval(() => this.#check(), CHECK_EVERY_MS);
    this.#timer.unref();
  }

  #check(): void {
    if (this.#closed) return;
    const generation = this.#generation;
    const now = performance.now();
    if (generation.client.isReady) {
      this.#probe(generation);
      if (now - generation.lastAnswerAt < SILENT_AFTER_MS) {
        generation.silentSince = undefined;
        return;
      }
      // Found silent: answers already received but not yet read get one more check to arrive.
      if (generation.silentSince === undefined) {
        generation.silentSince = now;
        return;
      }
      if (now - generation.silentSince >= CHECK_EVERY_MS)
        this.#replace(`answered nothing for ${Math.round((now - generation.lastAnswerAt) / 1000)} s`);
      return;
    }
    if (generation.handshakeSince !== undefined && now - generation.handshakeSince > HANDSHAKE_TIMEOUT_MS) {
      this.#replace('connected but got no answer to its handshake');
      return;
    }
    if (now - generation.lastSignAt > NO_ATTEMPT_AFTER_MS) this.#replace('stopped trying to reconnect');
  }

  /** One PING at a time; its answer shows the connection is alive. */
  #probe(generation: Generation): void {
    if (generation.probing) return;
    generation.probing = true;
    generation.client
      .ping()
      .then(() => {
        generation.lastAnswerAt = performance.now();
      })
      .catch(() => undefined)
      .finally(() => {
        generation.probing = false;
      });
  }

  #replace(reason: string): void {
    const old = this.#generation;
    this.log.warn({ connection: this.options.role }, `The Redis connection ${reason}; opening a new one`);
    const next = this.#newGeneration();
    // Connecting first: the client in place is always one that is open (or opening).
    next.client.connect().catch(() => undefined);
    this.#generation = next;
    this.#retire(old);
    for (const listener of this.#replacedListeners) listener(next.client);
  }

  /** Stops a client for good; what it had in flight fails at once. */
  #retire(generation: Generation): void {
    generation.retired = true;
    if (generation.client.isOpen) generation.client.destroy();
  }

  /** Says goodbye (QUIT) when Redis answers; a connection that does not answer in time is left to close with the process. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    const generation = this.#generation;
    generation.retired = true;
    const client = generation.client;
    if (!client.isReady) {
      if (client.isOpen) client.destroy();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const quit = client.quit().then(
      () => true,
      () => true,
    );
    const quitted = await Promise.race([
      quit,
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), QUIT_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!quitted) client.unref();
  }
}
