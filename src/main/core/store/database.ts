// Opens the one SQLite file Resetline keeps, with the pragmas the audit trail's durability relies on.
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseFromFutureError } from './errors';
import { LATEST_SCHEMA_VERSION } from './migrations';

export type Database = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /** A better-sqlite3 binary built for another ABI (Electron); Node loads the default build. */
  nativeBinding?: string;
  readonly?: boolean;
}

/** How long a writer waits for another connection (the other host, a backup) before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database {
  const db = new BetterSqlite3(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
    ...(opts.nativeBinding === undefined ? {} : { nativeBinding: opts.nativeBinding }),
  });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Checked before any pragma that could write (journal_mode rewrites the header): a file from a
    // newer Resetline must leave this function byte-for-byte as it came.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw new DatabaseFromFutureError(file, version, LATEST_SCHEMA_VERSION);
    if (!opts.readonly) {
      // WAL lets the History screen read while an agent's reset appends.
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      if (mode !== 'wal' && file !== ':memory:' && file !== '') {
        throw new Error(`Could not switch ${file} to WAL (journal_mode is ${mode})`);
      }
    }
    // FULL fsyncs the WAL on every commit: an audit row whose append returned survives power loss,
    // not only a crash of the process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function closeDatabase(db: Database): void {
  if (db.open) db.close();
}
