import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  DatabaseFromFutureError,
  LATEST_SCHEMA_VERSION,
  migrate,
  MigrationFailedError,
  MigrationRegistryError,
  MIGRATIONS,
  openDatabase,
  type Migration,
} from '../../../src/main/core/store';
import { assertMigrationOrder } from '../../../src/main/core/store/migrations';
import { appendAuditEvent } from '../../../src/main/core/audit';
import { sampleEvent } from '../audit/events';
import { tempDir } from './tempDb';

const tables = (db: BetterSqlite3.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migration registry', () => {
  it('is strictly increasing in steps of 10 and ends at LATEST_SCHEMA_VERSION', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => (i + 1) * 10));
    expect(LATEST_SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('refuses a registry out of order or with a repeated version', () => {
    const m = (version: number): Migration => ({ version, name: `m${version}`, up: () => undefined });
    expect(() => assertMigrationOrder([m(10), m(30), m(20)])).toThrow(MigrationRegistryError);
    expect(() => assertMigrationOrder([m(10), m(10)])).toThrow(MigrationRegistryError);
    expect(() => assertMigrationOrder([m(0)])).toThrow(MigrationRegistryError);
    expect(() => assertMigrationOrder([m(10), m(20)])).not.toThrow();
  });
});

describe('migrate', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));
  const dir = (): string => {
    const t = tempDir();
    disposers.push(t.dispose);
    return t.dir;
  };

  it('builds a fresh database at the latest version without a backup', () => {
    const d = dir();
    const file = join(d, 'fresh.sqlite');
    const db = openDatabase(file);
    try {
      expect(migrate(db, file)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, backupPath: null });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(tables(db)).toEqual(expect.arrayContaining(['audit_anchor', 'audit_events', 'settings']));
      expect(readdirSync(d).filter((f) => f.includes('backup'))).toEqual([]);
      // A second run finds nothing to do.
      expect(migrate(db, file)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, backupPath: null });
    } finally {
      closeDatabase(db);
    }
  });

  it('backs up an existing database with VACUUM INTO before migrating it', () => {
    const d = dir();
    const file = join(d, 'old.sqlite');
    const db = openDatabase(file);
    try {
      migrate(db, file, { to: 10 });
      appendAuditEvent(db, sampleEvent(0));
      const at = new Date(Date.UTC(2026, 10, 24, 21, 30, 5, 123));
      const result = migrate(db, file, { now: () => at });
      expect(result.from).toBe(10);
      expect(result.to).toBe(LATEST_SCHEMA_VERSION);
      expect(result.backupPath).toBe(`${file}.backup-v10-20261124T213005123Z.sqlite`);
      const backup = new BetterSqlite3(result.backupPath as string, { readonly: true });
      try {
        // The backup is the database as it was: version 10, no settings table.
        expect(backup.pragma('user_version', { simple: true })).toBe(10);
        expect(backup.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 1 });
        expect(tables(backup)).not.toContain('settings');
        expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        backup.close();
      }
    } finally {
      closeDatabase(db);
    }
  });

  it('backs up a non-empty database at version 0 (someone else’s tables) too', () => {
    const d = dir();
    const file = join(d, 'foreign.sqlite');
    const db = openDatabase(file);
    try {
      db.exec('CREATE TABLE notes (body TEXT)');
      const result = migrate(db, file);
      expect(result.backupPath).not.toBeNull();
      expect(readdirSync(d)).toContain(result.backupPath?.slice(d.length + 1));
    } finally {
      closeDatabase(db);
    }
  });

  it('applies all pending migrations in one transaction: a failing step leaves the old version', () => {
    const d = dir();
    const file = join(d, 'fail.sqlite');
    const db = openDatabase(file);
    try {
      const last = MIGRATIONS[MIGRATIONS.length - 1]!.version;
      const failing: Migration = {
        version: last + 10,
        name: 'boom',
        up: (conn) => {
          conn.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          throw new Error('boom');
        },
      };
      const registry = [...MIGRATIONS, failing];
      // 0 → last + 10 in one go: every real step succeeds, the extra one throws; none of them may stick.
      expect(() => migrate(db, file, { migrations: registry })).toThrow(MigrationFailedError);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(tables(db)).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });

  it('refuses an unknown target version', () => {
    const d = dir();
    const file = join(d, 't.sqlite');
    const db = openDatabase(file);
    try {
      expect(() => migrate(db, file, { to: 15 })).toThrow(MigrationRegistryError);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
    } finally {
      closeDatabase(db);
    }
  });
});

describe('a database from a newer Resetline', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  function futureDatabase(): { dir: string; file: string; bytes: Buffer } {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'future.sqlite');
    // Rollback journal on purpose: if anything switched it to WAL, the header bytes would change.
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec("CREATE TABLE from_the_future (x TEXT) STRICT; INSERT INTO from_the_future VALUES ('keep me')");
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    raw.close();
    return { dir: t.dir, file, bytes: readFileSync(file) };
  }

  it('is refused by openDatabase with DatabaseFromFutureError and left byte-identical', () => {
    const { dir, file, bytes } = futureDatabase();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseFromFutureError);
    expect(caught).toMatchObject({
      code: 'database_from_future',
      fileVersion: LATEST_SCHEMA_VERSION + 10,
      codeVersion: LATEST_SCHEMA_VERSION,
    });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['future.sqlite']); // no backup, no WAL, no replacement
  });

  it('is refused by migrate on a connection opened elsewhere, and left byte-identical', () => {
    const { dir, file, bytes } = futureDatabase();
    const raw = new BetterSqlite3(file);
    try {
      expect(() => migrate(raw, file)).toThrow(DatabaseFromFutureError);
      expect(raw.prepare('SELECT x FROM from_the_future').get()).toEqual({ x: 'keep me' });
    } finally {
      raw.close();
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['future.sqlite']);
  });
});
