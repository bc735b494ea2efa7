// Real SQLite files in a fresh temp folder per test; never a mocked driver.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { closeDatabase, migrate, openDatabase, type Database, type MigrateOptions } from '../../../src/main/core/store';

export interface TempDb {
  dir: string;
  file: string;
  db: Database;
  /** Closes the connection (if open) and removes the folder. */
  dispose(): void;
}

export function tempDir(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'resetline-store-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated database (to the latest version unless `to` says otherwise). */
export function tempDb(opts: MigrateOptions = {}): TempDb {
  const { dir, dispose } = tempDir();
  const file = join(dir, 'resetline.sqlite');
  const db = openDatabase(file);
  migrate(db, file, opts);
  return {
    dir,
    file,
    db,
    dispose: () => {
      closeDatabase(db);
      dispose();
    },
  };
}

/** For a describe block: a function giving a fresh migrated database, each removed after its test. */
export function migratedDbs(): () => Database {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));
  return () => {
    const t = tempDb();
    disposers.push(t.dispose);
    return t.db;
  };
}
