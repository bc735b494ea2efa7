// registration:list and registration:get-stats over the current snapshot. Every filter is a range or
// equality on an indexed column (see migrations 0060 and 0090 and test/unit/registration/query.test.ts,
// which asserts the query plans); the search is one index range per typed word, not a LIKE scan.
import type BetterSqlite3 from 'better-sqlite3';
import {
  RegistrationQueryInput,
  type RegistrationQuery,
  type RegistrationRow,
  type RegistrationSort,
  type RegistrationStats,
} from '../../../shared/registration';
import { assertNever } from '../../../shared/result';
import { queryWords } from '../../../shared/searchWords';
import { snapshotInfo, type RunRow } from './store';

type Db = BetterSqlite3.Database;
type Param = string | number;

/** The highest code point: `prefix || MAX` bounds every string that starts with `prefix`. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

const SORT_COLUMN: Record<RegistrationSort, string> = {
  displayName: 'display_name',
  userPrincipalName: 'upn',
  department: 'department',
  methodCount: 'method_count',
};

export interface StoredRow {
  user_id: string;
  upn: string;
  display_name: string;
  department: string | null;
  user_type: string;
  is_admin: number;
  sspr_registered: number;
  sspr_enabled: number;
  sspr_capable: number;
  mfa_registered: number;
  mfa_capable: number;
  passwordless: number;
  methods: string;
  preferred_method: string | null;
}

export function toRow(r: StoredRow): RegistrationRow {
  return {
    userId: r.user_id,
    userPrincipalName: r.upn,
    displayName: r.display_name,
    department: r.department,
    userType: r.user_type === 'guest' ? 'guest' : 'member',
    isAdmin: r.is_admin === 1,
    isSsprRegistered: r.sspr_registered === 1,
    isSsprEnabled: r.sspr_enabled === 1,
    isSsprCapable: r.sspr_capable === 1,
    isMfaRegistered: r.mfa_registered === 1,
    isMfaCapable: r.mfa_capable === 1,
    isPasswordlessCapable: r.passwordless === 1,
    methodsRegistered: JSON.parse(r.methods) as string[],
    preferredMethod: r.preferred_method,
  };
}

/**
 * The users a search finds, as a parenthesised subquery for `user_id IN …`: every typed word must
 * start a word of the user's name or UPN (registration_words, filled when the snapshot became
 * current), in any order, ignoring case and accents: "Jensen", "jen" and "jensen amelia" all find
 * Amelia Jensen. One primary-key range per typed word, intersected. Nothing to match (only emoji or
 * punctuation typed) finds nobody.
 */
export function searchClause(snapshotId: number, search: string): { sql: string; params: Param[] } {
  const words = queryWords(search);
  if (words.length === 0) return { sql: '(SELECT NULL WHERE 0)', params: [] };
  const one = 'SELECT user_id FROM registration_words WHERE snapshot_id = ? AND word >= ? AND word < ?';
  return {
    sql: `(${words.map(() => one).join(' INTERSECT ')})`,
    params: words.flatMap((w) => [snapshotId, w, w + MAX_CHAR]),
  };
}

/** The WHERE clause (on table alias `s`) and its parameters for a query over one snapshot. */
export function registrationWhere(snapshotId: number, input: RegistrationQuery): { where: string; params: Param[] } {
  const q = RegistrationQueryInput.parse(input);
  const clauses = ['s.snapshot_id = ?'];
  const params: Param[] = [snapshotId];
  switch (q.preset) {
    case 'not-sspr-capable':
      clauses.push('s.sspr_capable = 0');
      break;
    case 'not-mfa-capable':
      clauses.push('s.mfa_capable = 0');
      break;
    case 'no-methods':
      clauses.push('s.method_count = 0');
      break;
    case 'admin-not-phishing-resistant':
      clauses.push('s.is_admin = 1 AND s.phishing_resistant = 0');
      break;
    case 'all':
      break;
    default:
      assertNever(q.preset, 'preset');
  }
  if (q.department !== undefined) {
    clauses.push('s.department = ?');
    params.push(q.department);
  }
  if (q.method !== undefined) {
    clauses.push(
      's.user_id IN (SELECT m.user_id FROM registration_methods m WHERE m.snapshot_id = ? AND m.method = ?)',
    );
    params.push(snapshotId, q.method);
  }
  if (q.search !== undefined) {
    const search = searchClause(snapshotId, q.search);
    clauses.push(`s.user_id IN ${search.sql}`);
    params.push(...search.params);
  }
  return { where: clauses.join(' AND '), params };
}

export function registrationOrder(input: RegistrationQuery): string {
  const q = RegistrationQueryInput.parse(input);
  const dir = q.descending ? 'DESC' : 'ASC';
  return `ORDER BY s.${SORT_COLUMN[q.sort]} ${dir}, s.display_name ${dir}, s.user_id ${dir}`;
}

export const ROW_COLUMNS = `s.user_id, s.upn, s.display_name, s.department, s.user_type, s.is_admin, s.sspr_registered,
  s.sspr_enabled, s.sspr_capable, s.mfa_registered, s.mfa_capable, s.passwordless, s.methods, s.preferred_method`;

export function listRows(
  db: Db,
  run: RunRow,
  query: RegistrationQuery,
  offset: number,
  limit: number,
): { total: number; rows: RegistrationRow[] } {
  const { where, params } = registrationWhere(run.id, query);
  const total = (
    db.prepare(`SELECT count(*) AS n FROM registration_snapshot s WHERE ${where}`).get(...params) as {
      n: number;
    }
  ).n;
  const rows = db
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM registration_snapshot s WHERE ${where} ${registrationOrder(query)} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as StoredRow[];
  return { total, rows: rows.map(toRow) };
}

export function snapshotStats(db: Db, run: RunRow | undefined, tenantKey: string): RegistrationStats {
  const trend = (
    db
      .prepare(
        `SELECT id, taken_at, users, sspr_capable, mfa_capable FROM registration_runs
         WHERE tenant_key = ? AND state IN ('current', 'previous') AND taken_at IS NOT NULL ORDER BY taken_at, id`,
      )
      .all(tenantKey) as { id: number; taken_at: number; users: number; sspr_capable: number; mfa_capable: number }[]
  ).map((r) => ({
    snapshotId: r.id,
    takenAt: new Date(r.taken_at).toISOString(),
    users: r.users,
    ssprCapable: r.sspr_capable,
    mfaCapable: r.mfa_capable,
  }));
  if (!run) {
    return {
      snapshot: null,
      total: 0,
      ssprCapable: 0,
      mfaCapable: 0,
      passwordlessCapable: 0,
      noMethods: 0,
      adminsWithoutPhishingResistant: 0,
      methods: [],
      departments: [],
      trend,
    };
  }
  const c = db
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(sspr_capable), 0) AS sspr, coalesce(sum(mfa_capable), 0) AS mfa,
         coalesce(sum(passwordless), 0) AS pwl, coalesce(sum(method_count = 0), 0) AS none,
         coalesce(sum(is_admin = 1 AND phishing_resistant = 0), 0) AS weakAdmins
       FROM registration_snapshot WHERE snapshot_id = ?`,
    )
    .get(run.id) as { total: number; sspr: number; mfa: number; pwl: number; none: number; weakAdmins: number };
  const methods = db
    .prepare(
      `SELECT method, count(*) AS users FROM registration_methods WHERE snapshot_id = ?
       GROUP BY method ORDER BY users DESC, method`,
    )
    .all(run.id) as { method: string; users: number }[];
  const departments = (
    db
      .prepare(
        `SELECT DISTINCT department FROM registration_snapshot WHERE snapshot_id = ? AND department IS NOT NULL
         ORDER BY department`,
      )
      .all(run.id) as { department: string }[]
  ).map((d) => d.department);
  return {
    snapshot: snapshotInfo(run),
    total: c.total,
    ssprCapable: c.sspr,
    mfaCapable: c.mfa,
    passwordlessCapable: c.pwl,
    noMethods: c.none,
    adminsWithoutPhishingResistant: c.weakAdmins,
    methods,
    departments,
    trend,
  };
}
