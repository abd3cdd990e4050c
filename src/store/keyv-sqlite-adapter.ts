// keyv's storage for SQLite, on the connection the answer tables use: one connection for the whole file
// (no two writers of our own waiting on each other), and statements prepared once. The table is the
// one @keyv/sqlite creates, so a file it wrote reads the same. keyv.setMany writes its entries in one
// transaction.
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { SqliteConnection } from './sqlite-connection.ts';

const CREATE = 'CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)';
const GET = 'SELECT value FROM keyv WHERE key = ?';
const GET_MANY = 'SELECT key, value FROM keyv WHERE key IN (SELECT value FROM json_each(?))';
const SET =
  'INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
const DELETE = 'DELETE FROM keyv WHERE key = ? RETURNING 1';
const DELETE_MANY = 'DELETE FROM keyv WHERE key IN (SELECT value FROM json_each(?)) RETURNING 1';
const CLEAR = 'DELETE FROM keyv WHERE key LIKE ?';

export class KeyvSqliteAdapter extends EventEmitter implements KeyvStoreAdapter {
  readonly opts = { dialect: 'sqlite' };
  namespace?: string | undefined;

  private constructor(private readonly db: SqliteConnection) {
    super();
  }

  static open(db: SqliteConnection): KeyvSqliteAdapter {
    db.exec(CREATE);
    return new KeyvSqliteAdapter(db);
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const [row] = this.db.all<{ value: string }>(GET, [key]);
    return row?.value as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<StoredData<Value | undefined>[]> {
    const rows = this.db.all<{ key: string; value: string }>(GET_MANY, [JSON.stringify(keys)]);
    const found = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => found.get(key) as StoredData<Value | undefined>);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.db.all(SET, [key, value]);
  }

  /** Writes every entry in one transaction: all of them, or (when one fails) none. */
  async setMany(entries: { key: string; value: unknown }[]): Promise<void> {
    this.db.transaction(() => {
      for (const { key, value } of entries) this.db.all(SET, [key, value]);
    });
  }

  async delete(key: string): Promise<boolean> {
    return this.db.all(DELETE, [key]).length > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    return this.db.all(DELETE_MANY, [JSON.stringify(keys)]).length > 0;
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async clear(): Promise<void> {
    this.db.all(CLEAR, [this.namespace ? `${this.namespace}:%` : '%']);
  }

  /** The connection belongs to the store, which closes it. */
  async disconnect(): Promise<void> {}
}
