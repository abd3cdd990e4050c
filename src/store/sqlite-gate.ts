// One SQLite connection shared by keyv and the answer tables: statements run freely, a transaction alone.
import type { WriteMeter } from './write-meter.ts';
import { paramBytes } from './write-meter.ts';

export type RawQuery = (sql: string, ...params: unknown[]) => Promise<unknown>;
export type Query = <Row = Record<string, unknown>>(
  sql: string,
  params?: readonly unknown[],
) => Promise<Row[]>;

const WRITE = /^\s*(insert|update|delete|replace)/i;

/**
 * Statements from anyone (keyv included) may be in flight together; a transaction waits for them to
 * finish and holds everyone else back until it commits, so no foreign statement lands inside it.
 */
export class SqliteGate {
  #active = 0;
  #exclusive: Promise<void> | undefined;
  #drained: (() => void) | undefined;
  #lastUse = 0;

  constructor(
    private readonly raw: RawQuery,
    private readonly meter: WriteMeter,
  ) {}

  #measure(sql: string, params: readonly unknown[]): void {
    this.#lastUse = Date.now();
    if (WRITE.test(sql)) this.meter.add(paramBytes(params));
  }

  readonly all: Query = async <Row>(sql: string, params: readonly unknown[] = []) => {
    while (this.#exclusive) await this.#exclusive;
    this.#active++;
    try {
      this.#measure(sql, params);
      return (await this.raw(sql, ...params)) as Row[];
    } finally {
      this.#active--;
      if (this.#active === 0) this.#drained?.();
    }
  };

  /** Milliseconds since the last statement (maintenance waits for quiet moments). */
  idleMs(): number {
    return this.#active > 0 || this.#exclusive ? 0 : Date.now() - this.#lastUse;
  }

  async transaction<T>(work: (query: Query) => Promise<T>): Promise<T> {
    while (this.#exclusive) await this.#exclusive;
    let release = () => {};
    this.#exclusive = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      if (this.#active > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      this.#drained = undefined;
      const inside: Query = async <Row>(sql: string, params: readonly unknown[] = []) => {
        this.#measure(sql, params);
        return (await this.raw(sql, ...params)) as Row[];
      };
      await this.raw('BEGIN IMMEDIATE');
      try {
        const result = await work(inside);
        await this.raw('COMMIT');
        return result;
      } catch (error) {
        await this.raw('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      this.#exclusive = undefined;
      release();
    }
  }
}
