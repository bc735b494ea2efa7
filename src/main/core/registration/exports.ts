// CSV exports of the registration table and the password-age list, each as filtered on screen, as
// sources for the shared export files (core/exports); the jobs around them are core/jobs'.
import type BetterSqlite3 from 'better-sqlite3';
import type { JobParamsOf } from '../../../shared/jobs';
import { ResetlineError } from '../../../shared/result';
import { writeCsvPages, type ExportSource } from '../exports';
import { countPasswordAge, passwordAgeRows, type PasswordAgeContext } from './passwordAge';
import { registrationOrder, registrationWhere, ROW_COLUMNS, toRow, type StoredRow } from './query';

const PAGE = 2_000;

export const REGISTRATION_CSV_COLUMNS = [
  'userPrincipalName',
  'displayName',
  'department',
  'userType',
  'isAdmin',
  'isSsprRegistered',
  'isSsprEnabled',
  'isSsprCapable',
  'isMfaRegistered',
  'isMfaCapable',
  'isPasswordlessCapable',
  'methodsRegistered',
  'preferredMethod',
] as const;

export const PASSWORD_AGE_CSV_COLUMNS = [
  'userPrincipalName',
  'displayName',
  'department',
  'domain',
  'state',
  'lastPasswordChangeDateTime',
  'validityDays',
  'expiresAt',
  'daysLeft',
] as const;

const stamp = (now: number) => new Date(now).toISOString().replace(/[:.]/g, '-');

export function registrationExportSource(
  db: BetterSqlite3.Database,
  snapshotId: number | null,
  passwordAge: PasswordAgeContext | null,
  request: JobParamsOf<'registration-export' | 'password-age-export'>,
  now: number,
): ExportSource {
  if (snapshotId === null) throw new ResetlineError('not_found', 'There is no snapshot to export yet: ingest first.');
  if (request.kind === 'registration-export') {
    const { where, params } = registrationWhere(snapshotId, request.query);
    const select = db.prepare(
      `SELECT ${ROW_COLUMNS} FROM registration_snapshot s WHERE ${where} ${registrationOrder(request.query)} LIMIT ? OFFSET ?`,
    );
    function* pages() {
      for (let offset = 0; ; offset += PAGE) {
        const rows = select.all(...params, PAGE, offset) as StoredRow[];
        if (rows.length > 0) yield rows.map(toRow);
        if (rows.length < PAGE) return;
      }
    }
    return {
      fileName: `resetline-registration-${stamp(now)}.csv`,
      count: () =>
        (db.prepare(`SELECT count(*) AS n FROM registration_snapshot s WHERE ${where}`).get(...params) as { n: number })
          .n,
      write: (out, o) =>
        writeCsvPages(
          out,
          REGISTRATION_CSV_COLUMNS,
          pages(),
          (r) => [
            r.userPrincipalName,
            r.displayName,
            r.department,
            r.userType,
            r.isAdmin,
            r.isSsprRegistered,
            r.isSsprEnabled,
            r.isSsprCapable,
            r.isMfaRegistered,
            r.isMfaCapable,
            r.isPasswordlessCapable,
            r.methodsRegistered.join(' '),
            r.preferredMethod,
          ],
          o,
        ),
    };
  }
  if (!passwordAge) throw new ResetlineError('not_found', 'There is no snapshot to export yet: ingest first.');
  const filter = request.query;
  return {
    fileName: `resetline-password-age-${stamp(now)}.csv`,
    count: () => countPasswordAge(db, passwordAge, filter),
    write: (out, o) =>
      writeCsvPages(
        out,
        PASSWORD_AGE_CSV_COLUMNS,
        passwordAgeRows(db, passwordAge, filter, PAGE),
        (r) => [
          r.userPrincipalName,
          r.displayName,
          r.department,
          r.domain,
          r.state,
          r.lastPasswordChangeDateTime,
          r.validityDays,
          r.expiresAt,
          r.daysLeft,
        ],
        o,
      ),
  };
}
