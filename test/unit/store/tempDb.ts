// Real SQLite files in a fresh temp folder per test; never a mocked driver. No vitest import here:
// `npm run bench` uses these too (migratedDbs.ts holds the vitest-bound helper).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
