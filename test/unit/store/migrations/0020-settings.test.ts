// Seeds at version 10 (with audit rows) and checks 20: the settings table appears, nothing else moves.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, listAuditEvents, verifyAuditChain } from '../../../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvents } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0020 settings', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  it('takes a version-10 database with audit rows to 20, backing it up and keeping the chain intact', () => {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 10 });
    appendAuditEvents(db, sampleEvents(25));
    const before = listAuditEvents(db, { limit: 500 });

    const result = migrate(db, file, { to: 20 });
    expect(result.from).toBe(10);
    expect(result.to).toBe(20);
    expect(result.backupPath).toMatch(/\.backup-v10-\d{8}T\d{9}Z\.sqlite$/);
    expect(existsSync(result.backupPath as string)).toBe(true);

    expect(listAuditEvents(db, { limit: 500 })).toEqual(before);
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 25 });

    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(
      'cloud',
      JSON.stringify('global'),
      Date.now(),
    );
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('cloud')).toEqual({ value: '"global"' });
    // Key is unique, value must be JSON, updated_at must be an integer (STRICT).
    expect(() => db.prepare("INSERT INTO settings VALUES ('cloud', '1', 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO settings VALUES ('x', 'not json', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO settings VALUES ('y', '1', 'later')").run()).toThrow(/INTEGER/);
  });
});
