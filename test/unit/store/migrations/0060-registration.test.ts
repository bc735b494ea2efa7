// Seeds at version 50 (audit rows, an SSPR row) and checks 60: the registration tables appear,
// typed, keyed by snapshot and user, with the indexes the list filters walk; older data is untouched.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, verifyAuditChain } from '../../../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvents } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0060 registration', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  it('takes a version-50 database to 60 with the snapshot tables and their indexes', () => {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 50 });
    appendAuditEvents(db, sampleEvents(5));
    db.prepare(
      `INSERT INTO sspr_events (tenant_key, id, occurred_at, kind, activity, service, result)
       VALUES ('demo:a', 'x', 1, 'blocked', 'a', 's', 'failure')`,
    ).run();

    expect(migrate(db, file, { to: 60 })).toMatchObject({ from: 50, to: 60 });
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 5 });
    expect(db.prepare('SELECT count(*) AS n FROM sspr_events').get()).toEqual({ n: 1 });

    const run = db
      .prepare(
        "INSERT INTO registration_runs (tenant_key, source, state, started_at) VALUES ('demo:a', 'report', 'staging', 1)",
      )
      .run().lastInsertRowid;
    expect(() =>
      db
        .prepare(
          "INSERT INTO registration_runs (tenant_key, source, state, started_at) VALUES ('demo:a', 'guess', 'staging', 1)",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    const row = db.prepare(
      `INSERT INTO registration_snapshot (snapshot_id, user_id, upn, display_name, user_type, is_admin, sspr_registered,
         sspr_enabled, sspr_capable, mfa_registered, mfa_capable, passwordless, phishing_resistant, methods, method_count)
       VALUES (?, ?, 'a@contoso.com', 'A', 'member', 0, 0, 0, 0, 0, 0, 0, 0, '[]', ?)`,
    );
    row.run(run, 'u1', 0);
    expect(() => row.run(run, 'u1', 0)).toThrow(/UNIQUE/);
    expect(() => row.run(run, 'u2', 'none')).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare("INSERT INTO registration_methods (snapshot_id, method, user_id) VALUES (?, 'fido2', 'u1')").run(run);
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'registration%'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'registration_not_sspr',
        'registration_not_mfa',
        'registration_no_methods',
        'registration_weak_admins',
        'registration_by_department',
        'registration_by_name',
        'registration_by_upn',
      ]),
    );
  });
});
