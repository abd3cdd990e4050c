// keyv's storage for SQLite, on the connection the answer tables use: one connection for the whole file
// (no two writers of our own waiting on each other), and statements prepared once. The table is the
// one @keyv/sqlite creates, so a file it wrote reads the same.
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { ListKeys } from './list-keys.ts';
import type { SqliteConnection } from './sqlite-connection.ts';
import { keyvText, type WriteAll } from './write-all.ts';

const CREATE = 'CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)';
const GET = 'SELECT value FROM keyv WHERE key = ?';
const GET_MANY = 'SELECT key, value FROM keyv WHERE key IN (SELECT value FROM json_each(?))';
const SET =
  'INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
const DELETE = 'DELETE FROM keyv WHERE key = ? RETURNING 1';
const DELETE_MANY = 'DELETE FROM keyv WHERE key IN (SELECT value FROM json_each(?)) RETURNING 1';
const CLEAR = 'DELETE FROM keyv WHERE key LIKE ?';
/** Keys in [prefix, the prefix with its last character's successor): a range on the primary key. */
const KEYS_FROM = 'SELECT key FROM keyv WHERE key >= ? AND key < ? ORDER BY key LIMIT ?';
/**
 * Several records written and deleted by one INSERT (into a view whose trigger does the work): one
 * statement is one transaction on any driver, so they all land or none, and no other statement on the
 * connection runs between them.
 */
const WRITE_ALL_SCHEMA = [
  'CREATE VIEW IF NOT EXISTS nq_keyv_writes AS SELECT NULL AS sets, NULL AS deletes',
  `CREATE TRIGGER IF NOT EXISTS nq_keyv_write_all INSTEAD OF INSERT ON nq_keyv_writes
    BEGIN
      INSERT INTO keyv (key, value)
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(NEW.sets) WHERE true
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
      DELETE FROM keyv WHERE key IN (SELECT value FROM json_each(NEW.deletes));
    END`,
];
const WRITE_ALL = 'INSERT INTO nq_keyv_writes (sets, deletes) VALUES (?, ?)';

export class KeyvSqliteAdapter extends EventEmitter implements KeyvStoreAdapter {
  readonly opts = { dialect: 'sqlite' };
  namespace?: string | undefined;

  private constructor(private readonly db: SqliteConnection) {
    super();
  }

  static open(db: SqliteConnection): KeyvSqliteAdapter {
    db.exec(CREATE);
    for (const statement of WRITE_ALL_SCHEMA) db.exec(statement);
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

  async delete(key: string): Promise<boolean> {
    return this.db.all(DELETE, [key]).length > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    return this.db.all(DELETE_MANY, [JSON.stringify(keys)]).length > 0;
  }

  /** keyv's keys (`namespace:key`) and envelopes, in one statement. */
  readonly writeAll: WriteAll = async (writes) => {
    const now = Date.now();
    const stored = (key: string) => (this.namespace ? `${this.namespace}:${key}` : key);
    const sets = writes
      .filter((write) => write.value !== undefined)
      .map((write) => [stored(write.key), keyvText(write.value, write.ttlMs, now)]);
    const deletes = writes.filter((write) => write.value === undefined).map((write) => stored(write.key));
    this.db.all(WRITE_ALL, [JSON.stringify(sets), JSON.stringify(deletes)]);
  };

  /** Record keys (without the namespace) starting with `prefix`. */
  readonly listKeys: ListKeys = async (prefix, limit) => {
    const stored = this.namespace ? `${this.namespace}:${prefix}` : prefix;
    const after = stored.slice(0, -1) + String.fromCharCode(stored.charCodeAt(stored.length - 1) + 1);
    const rows = this.db.all<{ key: string }>(KEYS_FROM, [stored, after, limit]);
    const cut = this.namespace ? this.namespace.length + 1 : 0;
    return rows.map((row) => row.key.slice(cut));
  };

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async clear(): Promise<void> {
    this.db.all(CLEAR, [this.namespace ? `${this.namespace}:%` : '%']);
  }

  /** The connection belongs to the store, which closes it. */
  async disconnect(): Promise<void> {}
}
