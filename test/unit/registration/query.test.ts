// registration:list's SQL on a real SQLite file: every filter returns exactly the matching rows and
// walks an index (EXPLAIN QUERY PLAN), totals and windows are right, a refresh replaces the
// snapshot in one step and keeps the older one's figures for the trend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listRows,
  registrationOrder,
  registrationWhere,
  snapshotStats,
} from '../../../src/main/core/registration/query';
import {
  createRun,
  currentRun,
  isPhishingResistant,
  RegistrationWriter,
  stagingRun,
  type RunRow,
} from '../../../src/main/core/registration/store';
import type { RegistrationQuery, RegistrationRow } from '../../../src/shared/registration';
import { tempDb, type TempDb } from '../store/tempDb';
import { seedSnapshot, syntheticRow, syntheticUser } from './fixtures';

const N = 3_000;
const KEY = 'demo:unit';
let t: TempDb;
let run: RunRow;
const all = Array.from({ length: N }, (_, i) => ({ ...syntheticRow(i), department: syntheticUser(i).department }));

beforeAll(() => {
  t = tempDb();
  seedSnapshot(t.db, KEY, N);
  run = currentRun(t.db, KEY)!;
});
afterAll(() => t.dispose());

function plan(query: RegistrationQuery): string {
  const { where, params } = registrationWhere(run.id, query);
  const sql = `SELECT s.user_id FROM registration_snapshot s WHERE ${where} ${registrationOrder(query)} LIMIT 100`;
  return (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}

const ids = (rows: RegistrationRow[]) => rows.map((r) => r.userId).sort();
const expectIds = (query: RegistrationQuery, keep: (r: RegistrationRow) => boolean) => {
  const got = listRows(t.db, run, query, 0, N);
  const want = all
    .filter(keep)
    .map((r) => r.userId)
    .sort();
  expect(want.length).toBeGreaterThan(0);
  expect(got.total).toBe(want.length);
  expect(ids(got.rows)).toEqual(want);
};

describe('registration list filters', () => {
  it('returns exactly the matching users for each preset, method, department and search', () => {
    expectIds({ preset: 'not-sspr-capable' }, (r) => !r.isSsprCapable);
    expectIds({ preset: 'not-mfa-capable' }, (r) => !r.isMfaCapable);
    expectIds({ preset: 'no-methods' }, (r) => r.methodsRegistered.length === 0);
    expectIds(
      { preset: 'admin-not-phishing-resistant' },
      (r) => r.isAdmin && !r.methodsRegistered.some(isPhishingResistant),
    );
    expectIds({ method: 'fido2' }, (r) => r.methodsRegistered.includes('fido2'));
    expectIds({ department: 'Sales' }, (r) => r.department === 'Sales');
    // Case-insensitive prefix on the display name or the UPN.
    expectIds({ search: 'BEA 1' }, (r) => r.displayName.toLowerCase().startsWith('bea 1'));
    expectIds({ search: 'user12' }, (r) => r.userPrincipalName.startsWith('user12'));
    expectIds(
      { preset: 'not-sspr-capable', method: 'windowsHelloForBusiness', department: 'Finance' },
      (r) => !r.isSsprCapable && r.methodsRegistered.includes('windowsHelloForBusiness') && r.department === 'Finance',
    );
  });

  it('windows the sorted result with offset and limit and counts the whole match', () => {
    const sorted = [...all].sort((a, b) => b.methodsRegistered.length - a.methodsRegistered.length || 0);
    const page = listRows(t.db, run, { sort: 'methodCount', descending: true }, 10, 25);
    expect(page.total).toBe(N);
    expect(page.rows).toHaveLength(25);
    expect(page.rows.map((r) => r.methodsRegistered.length)).toEqual(
      sorted.slice(10, 35).map((r) => r.methodsRegistered.length),
    );
    const byName = listRows(t.db, run, { sort: 'displayName' }, 0, 5).rows.map((r) => r.displayName);
    expect(byName).toEqual([...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('reads each filter through an index', () => {
    expect(plan({ preset: 'not-sspr-capable' })).toMatch(/USING (COVERING )?INDEX registration_not_sspr/);
    expect(plan({ preset: 'not-mfa-capable' })).toMatch(/USING (COVERING )?INDEX registration_not_mfa/);
    expect(plan({ preset: 'no-methods' })).toMatch(/USING (COVERING )?INDEX registration_no_methods/);
    expect(plan({ preset: 'admin-not-phishing-resistant' })).toMatch(
      /USING (COVERING )?INDEX registration_weak_admins/,
    );
    expect(plan({ department: 'Sales' })).toMatch(/USING (COVERING )?INDEX registration_by_department/);
    expect(plan({ method: 'fido2' })).toMatch(/SEARCH m USING PRIMARY KEY \(snapshot_id=\? AND method=\?\)/);
    const search = plan({ search: 'bea' });
    expect(search).toMatch(/INDEX registration_by_name \(snapshot_id=\? AND display_name>\? AND display_name<\?\)/);
    expect(search).toMatch(/INDEX registration_by_upn \(snapshot_id=\? AND upn>\? AND upn<\?\)/);
    // No filter: the snapshot's rows in name order straight from the index, no sort step.
    expect(plan({})).toMatch(/USING (COVERING )?INDEX registration_by_name/);
  });
});

describe('snapshot replacement', () => {
  it('keeps the current snapshot while another is staged, swaps in one step, and keeps the trend', () => {
    const db = tempDb();
    try {
      const first = seedSnapshot(db.db, KEY, 40, Date.parse('2026-01-01T00:00:00Z'));
      const staging = createRun(db.db, KEY, 'report', Date.now());
      new RegistrationWriter(db.db).writeRows(staging.id, [syntheticRow(1)], 'https://graph/next');
      expect(currentRun(db.db, KEY)?.id).toBe(first);
      expect(stagingRun(db.db, KEY)?.report_next).toBe('https://graph/next');
      expect(listRows(db.db, currentRun(db.db, KEY)!, {}, 0, 100).total).toBe(40);

      const second = seedSnapshot(db.db, KEY, 25, Date.parse('2026-02-01T00:00:00Z'));
      const stats = snapshotStats(db.db, currentRun(db.db, KEY), KEY);
      expect(stats.snapshot).toMatchObject({ id: second, users: 25 });
      expect(stats.trend.map((p) => [p.snapshotId, p.users])).toEqual([
        [first, 40],
        [second, 25],
      ]);
      // Only the newest snapshot's rows are kept; the staged run that lost was dropped.
      const left = db.db.prepare('SELECT DISTINCT snapshot_id AS id FROM registration_snapshot').all();
      expect(left).toEqual([{ id: second }]);
      expect(db.db.prepare('SELECT count(*) AS n FROM registration_staging').get()).toEqual({ n: 0 });
      expect(db.db.prepare('SELECT DISTINCT snapshot_id AS id FROM registration_methods').all()).toEqual([
        { id: second },
      ]);
      expect(stagingRun(db.db, KEY)).toBeUndefined();
      expect(stats.departments).toEqual(['Engineering', 'Finance', 'Sales']);
      expect(stats.methods[0]).toMatchObject({ method: expect.any(String), users: expect.any(Number) });
    } finally {
      db.dispose();
    }
  });
});
