// registration:list-password-age: each user's password expiry, computed in SQL from the /users stream
// of the current snapshot: expiry = lastPasswordChangeDateTime + the UPN domain's validity period.
// DisablePasswordExpiration → never-expires; synced accounts → on-premises (cloud expiry does not
// apply: their password policy is Active Directory's).
import type BetterSqlite3 from 'better-sqlite3';
import type { DomainPasswordPolicy } from '../../../shared/policy';
import {
  PASSWORD_AGE_STATES,
  PasswordAgeInput,
  type PasswordAgeRequest,
  type PasswordAgeRow,
  type PasswordAgeState,
} from '../../../shared/registration';
import { searchClause } from './query';

type Db = BetterSqlite3.Database;
type Param = string | number;

const DAY_MS = 86_400_000;
/** Graph's value for "passwords in this domain never expire". */
export const NEVER_EXPIRES_DAYS = 2147483647;
/** Graph's default validity when a domain has none set. */
export const DEFAULT_VALIDITY_DAYS = 90;

export interface PasswordAgeContext {
  snapshotId: number;
  domains: readonly DomainPasswordPolicy[] | null;
  now: number;
}

interface AgedRow {
  user_id: string;
  upn: string;
  display_name: string;
  department: string | null;
  domain: string;
  password_changed_at: number | null;
  validity: number;
  expires_at: number | null;
  state: PasswordAgeState;
}

/** The CTE `aged` with every user of the snapshot, their validity, expiry and state. */
function agedSql(ctx: PasswordAgeContext, withinDays: number): { sql: string; params: Param[] } {
  const validity: Record<string, number> = {};
  for (const d of ctx.domains ?? [])
    validity[d.id.toLowerCase()] = d.passwordValidityPeriodInDays || DEFAULT_VALIDITY_DAYS;
  return {
    sql: `WITH d(domain, days) AS (SELECT key, value FROM json_each(?)),
      base AS (
        SELECT u.*, coalesce((SELECT d.days FROM d WHERE d.domain = u.domain), ?) AS validity
        FROM registration_users u WHERE u.snapshot_id = ?
      ),
      dated AS (
        SELECT *, CASE WHEN on_premises = 1 OR never_expires = 1 OR validity >= ${NEVER_EXPIRES_DAYS}
                         OR password_changed_at IS NULL THEN NULL
                       ELSE password_changed_at + validity * ${DAY_MS} END AS expires_at
        FROM base
      ),
      aged AS (
        SELECT *, CASE WHEN on_premises = 1 THEN 'on-premises'
                       WHEN never_expires = 1 OR validity >= ${NEVER_EXPIRES_DAYS} THEN 'never-expires'
                       WHEN expires_at IS NULL THEN 'ok'
                       WHEN expires_at <= ? THEN 'expired'
                       WHEN expires_at <= ? THEN 'expiring'
                       ELSE 'ok' END AS state
        FROM dated
      )`,
    params: [JSON.stringify(validity), DEFAULT_VALIDITY_DAYS, ctx.snapshotId, ctx.now, ctx.now + withinDays * DAY_MS],
  };
}

type PasswordAgeFilter = Omit<PasswordAgeRequest, 'offset' | 'limit'>;

function filtered(ctx: PasswordAgeContext, input: PasswordAgeFilter): { sql: string; params: Param[] } {
  const q = PasswordAgeInput.parse({ ...input, offset: 0, limit: 1 });
  const { sql, params } = agedSql(ctx, q.withinDays);
  const clauses: string[] = [];
  if (q.state !== undefined) {
    clauses.push('state = ?');
    params.push(q.state);
  }
  if (q.department !== undefined) {
    clauses.push('department = ?');
    params.push(q.department);
  }
  if (q.search !== undefined) {
    // Any word of the name or UPN, as registration:list searches (query.ts searchClause).
    const search = searchClause(ctx.snapshotId, q.search);
    clauses.push(`user_id IN ${search.sql}`);
    params.push(...search.params);
  }
  return { sql: `${sql} SELECT * FROM aged${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`, params };
}

function toRow(r: AgedRow, now: number): PasswordAgeRow {
  const dated = r.state !== 'never-expires' && r.state !== 'on-premises';
  return {
    userId: r.user_id,
    userPrincipalName: r.upn,
    displayName: r.display_name,
    department: r.department,
    lastPasswordChangeDateTime: r.password_changed_at === null ? null : new Date(r.password_changed_at).toISOString(),
    expiresAt: r.expires_at === null ? null : new Date(r.expires_at).toISOString(),
    daysLeft: r.expires_at === null ? null : Math.floor((r.expires_at - now) / DAY_MS),
    state: r.state,
    domain: r.domain,
    validityDays: dated ? r.validity : null,
  };
}

const ORDER = 'ORDER BY expires_at IS NULL, expires_at, display_name, user_id';

export function passwordAgePage(
  db: Db,
  ctx: PasswordAgeContext,
  input: PasswordAgeRequest,
): { total: number; rows: PasswordAgeRow[]; counts: Record<PasswordAgeState, number> } {
  const q = PasswordAgeInput.parse(input);
  const { offset, limit, ...filter } = q;
  const f = filtered(ctx, filter);
  const total = (db.prepare(`SELECT count(*) AS n FROM (${f.sql})`).get(...f.params) as { n: number }).n;
  const rows = db.prepare(`${f.sql} ${ORDER} LIMIT ? OFFSET ?`).all(...f.params, limit, offset) as AgedRow[];
  const all = agedSql(ctx, q.withinDays);
  const counts = Object.fromEntries(PASSWORD_AGE_STATES.map((s) => [s, 0])) as Record<PasswordAgeState, number>;
  for (const c of db.prepare(`${all.sql} SELECT state, count(*) AS n FROM aged GROUP BY state`).all(...all.params) as {
    state: PasswordAgeState;
    n: number;
  }[]) {
    counts[c.state] = c.n;
  }
  return { total, rows: rows.map((r) => toRow(r, ctx.now)), counts };
}

/** Every matching row, a page at a time (the CSV export). */
export function* passwordAgeRows(
  db: Db,
  ctx: PasswordAgeContext,
  filter: PasswordAgeFilter,
  pageSize = 2_000,
): Generator<PasswordAgeRow[]> {
  const f = filtered(ctx, filter);
  const stmt = db.prepare(`${f.sql} ${ORDER} LIMIT ? OFFSET ?`);
  for (let offset = 0; ; offset += pageSize) {
    const rows = stmt.all(...f.params, pageSize, offset) as AgedRow[];
    if (rows.length > 0) yield rows.map((r) => toRow(r, ctx.now));
    if (rows.length < pageSize) return;
  }
}

export function countPasswordAge(db: Db, ctx: PasswordAgeContext, filter: PasswordAgeFilter): number {
  const f = filtered(ctx, filter);
  return (db.prepare(`SELECT count(*) AS n FROM (${f.sql})`).get(...f.params) as { n: number }).n;
}
