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
import { passwordAgePage } from '../../../src/main/core/registration/passwordAge';
import {
  createRun,
  currentRun,
  isPhishingResistant,
  promoteRun,
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
    // Every typed word starts a word of the display name or the UPN, ignoring case.
    expectIds({ search: 'BEA 1' }, (r) => r.displayName.toLowerCase().startsWith('bea 1'));
    expectIds({ search: '1 bea' }, (r) => r.displayName.toLowerCase().startsWith('bea 1'));
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
    // The search: one primary-key range of the word index per typed word, never a scan of it.
    const search = plan({ search: 'bea 12' });
    expect(
      search.match(/SEARCH registration_words USING PRIMARY KEY \(snapshot_id=\? AND word>\? AND word<\?\)/g),
    ).toHaveLength(2);
    expect(search).not.toMatch(/SCAN registration_words/);
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

describe('search by any word of the name or UPN', () => {
  const people = [
    { name: 'Amelia Jensen', upn: 'amelia.jensen@contoso.com' },
    { name: 'Jens Olsen', upn: 'jolsen@contoso.com' },
    { name: 'Zoë Åberg', upn: 'zoe.aberg@fabrikam.com' },
    { name: 'Mei Watanabe', upn: 'mwatanabe@contoso.com' },
  ];
  const rows = people.map((p, i) => ({ ...syntheticRow(i), displayName: p.name, userPrincipalName: p.upn }));
  const users = people.map((p, i) => ({ ...syntheticUser(i), displayName: p.name, userPrincipalName: p.upn }));
  const NOW = Date.parse('2026-06-01T12:00:00Z');
  let db: TempDb;
  let snapshot: RunRow;

  beforeAll(() => {
    db = tempDb();
    const staged = createRun(db.db, KEY, 'report', NOW);
    const writer = new RegistrationWriter(db.db);
    writer.writeRows(staged.id, rows, null);
    // One user only the /users stream knows (password age lists them; the report did not).
    writer.writeUsers(
      staged.id,
      [...users, { ...syntheticUser(9), displayName: 'Jensen Only-In-Users', userPrincipalName: 'jo@contoso.com' }],
      null,
    );
    promoteRun(db.db, staged.id, NOW);
    snapshot = currentRun(db.db, KEY)!;
  });
  afterAll(() => db.dispose());

  const names = (search: string) =>
    listRows(db.db, snapshot, { search }, 0, 100)
      .rows.map((r) => r.displayName)
      .sort();
  const ageNames = (search: string) =>
    passwordAgePage(db.db, { snapshotId: snapshot.id, domains: null, now: NOW }, { search })
      .rows.map((r) => r.displayName)
      .sort();

  it('finds a surname, a word prefix, words in any order, and a UPN word', () => {
    expect(names('Jensen')).toEqual(['Amelia Jensen']);
    expect(names('jen')).toEqual(['Amelia Jensen', 'Jens Olsen']);
    expect(names('jensen amelia')).toEqual(['Amelia Jensen']);
    expect(names('amelia.jensen@contoso.com')).toEqual(['Amelia Jensen']);
    expect(names('watanabe')).toEqual(['Mei Watanabe']);
    // The UPN counts up to its "@": a domain would find everyone in it.
    expect(names('fabrikam')).toEqual([]);
    expect(names('zoe.aberg@fabrikam.com')).toEqual(['Zoë Åberg']);
    expect(names('olsen jensen')).toEqual([]);
  });

  it('ignores case and accents, and finds nobody for a search without letters or digits', () => {
    expect(names('ZOE')).toEqual(['Zoë Åberg']);
    expect(names('Åberg')).toEqual(['Zoë Åberg']);
    expect(names('aberg')).toEqual(['Zoë Åberg']);
    expect(names('🙂🙂')).toEqual([]);
    expect(names('--')).toEqual([]);
  });

  it('finds the same way in password age, including users only the /users stream has', () => {
    expect(ageNames('Jensen')).toEqual(['Amelia Jensen', 'Jensen Only-In-Users']);
    expect(ageNames('only')).toEqual(['Jensen Only-In-Users']);
    expect(ageNames('zoe')).toEqual(['Zoë Åberg']);
    expect(ageNames('🙂')).toEqual([]);
  });

  it('keeps only the current snapshot words: a refresh replaces them', () => {
    const next = createRun(db.db, KEY, 'report', NOW + 1);
    const writer = new RegistrationWriter(db.db);
    writer.writeRows(next.id, [{ ...rows[0]!, displayName: 'Amelia Hansen' }], null);
    writer.writeUsers(next.id, [{ ...users[0]!, displayName: 'Amelia Hansen' }], null);
    promoteRun(db.db, next.id, NOW + 1);
    snapshot = currentRun(db.db, KEY)!;
    expect(names('jensen')).toEqual(['Amelia Hansen']); // her UPN still says jensen
    expect(names('hansen')).toEqual(['Amelia Hansen']);
    expect(names('watanabe')).toEqual([]);
    expect(db.db.prepare('SELECT DISTINCT snapshot_id AS id FROM registration_words').all()).toEqual([{ id: next.id }]);
  });
});
