// Seeds at version 90 (audit rows) and checks 100: the forwarding watermarks appear, one row per
// destination, and only move forward; the audit chain is untouched.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, verifyAuditChain } from '../../../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvents } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0100 audit forwarding', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  it('takes a version-90 database to 100 with forward-only watermarks per destination', () => {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 90 });
    appendAuditEvents(db, sampleEvents(7));

    expect(migrate(db, file, { to: 100 })).toMatchObject({ from: 90, to: 100 });
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 7 });

    const insert = db.prepare('INSERT INTO audit_forwarding (destination) VALUES (?)');
    insert.run('https://a|dcr-1|Custom-A');
    expect(() => insert.run('https://a|dcr-1|Custom-A')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('')).toThrow(/CHECK constraint/);
    expect(db.prepare('SELECT sent_event_id, sent_checkpoint_id FROM audit_forwarding').get()).toEqual({
      sent_event_id: 0,
      sent_checkpoint_id: 0,
    });
    const move = db.prepare(
      'UPDATE audit_forwarding SET sent_event_id = ?, sent_checkpoint_id = ? WHERE destination = ?',
    );
    move.run(5, 1, 'https://a|dcr-1|Custom-A');
    expect(() => move.run(4, 1, 'https://a|dcr-1|Custom-A')).toThrow(/only move forward/);
    expect(() => move.run(5, 0, 'https://a|dcr-1|Custom-A')).toThrow(/only move forward/);
    expect(() =>
      db.prepare("UPDATE audit_forwarding SET destination = 'x' WHERE destination = 'https://a|dcr-1|Custom-A'").run(),
    ).toThrow(/only move forward/);
    expect(() =>
      db
        .prepare("UPDATE audit_forwarding SET last_error = ? WHERE destination = 'https://a|dcr-1|Custom-A'")
        .run('e'.repeat(501)),
    ).toThrow(/CHECK constraint/);
  });
});
