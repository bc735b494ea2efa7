// The registration exports through the shared export files (Electron's save-dialog seam and cancel), and
// password age's rules on a real SQLite file: each UPN domain's validity (Graph's 90 when the domain
// is unknown, 2147483647 = never), DisablePasswordExpiration, synced accounts, the expiring window.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportCancelledError, ExportFiles } from '../../../src/main/core/exports';
import { registrationExportSource } from '../../../src/main/core/registration';
import { passwordAgePage } from '../../../src/main/core/registration/passwordAge';
import { createRun, promoteRun, RegistrationWriter } from '../../../src/main/core/registration/store';
import { JobStartInput, type JobParamsOf } from '../../../src/shared/jobs';
import { tempDb, type TempDb } from '../store/tempDb';
import { seedSnapshot, syntheticRow, syntheticUser } from './fixtures';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');
let t: TempDb;
let snapshot: number;

/** The registration table's export as jobs:start hands it on (parsed, defaults filled in). */
const tableExport = (query: object) =>
  JobStartInput.parse({ kind: 'registration-export', query }) as JobParamsOf<'registration-export'>;

beforeAll(() => {
  t = tempDb();
  snapshot = seedSnapshot(t.db, 'demo:x', 500);
});
afterAll(() => t.dispose());

describe('registration exports', () => {
  it('writes the filtered table where the save dialog says', async () => {
    const chosen = join(t.dir, 'chosen.csv');
    const files = new ExportFiles({
      dir: t.dir,
      chooseExportPath: async (name) => (name.endsWith('.csv') ? chosen : null),
    });
    const source = registrationExportSource(t.db, snapshot, null, tableExport({ method: 'fido2' }), NOW);
    expect(source.fileName).toMatch(/^resetline-registration-2026-06-01T12-00-00-000Z\.csv$/);
    const writing = await files.write(source, new AbortController().signal);
    const want = Array.from({ length: 500 }, (_, i) => syntheticRow(i)).filter((r) =>
      r.methodsRegistered.includes('fido2'),
    );
    expect(writing.total).toBe(want.length);
    expect(await writing.done).toEqual({ type: 'file', path: chosen, rows: want.length });
    expect(writing.rows()).toBe(want.length);
    const lines = readFileSync(chosen, 'utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(want.length + 1);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(want.map((r) => r.userPrincipalName).sort());
    const refusing = new ExportFiles({ dir: t.dir, chooseExportPath: async () => null });
    await expect(refusing.write(source, new AbortController().signal)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('leaves no file when cancelled, and refuses when there is no snapshot', async () => {
    const dir = join(t.dir, 'cancel');
    const files = new ExportFiles({ dir });
    const stop = new AbortController();
    const writing = await files.write(
      registrationExportSource(t.db, snapshot, null, tableExport({}), NOW),
      stop.signal,
    );
    stop.abort();
    await expect(writing.done).rejects.toBeInstanceOf(ExportCancelledError);
    expect(readdirSync(dir)).toEqual([]);
    expect(() => registrationExportSource(t.db, null, null, tableExport({}), NOW)).toThrow(/no snapshot/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

describe('password age', () => {
  it('applies each domain’s validity, never-expires, on-premises and the expiring window', () => {
    const db = tempDb();
    try {
      const run = createRun(db.db, 'demo:pa', 'report', NOW);
      const w = new RegistrationWriter(db.db);
      const users = [
        // contoso.com: 30 days. Changed 40 days ago → expired 10 days ago.
        syntheticUser(1, { userPrincipalName: 'old@contoso.com', passwordChangedAt: NOW - 40 * DAY }),
        // Changed 25 days ago → expires in 5 days: expiring within 7.
        syntheticUser(2, { userPrincipalName: 'soon@CONTOSO.com', passwordChangedAt: NOW - 25 * DAY }),
        // Unknown domain: Graph's default 90 → 80 days left.
        syntheticUser(3, { userPrincipalName: 'a@elsewhere.org', passwordChangedAt: NOW - 10 * DAY }),
        // fabrikam.com never expires (2147483647).
        syntheticUser(4, { userPrincipalName: 'b@fabrikam.com', passwordChangedAt: NOW - 900 * DAY }),
        syntheticUser(5, {
          userPrincipalName: 'c@contoso.com',
          passwordChangedAt: NOW - 900 * DAY,
          neverExpires: true,
        }),
        syntheticUser(6, { userPrincipalName: 'd@contoso.com', passwordChangedAt: NOW - 900 * DAY, onPremises: true }),
      ];
      w.writeRows(run.id, [1, 2, 3, 4, 5, 6].map(syntheticRow), null);
      w.writeUsers(run.id, users, null);
      promoteRun(db.db, run.id, NOW);
      const ctx = {
        snapshotId: run.id,
        now: NOW,
        domains: [
          {
            id: 'contoso.com',
            isDefault: true,
            passwordValidityPeriodInDays: 30,
            passwordNotificationWindowInDays: 14,
          },
          {
            id: 'fabrikam.com',
            isDefault: false,
            passwordValidityPeriodInDays: 2147483647,
            passwordNotificationWindowInDays: 14,
          },
        ],
      };
      const page = passwordAgePage(db.db, ctx, { withinDays: 7 });
      const by = new Map(page.rows.map((r) => [r.userPrincipalName, r]));
      expect(by.get('old@contoso.com')).toMatchObject({ state: 'expired', daysLeft: -10, validityDays: 30 });
      expect(by.get('soon@CONTOSO.com')).toMatchObject({ state: 'expiring', daysLeft: 5, domain: 'contoso.com' });
      expect(by.get('a@elsewhere.org')).toMatchObject({ state: 'ok', daysLeft: 80, validityDays: 90 });
      expect(by.get('b@fabrikam.com')).toMatchObject({ state: 'never-expires', expiresAt: null, validityDays: null });
      expect(by.get('c@contoso.com')).toMatchObject({ state: 'never-expires', expiresAt: null });
      expect(by.get('d@contoso.com')).toMatchObject({ state: 'on-premises', expiresAt: null });
      expect(page.counts).toEqual({ expired: 1, expiring: 1, ok: 1, 'never-expires': 2, 'on-premises': 1 });
      expect(page.rows[0]!.userPrincipalName).toBe('old@contoso.com');
      const narrow = passwordAgePage(db.db, ctx, { withinDays: 3, state: 'ok' });
      expect(narrow.rows.map((r) => r.userPrincipalName).sort()).toEqual(['a@elsewhere.org', 'soon@CONTOSO.com']);
      expect(narrow.counts.expiring).toBe(0);
      expect(passwordAgePage(db.db, ctx, { search: 'SOON' }).rows.map((r) => r.userPrincipalName)).toEqual([
        'soon@CONTOSO.com',
      ]);
    } finally {
      db.dispose();
    }
  });
});
