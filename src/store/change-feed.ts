// Tells every instance sharing the store that something changed: in this process, or over Redis pub/sub.
import { EventEmitter } from 'node:events';
import type { RedisClientType } from '@keyv/redis';
import type { Logger } from 'pino';
import { storeCall } from './store-call.ts';

export interface ChangeFeed {
  /** Delivers `text` to every listener of `channel`, on every instance (this one at once). */
  publish(channel: string, text: string): Promise<void>;
  subscribe(channel: string, listener: (text: string) => void): void;
  close(): Promise<void>;
}

/** One process: listeners hear a publish at once. */
export class LocalChangeFeed implements ChangeFeed {
  readonly #events = new EventEmitter();

  async publish(channel: string, text: string): Promise<void> {
    this.#events.emit(channel, text);
  }

  subscribe(channel: string, listener: (text: string) => void): void {
    this.#events.on(channel, listener);
  }

  async close(): Promise<void> {
    this.#events.removeAllListeners();
  }
}

/**
 * Redis pub/sub on a second connection (a subscribed connection can do nothing else), opened on the
 * first subscribe. This instance's listeners hear its own publish at once, and again from Redis: a
 * listener must be safe to call twice (dropping a cache entry is).
 */
export class RedisChangeFeed implements ChangeFeed {
  readonly #local = new LocalChangeFeed();
  readonly #channels = new Set<string>();
  #subscriber: RedisClientType | undefined;
  #connecting: Promise<RedisClientType> | undefined;
  #closed = false;

  constructor(
    private readonly client: RedisClientType,
    private readonly namespace: string,
    private readonly log: Logger,
  ) {}

  async publish(channel: string, text: string): Promise<void> {
    await this.#local.publish(channel, text);
    await storeCall('publishing a change', () => this.client.publish(`${this.namespace}:${channel}`, text));
  }

  subscribe(channel: string, listener: (text: string) => void): void {
    this.#local.subscribe(channel, listener);
    if (this.#channels.has(channel)) return;
    this.#channels.add(channel);
    this.#connecting ??= this.#connect();
    this.#connecting
      .then((subscriber) =>
        subscriber.subscribe(`${this.namespace}:${channel}`, (text) => {
          void this.#local.publish(channel, text);
        }),
      )
      .catch((error: unknown) => {
        if (!this.#closed)
          this.log.error(
            { err: error, channel },
            'subscribing to changes failed; caches expire on their own',
          );
      });
  }

  async #connect(): Promise<RedisClientType> {
    const subscriber = this.client.duplicate() as RedisClientType;
    this.#subscriber = subscriber;
    subscriber.on('error', (error: unknown) =>
      this.log.debug({ err: error }, 'change feed connection error'),
    );
    await subscriber.connect();
    return subscriber;
  }

  /** Never waits for a connection still being made (Redis may be down): that one is dropped. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#local.close();
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    if (!subscriber) return;
    if (subscriber.isReady) await subscriber.quit().catch(() => subscriber.destroy());
    else if (subscriber.isOpen) subscriber.destroy();
  }
}
