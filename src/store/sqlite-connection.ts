// A connection of our own to the SQLite file, for the answer tables: statements are prepared once and
// kept; each is atomic on its own (no multi-statement transactions, so nothing waits behind one).
import sqlite3 from 'sqlite3';
import { storeCall } from './store-call.ts';
import { paramBytes, type WriteMeter } from './write-meter.ts';

export type Query = <Row = Record<string, unknown>>(
  sql: string,
  params?: readonly unknown[],
) => Promise<Row[]>;

const WRITE = /^\s*(insert|update|delete|replace)/i;

interface Prepared {
  statement: sqlite3.Statement;
  /** Settles when SQLite has prepared it (or refused to). */
  ready: Promise<void>;
}

export class SqliteConnection {
  readonly #statements = new Map<string, Prepared>();
  #active = 0;
  #lastUse = 0;

  private constructor(
    private readonly db: sqlite3.Database,
    private readonly meter: WriteMeter,
  ) {}

  static open(path: string, meter: WriteMeter, busyTimeoutMs = 5_000): Promise<SqliteConnection> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, (error) => {
        if (error) reject(error);
        else {
          db.configure('busyTimeout', busyTimeoutMs);
          resolve(new SqliteConnection(db, meter));
        }
      });
    });
  }

  /**
   * A statement prepared once and kept. One that fails to prepare (a damaged file) fails the call that
   * asked for it and is dropped, so the next call prepares afresh.
   */
  #prepare(sql: string): Prepared {
    let prepared = this.#statements.get(sql);
    if (!prepared) {
      let statement: sqlite3.Statement | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        statement = this.db.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve()));
      });
      if (!statement) throw new Error('sqlite3 did not return a statement');
      const entry: Prepared = { statement, ready };
      ready.catch(() => {
        if (this.#statements.get(sql) === entry) this.#statements.delete(sql);
      });
      this.#statements.set(sql, entry);
      prepared = entry;
    }
    return prepared;
  }

  #run<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    this.#lastUse = Date.now();
    if (WRITE.test(sql)) this.meter.add(paramBytes(params));
    return storeCall('SQLite', () =>
      this.#prepare(sql).ready.then(
        () =>
          new Promise<Row[]>((resolve, reject) => {
            this.#prepare(sql).statement.all(params, (error: Error | null, rows: Row[]) =>
              error ? reject(error) : resolve(rows),
            );
          }),
      ),
    );
  }

  /** A plain statement that is not prepared and kept (pragmas, schema, transaction control). */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.db.exec(sql, (error) => (error ? reject(error) : resolve())),
    );
  }

  readonly all: Query = async <Row>(sql: string, params: readonly unknown[] = []) => {
    this.#active++;
    try {
      return await this.#run<Row>(sql, params);
    } finally {
      this.#active--;
    }
  };

  /** Milliseconds since the last statement (maintenance waits for quiet moments). */
  idleMs(): number {
    return this.#active > 0 ? 0 : Date.now() - this.#lastUse;
  }

  async close(): Promise<void> {
    for (const { statement } of this.#statements.values()) {
      await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    }
    this.#statements.clear();
    await new Promise<void>((resolve, reject) =>
      this.db.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
