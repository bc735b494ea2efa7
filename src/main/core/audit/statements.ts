// Hot statements, prepared once per connection: preparing costs more than running a page query.
import type BetterSqlite3 from 'better-sqlite3';

type Db = BetterSqlite3.Database;

const caches = new WeakMap<Db, Map<string, BetterSqlite3.Statement>>();

/** The statement for `sql` on this connection, prepared on first use. `sql` must be a constant. */
export function cached(db: Db, sql: string): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** The previous hash of the first row (and the head of an empty trail). */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

export const SELECT_ANCHOR = 'SELECT last_id, last_hash FROM audit_anchor WHERE id = 1';

export interface AnchorRow {
  last_id: number;
  last_hash: Buffer;
}

const TENANT_COLUMN = "SELECT count(*) FROM pragma_table_info('audit_events') WHERE name = 'tenant'";

/** Migration 0070 added audit_events.tenant; tests of older schemas append and verify without it. */
export const hasTenantColumn = (db: Db): boolean => (cached(db, TENANT_COLUMN).pluck().get() as number) > 0;
