// Seeds at version 0 (a new file) and checks 10: the audit trail, its indexes, triggers and anchor.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, verifyAuditChain } from '../../../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvent } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0010 audit-events', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  it('takes an empty database from 0 to 10 with the audit table, indexes, triggers and a genesis anchor', () => {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));

    expect(migrate(db, file, { to: 10 })).toEqual({ from: 0, to: 10, backupPath: null });
    expect(db.pragma('user_version', { simple: true })).toBe(10);

    const schema = db.prepare('SELECT type, name FROM sqlite_schema ORDER BY type, name').all();
    expect(schema).toEqual(
      expect.arrayContaining([
        { type: 'table', name: 'audit_events' },
        { type: 'table', name: 'audit_anchor' },
        { type: 'index', name: 'audit_events_by_time' },
        { type: 'index', name: 'audit_events_by_agent' },
        { type: 'index', name: 'audit_events_by_target' },
        { type: 'index', name: 'audit_events_by_action' },
        { type: 'index', name: 'audit_events_by_outcome' },
        { type: 'index', name: 'audit_events_by_call' },
        { type: 'trigger', name: 'audit_events_no_update' },
        { type: 'trigger', name: 'audit_events_no_delete' },
        { type: 'trigger', name: 'audit_events_extend_chain' },
        { type: 'trigger', name: 'audit_events_advance_anchor' },
        { type: 'trigger', name: 'audit_anchor_forward_only' },
        { type: 'trigger', name: 'audit_anchor_no_delete' },
      ]),
    );
    expect(schema).not.toContainEqual({ type: 'table', name: 'settings' });
    const anchor = db.prepare('SELECT last_id, last_hash FROM audit_anchor').get() as {
      last_id: number;
      last_hash: Buffer;
    };
    expect(anchor.last_id).toBe(0);
    expect(anchor.last_hash.equals(Buffer.alloc(32))).toBe(true);

    // STRICT: a wrongly typed value is refused rather than coerced.
    expect(() =>
      db
        .prepare(
          "INSERT INTO audit_events (id, occurred_at, agent_upn, action, outcome, prev_hash, hash) VALUES (1, 'soon', 'a', 'call.opened', 'info', zeroblob(32), zeroblob(32))",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);

    // The schema at 10 is enough for the audit module.
    appendAuditEvent(db, sampleEvent(0));
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 1 });
  });
});
