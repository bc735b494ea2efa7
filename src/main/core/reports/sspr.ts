// SSPR activity: Entra's directory audits for self-service password management and admin resets,
// fetched through the Graph gateway into a per-tenant SQLite cache, read back for the SSPR view,
// its deflection chart and the caller card ("tried self-service 3 times today, blocked").
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import type BetterSqlite3 from 'better-sqlite3';
import { ResetlineError } from '../../../shared/result';
import { ROLE_NAMES, type RoleKey } from '../../../shared/roles';
import type {
  SsprCallerAttempts,
  SsprEvent,
  SsprKind,
  SsprListFilter,
  SsprPage,
  SsprRefreshResult,
  SsprStats,
} from '../../../shared/sspr';
import { resetsPerDay } from '../audit/history';
import { directoryAuditPages } from '../graph/auditLogs';

type Db = BetterSqlite3.Database;

export const SSPR_SERVICE = 'Self-service Password Management';
export const ADMIN_RESET = 'Reset password (by admin)';
const DAY = 86_400_000;
const CALLER_WINDOW_MS = 7 * DAY;

const KINDS: Record<string, SsprKind> = {
  'reset password (self-service)': 'self-service-reset',
  'blocked from self-service password reset': 'blocked',
  'user registered for self-service password reset': 'registration',
  'unlock user account (self-service)': 'unlock',
  'self-service password reset flow activity progress': 'progress',
  'change password (self-service)': 'change',
  'reset password (by admin)': 'admin-reset',
};

/** Entra's activity names (MicrosoftDocs/entra-docs howto-sspr-reporting.md), matched without regard to letter case. */
export function ssprKind(activity: string): SsprKind {
  return KINDS[activity.trim().toLowerCase()] ?? 'other';
}

const ATTEMPT_KINDS: ReadonlySet<SsprKind> = new Set(['self-service-reset', 'progress', 'blocked', 'unlock']);

interface Row {
  id: string;
  occurred_at: number;
  kind: SsprKind;
  activity: string;
  service: string;
  result: string;
  result_reason: string | null;
  user_id: string | null;
  user_upn: string | null;
  user_name: string | null;
  actor_upn: string | null;
}

const COLUMNS =
  'id, occurred_at, kind, activity, service, result, result_reason, user_id, user_upn, user_name, actor_upn';

function toEvent(r: Row): SsprEvent {
  return {
    id: r.id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    kind: r.kind,
    activity: r.activity,
    service: r.service,
    result: r.result,
    resultReason: r.result_reason,
    userId: r.user_id,
    userUpn: r.user_upn,
    userName: r.user_name,
    actorUpn: r.actor_upn,
  };
}

/** The audit as a cache row; null when it lacks what every row needs (id, time, activity). */
export function auditToRow(a: MicrosoftGraph.DirectoryAudit): Row | null {
  const at = a.activityDateTime ? Date.parse(a.activityDateTime) : NaN;
  if (!a.id || !a.activityDisplayName || !Number.isFinite(at)) return null;
  // The user concerned is the target; a self-service event names the user as the initiator too.
  const target = a.targetResources?.find((t) => (t.type ?? 'User').toLowerCase() === 'user');
  const initiator = a.initiatedBy?.user;
  return {
    id: a.id,
    occurred_at: at,
    kind: ssprKind(a.activityDisplayName),
    activity: a.activityDisplayName,
    service: a.loggedByService ?? '',
    result: a.result ?? 'unknownFutureValue',
    result_reason: a.resultReason || null,
    user_id: target?.id ?? initiator?.id ?? null,
    user_upn: target?.userPrincipalName ?? initiator?.userPrincipalName ?? null,
    user_name: target?.displayName ?? initiator?.displayName ?? null,
    actor_upn: initiator?.userPrincipalName ?? null,
  };
}

const UPSERT = `INSERT INTO sspr_events (tenant_key, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (tenant_key, id) DO UPDATE SET result = excluded.result, result_reason = excluded.result_reason`;

function store(db: Db, tenantKey: string, audits: readonly MicrosoftGraph.DirectoryAudit[]): number {
  const insert = db.prepare(UPSERT);
  let n = 0;
  db.transaction(() => {
    for (const a of audits) {
      const r = auditToRow(a);
      if (!r) continue;
      insert.run(
        tenantKey,
        r.id,
        r.occurred_at,
        r.kind,
        r.activity,
        r.service,
        r.result,
        r.result_reason,
        r.user_id,
        r.user_upn,
        r.user_name,
        r.actor_upn,
      );
      n += 1;
    }
  })();
  return n;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function ms(field: string, value: string): number {
  const v = Date.parse(value);
  if (!Number.isFinite(v)) throw new ResetlineError('invalid_input', `${field}: must be an ISO 8601 date-time`);
  return v;
}

/** Who can read Entra's audit logs (Microsoft's "Microsoft Entra monitoring and health licensing"). */
const AUDIT_LOG_READERS: readonly RoleKey[] = [
  'reportsReader',
  'securityReader',
  'securityAdministrator',
  'globalReader',
];
export const AUDIT_LOG_ROLES = AUDIT_LOG_READERS.map((key) => ROLE_NAMES[key]);

/**
 * The gateway's messages are generic ("this report"); here the agent is told exactly what reading
 * the audit log lacks: the licence, the role (and which roles would do) or the app's permission.
 */
export function auditLogError(error: unknown): unknown {
  if (!(error instanceof ResetlineError)) return error;
  const say = (message: string) => new ResetlineError(error.code, message, error.requestId);
  switch (error.code) {
    case 'licence_required':
      return say(
        // MicrosoftDocs/entra-docs differ: the activity-log pages say audit logs exist in every edition
        // (Free included) while one says downloading logs through Graph needs a premium licence.
        "Microsoft refused Entra's audit log for want of a licence. Microsoft's pages say audit logs are available in every Entra ID edition, Free included, though one says reading logs through Microsoft Graph needs Entra ID P1 or P2: check the tenant's licences.",
      );
    case 'insufficient_role':
      return say(
        `Your directory role cannot read Entra's audit logs. Any of these roles can: ${AUDIT_LOG_ROLES.join(', ')} (or Global Administrator).`,
      );
    case 'consent_required':
      return say(
        'Resetline lacks the Microsoft Graph permission AuditLog.Read.All. Ask a tenant admin to grant admin consent for it in the app registration.',
      );
    default:
      return error;
  }
}

export interface RefreshOptions {
  /** Stops between pages: what was stored stays, the range is not marked fetched, and the refresh throws. */
  signal?: AbortSignal;
  /** After each page is stored, with the audit entries received so far. */
  onReceived?: (received: number) => void;
}

/**
 * Fetches the range into the cache: everything the SSPR service logged, plus admin resets whichever
 * service logged them (Core Directory or SSPR). Paging, throttling and error mapping are the
 * gateway's; a licence or role problem surfaces as licence_required / insufficient_role.
 */
export async function refreshSspr(
  db: Db,
  client: Client,
  tenantKey: string,
  range: { from: string; to: string; userId?: string },
  now: number,
  { signal, onReceived }: RefreshOptions = {},
): Promise<SsprRefreshResult> {
  const from = ms('from', range.from);
  const to = ms('to', range.to);
  const base = { from: iso(from), to: iso(to), ...(range.userId ? { targetUserId: range.userId } : {}) };
  let received = 0;
  try {
    for (const q of [
      { ...base, loggedByService: SSPR_SERVICE },
      { ...base, activity: ADMIN_RESET },
    ]) {
      for await (const page of directoryAuditPages(client, q, signal)) {
        received += store(db, tenantKey, page);
        onReceived?.(received);
      }
    }
  } catch (error) {
    throw auditLogError(error);
  }
  // The pages stop quietly when aborted: a range only partly read is never recorded as fetched.
  signal?.throwIfAborted();
  db.prepare(
    `INSERT INTO sspr_ranges (tenant_key, scope, from_ms, to_ms, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tenant_key, scope, from_ms, to_ms) DO UPDATE SET fetched_at = excluded.fetched_at`,
  ).run(tenantKey, range.userId ? `user:${range.userId}` : 'all', from, to, now);
  return { received, fetchedAt: iso(now) };
}

/** The newest fetch covering the whole range (for that user, or for everyone). */
function coveredAt(db: Db, tenantKey: string, from: number, to: number, userId?: string): string | null {
  const row = db
    .prepare(
      `SELECT max(fetched_at) AS at FROM sspr_ranges
       WHERE tenant_key = ? AND (scope = 'all' OR scope = ?) AND from_ms <= ? AND to_ms >= ?`,
    )
    .get(tenantKey, userId ? `user:${userId}` : 'all', from, to) as { at: number | null };
  return row.at === null ? null : iso(row.at);
}

function encodeCursor(r: { occurred_at: number; id: string }): string {
  return 's1.' + Buffer.from(JSON.stringify([r.occurred_at, r.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    if (!cursor.startsWith('s1.')) throw new Error('prefix');
    const v = JSON.parse(Buffer.from(cursor.slice(3), 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && Number.isSafeInteger(v[0]) && typeof v[1] === 'string') return [v[0] as number, v[1]];
  } catch {
    // falls through to the typed error
  }
  throw new ResetlineError(
    'invalid_input',
    'The page cursor is not one Resetline issued; start again from the first page.',
  );
}

/** The page query: each filter has its own index (time, kind, user), all in History's order. */
export function buildSsprListQuery(
  tenantKey: string,
  filter: SsprListFilter,
): { sql: string; params: (string | number)[]; limit: number } {
  const where = ['tenant_key = ?'];
  const params: (string | number)[] = [tenantKey];
  if (filter.userId) {
    where.push('user_id = ?');
    params.push(filter.userId);
  }
  if (filter.activity) {
    where.push(filter.userId ? '+kind = ?' : 'kind = ?');
    params.push(filter.activity);
  }
  where.push('occurred_at >= ?', 'occurred_at <= ?');
  params.push(ms('from', filter.from), ms('to', filter.to));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    where.push('(occurred_at, id) < (?, ?)');
    params.push(at, id);
  }
  const limit = filter.limit ?? 100;
  params.push(limit + 1);
  // Without planner statistics SQLite takes the time index even when a user or kind is far more
  // selective; INDEXED BY names the right one (and fails loudly, never silently, if it cannot serve).
  const index = filter.userId ? 'sspr_events_by_user' : filter.activity ? 'sspr_events_by_kind' : 'sspr_events_by_time';
  const sql = `SELECT ${COLUMNS} FROM sspr_events INDEXED BY ${index} WHERE ${where.join(' AND ')} ORDER BY occurred_at DESC, id DESC LIMIT ?`;
  return { sql, params, limit };
}

/** One page of cached events, newest first, with the age of the fetch that covers the range. */
export function listSspr(db: Db, tenantKey: string, filter: SsprListFilter): SsprPage {
  const { sql, params, limit } = buildSsprListQuery(tenantKey, filter);
  const rows = db.prepare(sql).all(...params) as Row[];
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows[rows.length - 1];
  return {
    events: rows.map(toEvent),
    nextCursor: more && last ? encodeCursor(last) : null,
    fetchedAt: coveredAt(db, tenantKey, ms('from', filter.from), ms('to', filter.to), filter.userId),
  };
}

/**
 * The deflection trend per UTC day: successful self-service resets and blocked attempts from Entra's log;
 * the helpdesk's resets from Resetline's own audit trail, counted as History's Trends count them
 * (RESET_DEFINITION), so the two screens agree; and Entra's successful admin resets by any tool
 * (Resetline, the Entra admin center, scripts) beside them.
 */
export function ssprStats(db: Db, tenantKey: string, range: { from: string; to: string }): SsprStats {
  const from = ms('from', range.from);
  const to = ms('to', range.to);
  const rows = db
    .prepare(
      `SELECT occurred_at / ${DAY} AS day,
         sum(kind = 'self-service-reset' AND result = 'success') AS selfService,
         sum(kind = 'admin-reset' AND result = 'success') AS entraAdminResets,
         sum(kind = 'blocked') AS blocked
       FROM sspr_events WHERE tenant_key = ? AND occurred_at >= ? AND occurred_at <= ?
       GROUP BY day ORDER BY day`,
    )
    .all(tenantKey, from, to) as { day: number; selfService: number; entraAdminResets: number; blocked: number }[];
  const helpdesk = resetsPerDay(db, from, to);
  const days = new Map<string, SsprStats['perDay'][number]>();
  const day = (key: string) => {
    let d = days.get(key);
    if (d === undefined) {
      d = { day: key, selfService: 0, helpdesk: 0, entraAdminResets: 0, blocked: 0 };
      days.set(key, d);
    }
    return d;
  };
  for (const r of rows) {
    Object.assign(day(iso(r.day * DAY).slice(0, 10)), {
      selfService: r.selfService,
      entraAdminResets: r.entraAdminResets,
      blocked: r.blocked,
    });
  }
  for (const [key, n] of helpdesk) day(key).helpdesk = n;
  return {
    perDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    fetchedAt: coveredAt(db, tenantKey, from, to),
  };
}

/**
 * The caller's self-service attempts in the last 7 days. Refreshes that user's week through the
 * gateway first; when that fails, answers from the cache and says why.
 */
export async function callerAttempts(
  db: Db,
  client: Client | null,
  tenantKey: string,
  userId: string,
  now: number,
  /** Why the audit log cannot be asked at all (a national cloud without it); null when it can. */
  unavailable: string | null = null,
): Promise<SsprCallerAttempts> {
  const from = now - CALLER_WINDOW_MS;
  let refreshError: SsprCallerAttempts['refreshError'] = unavailable
    ? { code: 'not_in_cloud', message: unavailable }
    : null;
  if (client) {
    try {
      await refreshSspr(db, client, tenantKey, { from: iso(from), to: iso(now), userId }, now);
    } catch (error) {
      if (!(error instanceof ResetlineError)) throw error;
      refreshError = { code: error.code, message: error.message };
    }
  }
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM sspr_events INDEXED BY sspr_events_by_user
       WHERE tenant_key = ? AND user_id = ? AND occurred_at >= ? AND occurred_at <= ?
       ORDER BY occurred_at DESC, id DESC`,
    )
    .all(tenantKey, userId, from, now) as Row[];
  const attempts = rows.filter((r) => ATTEMPT_KINDS.has(r.kind));
  const midnight = Math.floor(now / DAY) * DAY;
  const today = attempts.filter((r) => r.occurred_at >= midnight);
  return {
    userId,
    attempts: attempts.map(toEvent),
    today: {
      attempts: today.length,
      blocked: today.some((r) => r.kind === 'blocked'),
      succeeded: today.some((r) => (r.kind === 'self-service-reset' || r.kind === 'unlock') && r.result === 'success'),
    },
    fetchedAt: coveredAt(db, tenantKey, from, now, userId),
    refreshError,
  };
}
