// The one connection to the SQLite file (keyv's table and the answer tables), through libsql: prebuilt
// binaries from the registry, nothing compiled at install. Calls are synchronous: a statement runs to the
// end before anything else in the process can touch the file, so each is atomic on its own, and
// `transaction` makes several statements one atomic change.
import Database from 'libsql';
import { StoreUnavailableError } from '../core/ports.ts';
import { paramBytes, type WriteMeter } from './write-meter.ts';

/** A statement prepared once and kept; whether it returns rows, and whether it writes (for the meter). */
interface Prepared {
  statement: Database.Statement;
  reader: boolean;
  writes: boolean;
}

const WRITE = /^\s*(insert|update|delete|replace)/i;

/**
 * How long a statement waits for a lock another process holds on the file (a backup, the sqlite3 shell).
 * The wait blocks the event loop, so it stays well below the 3 s a Discord press may take.
 */
const BUSY_TIMEOUT_MS = 1_000;

/**
 * A parameter as libsql should get it: a boolean as 1 or 0 (libsql aborts the process on a boolean),
 * undefined as NULL, and a whole number as an integer (libsql would bind every number as a REAL, and a
 * TEXT column would store 4 as '4.0').
 */
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return value;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SqliteConnection {
  /** Statements prepared once and kept, by their SQL. */
  readonly #statements = new Map<string, Prepared>();
  #lastUse = 0;

  private constructor(
    private readonly db: Database.Database,
    private readonly meter: WriteMeter,
  ) {}

  /** Opens (or creates) the file. Throws the driver's error when it cannot be opened. */
  static open(path: string, meter: WriteMeter, busyTimeoutMs = BUSY_TIMEOUT_MS): SqliteConnection {
    return new SqliteConnection(new Database(path, { timeout: busyTimeoutMs }), meter);
  }

  /**
   * Runs one statement, prepared once and kept, and returns its rows (none for a write without
   * RETURNING). A failure (a damaged file, a full disk) throws StoreUnavailableError with SQLite's reason.
   */
  all<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Row[] {
    this.#lastUse = Date.now();
    try {
      let prepared = this.#statements.get(sql);
      if (!prepared) {
        const statement = this.db.prepare(sql);
        prepared = { statement, reader: statement.reader, writes: WRITE.test(sql) };
        this.#statements.set(sql, prepared);
      }
      if (prepared.writes) this.meter.add(paramBytes(params));
      const values = params.map(bindable);
      if (prepared.reader) return prepared.statement.all(values) as Row[];
      prepared.statement.run(values);
      return [];
    } catch (error) {
      throw new StoreUnavailableError(`SQLite: ${describe(error)}`, { cause: error });
    }
  }

  /** Runs SQL text that is not kept (pragmas, schema), several statements at once if need be. */
  exec(sql: string): void {
    this.#lastUse = Date.now();
    try {
      this.db.exec(sql);
    } catch (error) {
      throw new StoreUnavailableError(`SQLite: ${describe(error)}`, { cause: error });
    }
  }

  /**
   * Runs `work` as one transaction (BEGIN IMMEDIATE … COMMIT): every statement it runs takes effect,
   * or, if it throws, none does. `work` is synchronous, so no other statement of this process can run
   * in between; a promise returned from it is refused (rolled back), since what ran after an await
   * would not be in the transaction.
   */
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) throw new Error('SQLite transactions do not nest');
    this.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = work();
      if (result instanceof Promise) {
        result.catch(() => undefined);
        throw new Error('a SQLite transaction must be synchronous: its work returned a promise');
      }
      this.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return result;
  }

  /** Milliseconds since the last statement (maintenance waits for quiet moments). */
  idleMs(): number {
    return Date.now() - this.#lastUse;
  }

  close(): void {
    this.#statements.clear();
    this.db.close();
  }
}
