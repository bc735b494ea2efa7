// Brings a database to the schema this code expects: refuse a newer file, back up an existing one,
// then apply every pending step in one transaction so a failure leaves the old schema intact.
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseFromFutureError, MigrationFailedError, MigrationRegistryError } from './errors';
import { assertMigrationOrder, LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export interface MigrateOptions {
  /** Stop at this version (tests seed a database at n−1). Defaults to the latest. */
  to?: number;
  /** Tests substitute a registry (e.g. one with a failing step). */
  migrations?: readonly Migration[];
  now?: () => Date;
}

export interface MigrateResult {
  from: number;
  to: number;
  backupPath: string | null;
}

function userVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function isInMemory(file: string): boolean {
  return file === '' || file === ':memory:' || file.startsWith('file::memory:');
}

/** `<file>.backup-v<old>-<UTC timestamp>.sqlite`, sortable and free of characters Windows refuses. */
export function backupPathFor(file: string, fromVersion: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${file}.backup-v${fromVersion}-${stamp}.sqlite`;
}

export function migrate(db: BetterSqlite3.Database, file: string, opts: MigrateOptions = {}): MigrateResult {
  const registry = opts.migrations ?? MIGRATIONS;
  if (registry !== MIGRATIONS) assertMigrationOrder(registry);
  const latest = opts.migrations ? (registry[registry.length - 1]?.version ?? 0) : LATEST_SCHEMA_VERSION;
  const target = opts.to ?? latest;
  if (target > latest || (target !== 0 && !registry.some((m) => m.version === target))) {
    throw new MigrationRegistryError(`No migration has version ${target}`);
  }

  const from = userVersion(db);
  if (from > latest) throw new DatabaseFromFutureError(file, from, latest);
  if (from > target) throw new MigrationRegistryError(`Cannot migrate down from ${from} to ${target}`);
  if (from === target) return { from, to: from, backupPath: null };

  const hasContent = from > 0 || (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n > 0;
  let backupPath: string | null = null;
  if (hasContent && !isInMemory(file)) {
    backupPath = backupPathFor(file, from, (opts.now ?? (() => new Date()))());
    // VACUUM INTO writes a consistent, compacted copy; it cannot run inside a transaction.
    db.prepare('VACUUM INTO ?').run(backupPath);
  }

  let applying = 0;
  const run = db.transaction(() => {
    // Re-read under the write lock: another instance may have migrated since we looked.
    const current = userVersion(db);
    if (current > latest) throw new DatabaseFromFutureError(file, current, latest);
    for (const m of registry) {
      if (m.version <= current || m.version > target) continue;
      applying = m.version;
      m.up(db);
      // PRAGMA takes no bound parameters; the value is an integer from our own registry.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
  });
  try {
    run.immediate();
  } catch (error) {
    if (error instanceof DatabaseFromFutureError) throw error;
    throw new MigrationFailedError(applying, backupPath, error);
  }
  return { from, to: userVersion(db), backupPath };
}
