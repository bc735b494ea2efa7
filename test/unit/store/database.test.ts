import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src/main/core/store';
import { tempDir } from './tempDb';

const require = createRequire(import.meta.url);
const defaultBinding = join(
  dirname(require.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

describe('openDatabase', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));
  const fileInTemp = (): string => {
    const t = tempDir();
    disposers.push(t.dispose);
    return join(t.dir, 'db.sqlite');
  };

  it('opens in WAL with foreign keys on, synchronous FULL and a busy timeout', () => {
    const db = openDatabase(fileInTemp());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    } finally {
      closeDatabase(db);
    }
  });

  it('loads the native binding it is given, and fails on one that does not exist', () => {
    expect(existsSync(defaultBinding)).toBe(true);
    const file = fileInTemp();
    const db = openDatabase(file, { nativeBinding: defaultBinding });
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    closeDatabase(db);
    expect(() => openDatabase(file, { nativeBinding: join(dirname(file), 'no-such.node') })).toThrow();
  });

  it('opens read-only without creating a file, and refuses writes', () => {
    const file = fileInTemp();
    expect(() => openDatabase(file, { readonly: true })).toThrow();
    expect(existsSync(file)).toBe(false);
    closeDatabase(openDatabase(file));
    const ro = openDatabase(file, { readonly: true });
    try {
      expect(() => ro.exec('CREATE TABLE t (x INTEGER)')).toThrow(/readonly/i);
    } finally {
      closeDatabase(ro);
    }
  });

  it('refuses a file that is not a SQLite database and leaves it as it was', () => {
    const file = fileInTemp();
    const bytes = Buffer.from('these are somebody else’s notes, not a database\n'.repeat(200));
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(/not a database/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dirname(file))).toEqual(['db.sqlite']);
  });

  it('closeDatabase is safe to call twice', () => {
    const db = openDatabase(fileInTemp());
    closeDatabase(db);
    expect(() => closeDatabase(db)).not.toThrow();
    expect(db.open).toBe(false);
  });
});
