// Seeds at version 40 (audit rows) and checks 50: the SSPR cache tables appear, typed and keyed
// by tenant and audit id; the audit trail and its search side tables are untouched.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, listAuditEvents, verifyAuditChain } from '../../../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvents } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0050 SSPR activity', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  it('takes a version-40 database to 50 keeping the audit trail searchable and intact', () => {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 40 });
    appendAuditEvents(db, sampleEvents(12));

    expect(migrate(db, file, { to: 50 })).toMatchObject({ from: 40, to: 50 });
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 12 });
    expect(listAuditEvents(db, { text: 'INC1008' }).events.map((e) => e.id)).toEqual([9]);

    const insert = db.prepare(
      `INSERT INTO sspr_events (tenant_key, id, occurred_at, kind, activity, service, result)
       VALUES (?, ?, ?, 'blocked', 'Blocked from self-service password reset', 'Self-service Password Management', 'failure')`,
    );
    insert.run('demo:a', 'audit-1', 1);
    insert.run('demo:b', 'audit-1', 1); // the same audit id in another tenant is another row
    expect(() => insert.run('demo:a', 'audit-1', 2)).toThrow(/UNIQUE/);
    expect(() => insert.run('demo:a', 'audit-2', 'yesterday')).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare(
      "INSERT INTO sspr_ranges (tenant_key, scope, from_ms, to_ms, fetched_at) VALUES ('demo:a', 'all', 0, 10, 5)",
    ).run();
    expect(db.prepare('SELECT count(*) AS n FROM sspr_events').get()).toEqual({ n: 2 });
  });
});
