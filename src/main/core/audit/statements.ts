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

export const SELECT_ANCHOR = 'SELECT last_id, last_hash FROM audit_anchor WHERE id = 1';

export interface AnchorRow {
  last_id: number;
  last_hash: Buffer;
}
