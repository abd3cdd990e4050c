// Tells every instance sharing the store that something changed: in this process, or over Redis pub/sub.
import { EventEmitter } from 'node:events';
import type { RedisClientType } from '@keyv/redis';
import type { Logger } from 'pino';
import type { RedisConnection } from './redis-connection.ts';
import { storeCall } from './store-call.ts';
import type { ChangeFeed } from './store-contract.ts';

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
 * first subscribe and kept alive like the store's own (a new one subscribes again). This instance's
 * listeners hear its own publish at once, and again from Redis: a listener must be safe to call twice
 * (dropping a cache entry is).
 */
export class RedisChangeFeed implements ChangeFeed {
  readonly #local = new LocalChangeFeed();
  readonly #channels = new Set<string>();
  #subscriber: RedisConnection | undefined;
  #closed = false;

  constructor(
    private readonly connection: RedisConnection,
    private readonly namespace: string,
    private readonly log: Logger,
  ) {}

  async publish(channel: string, text: string): Promise<void> {
    await this.#local.publish(channel, text);
    await storeCall('publishing a change', () =>
      this.connection.client.publish(`${this.namespace}:${channel}`, text),
    );
  }

  subscribe(channel: string, listener: (text: string) => void): void {
    this.#local.subscribe(channel, listener);
    if (this.#channels.has(channel) || this.#closed) return;
    this.#channels.add(channel);
    this.#listen(this.#open().client, channel);
  }

  #open(): RedisConnection {
    if (this.#subscriber) return this.#subscriber;
    // Subscriptions wait while the connection is being made, instead of failing.
    const subscriber = this.connection.duplicate('change feed', { queueWhileOffline: true });
    subscriber.onReplaced((client) => {
      for (const channel of this.#channels) this.#listen(client, channel);
    });
    this.#subscriber = subscriber;
    return subscriber;
  }

  #listen(client: RedisClientType, channel: string): void {
    client
      .subscribe(`${this.namespace}:${channel}`, (text) => {
        void this.#local.publish(channel, text);
      })
      .catch((error: unknown) => {
        if (!this.#closed)
          this.log.warn(
            { err: error, channel },
            'subscribing to changes failed; it is made again with the next connection, and caches expire on their own',
          );
      });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#local.close();
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    await subscriber?.close();
  }
}
