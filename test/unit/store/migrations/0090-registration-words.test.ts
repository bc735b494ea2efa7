// Seeds at version 80 (audit rows, a current registration snapshot, a staging run) and checks 90: the
// word table appears, keyed for prefix ranges, filled with the current snapshot's words (report rows
// and the /users stream) and nothing of the staging run; older data and the audit chain are untouched.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, verifyAuditChain } from '../../../../src/main/core/audit';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvents } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0090 registration words', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  it('takes a version-80 database to 90 with the current snapshot searchable by word', () => {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 80 });
    appendAuditEvents(db, sampleEvents(4));
    const run = (state: string) =>
      Number(
        db
          .prepare(
            "INSERT INTO registration_runs (tenant_key, source, state, started_at) VALUES ('demo:a', 'report', ?, 1)",
          )
          .run(state).lastInsertRowid,
      );
    const current = run('current');
    const staging = run('staging');
    const snapshotRow = db.prepare(
      `INSERT INTO registration_snapshot (snapshot_id, user_id, upn, display_name, user_type, is_admin, sspr_registered,
         sspr_enabled, sspr_capable, mfa_registered, mfa_capable, passwordless, phishing_resistant, methods, method_count)
       VALUES (?, ?, ?, ?, 'member', 0, 0, 0, 0, 0, 0, 0, 0, '[]', 0)`,
    );
    const userRow = db.prepare(
      `INSERT INTO registration_users (snapshot_id, user_id, upn, display_name, user_type, domain, never_expires, on_premises)
       VALUES (?, ?, ?, ?, 'member', 'contoso.com', 0, 0)`,
    );
    snapshotRow.run(current, 'u1', 'amelia.jensen@contoso.com', 'Amelia Jensen');
    userRow.run(current, 'u1', 'amelia.jensen@contoso.com', 'Amelia Jensen');
    userRow.run(current, 'u2', 'zoe.aberg@contoso.com', 'Zoë Åberg');
    userRow.run(staging, 'u3', 'staged@contoso.com', 'Staged Person');

    expect(migrate(db, file, { to: 90 })).toMatchObject({ from: 80, to: 90 });
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 4 });
    expect(db.prepare('SELECT count(*) AS n FROM registration_snapshot').get()).toEqual({ n: 1 });

    const words = db
      .prepare('SELECT snapshot_id, word, user_id FROM registration_words ORDER BY user_id, word')
      .all() as { snapshot_id: number; word: string; user_id: string }[];
    expect(words.every((w) => w.snapshot_id === current)).toBe(true);
    // The name's words and the UPN's before its "@" (the domain would match everyone).
    expect(words.filter((w) => w.user_id === 'u1').map((w) => w.word)).toEqual(['amelia', 'jensen']);
    expect(words.filter((w) => w.user_id === 'u2').map((w) => w.word)).toEqual(['aberg', 'zoe']);
    expect(words.some((w) => w.user_id === 'u3')).toBe(false);

    // Keyed for prefix ranges; one row per word and user; STRICT types.
    const insert = db.prepare('INSERT INTO registration_words (snapshot_id, word, user_id) VALUES (?, ?, ?)');
    expect(() => insert.run(current, 'jensen', 'u1')).toThrow(/UNIQUE/);
    expect(() => insert.run('x', 'jensen', 'u9')).toThrow(/cannot store TEXT value in INTEGER column/);
    const plan = (
      db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT user_id FROM registration_words WHERE snapshot_id = ? AND word >= 'jen' AND word < 'jen\uffff'",
        )
        .all(current) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH registration_words USING PRIMARY KEY \(snapshot_id=\? AND word>\? AND word<\?\)/);
  });
});
