// Seeds at version 30 (audit rows with verification summaries, tickets, notes) and checks 40: the
// side tables are filled from the existing rows, no audit row is rewritten, the chain still verifies.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, listAuditEvents, verifyAuditChain } from '../../../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvents } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0040 audit search', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  function at30() {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 30 });
    return { db, file };
  }

  it('takes a version-30 trail to 40 without touching a stored row or hash', () => {
    const { db, file } = at30();
    appendAuditEvents(
      db,
      sampleEvents(40).map((e, i) => ({
        ...e,
        verification:
          i % 2 === 0 ? { required: 2, passed: ['sms'], failed: i % 4 === 0 ? ['email', 'sms'] : [] } : null,
      })),
    );
    const before = db.prepare('SELECT * FROM audit_events ORDER BY id').all();

    expect(migrate(db, file, { to: 40 })).toMatchObject({ from: 30, to: 40 });
    expect(db.prepare('SELECT * FROM audit_events ORDER BY id').all()).toEqual(before);
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 40 });

    // Backfilled: 20 rows name sms, 10 of them also failed it; 10 name email, all failed.
    const counts = db
      .prepare(
        'SELECT type, count(*) AS n, sum(passed) AS p, sum(failed) AS f FROM audit_verification GROUP BY type ORDER BY type',
      )
      .all();
    expect(counts).toEqual([
      { type: 'email', n: 10, p: 0, f: 10 },
      { type: 'sms', n: 20, p: 20, f: 10 },
    ]);
    // sampleEvent gives every fourth row a ticket INC<1000+i>, every sixth a note.
    const tickets = listAuditEvents(db, { text: 'INC1004' }).events.map((e) => e.ticketRef);
    expect(tickets).toEqual(['INC1004']);
    expect(listAuditEvents(db, { text: 'note', limit: 500 }).events).toHaveLength(7);
    expect(db.prepare("INSERT INTO audit_text(audit_text, rank) VALUES ('integrity-check', 1)").run()).toBeDefined();
  });

  it('keeps the side tables current for rows appended after the migration, and the chain intact', () => {
    const { db, file } = at30();
    appendAuditEvents(db, sampleEvents(4));
    migrate(db, file, { to: 40 });
    appendAuditEvents(db, [
      {
        agentUpn: 'a@contoso.com',
        action: 'call.closed',
        outcome: 'success',
        notes: 'Quokka',
        verification: { required: 1, passed: ['manager'], failed: [] },
      },
    ]);
    expect(listAuditEvents(db, { text: 'quokka' }).events.map((e) => e.id)).toEqual([5]);
    expect(listAuditEvents(db, { verificationType: 'manager' }).events.map((e) => e.id)).toEqual([5]);
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 5 });
    // Still append-only: the new triggers add no way around it.
    expect(() => db.prepare('DELETE FROM audit_events WHERE id = 5').run()).toThrow(/append-only/);
  });
});
