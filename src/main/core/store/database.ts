// Opens the one SQLite file Resetline keeps, with the pragmas the audit trail's durability relies on,
// readable by its owner only: the folder 0700, the file and its -wal/-shm 0600, whatever the umask.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
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

const PRIVATE_FOLDER = 0o700;
const PRIVATE_FILE = 0o600;
/** The files SQLite keeps beside the database in WAL mode. */
const COMPANIONS = ['-wal', '-shm'] as const;

const onDisk = (file: string): boolean => file !== '' && file !== ':memory:' && !file.startsWith('file:');

/**
 * The folder holds the database, the token cache, the exports and the demo tenant's keys: owner only.
 * The file is created 0600 before SQLite opens it, since SQLite gives its -wal and -shm the database's
 * own mode; chmod (not the create mode, which the umask narrows) makes each mode exact.
 */
function makePrivate(file: string): void {
  chmodSync(dirname(file), PRIVATE_FOLDER);
  closeSync(openSync(file, 'a', PRIVATE_FILE));
  chmodSync(file, PRIVATE_FILE);
}

/** The -wal and -shm as they exist after opening (from this run or an earlier one): owner only. */
function makeCompanionsPrivate(file: string): void {
  for (const suffix of COMPANIONS) if (existsSync(file + suffix)) chmodSync(file + suffix, PRIVATE_FILE);
}

export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database {
  const writable = !(opts.readonly ?? false) && onDisk(file);
  if (writable) makePrivate(file);
  const db = new BetterSqlite3(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
    nativeBinding: opts.nativeBinding,
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
    if (writable) makeCompanionsPrivate(file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function closeDatabase(db: Database): void {
  if (db.open) db.close();
}
