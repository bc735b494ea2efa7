// History's page query: filters and keyset paging by (occurred_at DESC, id DESC), each filter
// served by an index (see migration 0010), so page 10,000 costs what page 1 costs.
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditListFilter, AuditPage } from '../../../shared/audit';
import { AuditCursorError, AuditInputError } from './errors';
import { toAuditEvent, type AuditRow } from './rows';
import { cached } from './statements';

type Db = BetterSqlite3.Database;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface AuditCursor {
  occurredAt: number;
  id: number;
}

const CURSOR_PREFIX = 'a1.';

/** Opaque to the renderer; it only hands back what it was given. */
export function encodeCursor(c: AuditCursor): string {
  return CURSOR_PREFIX + Buffer.from(`${c.occurredAt}:${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): AuditCursor {
  if (!cursor.startsWith(CURSOR_PREFIX)) throw new AuditCursorError();
  const decoded = Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8');
  const match = /^(\d{1,16}):(\d{1,16})$/.exec(decoded);
  const occurredAt = Number(match?.[1]);
  const id = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(occurredAt) || !Number.isSafeInteger(id)) throw new AuditCursorError();
  return { occurredAt, id };
}

const COLUMNS = `id, occurred_at, call_id, agent_upn, agent_id, target_id, target_upn, target_name,
  action, outcome, verification, ticket_ref, notes, detail`;

export interface AuditListQuery {
  sql: string;
  params: (string | number)[];
  limit: number;
}

function isoToMs(field: string, iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new AuditInputError(field, 'must be an ISO 8601 date-time');
  return ms;
}

/**
 * The SQL and bound parameters for one page. The text is assembled from constant fragments only
 * (values are always bound), so there are a few hundred distinct statements at most, each prepared once.
 * Exported so the benchmark and the query-plan tests run exactly what History runs.
 */
export function buildAuditListQuery(filter: AuditListFilter): AuditListQuery {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.from !== undefined) {
    where.push('occurred_at >= ?');
    params.push(isoToMs('from', filter.from));
  }
  if (filter.to !== undefined) {
    where.push('occurred_at <= ?');
    params.push(isoToMs('to', filter.to));
  }
  // Only one equality filter drives the index; the others are checked on the rows it yields.
  // Without planner statistics SQLite may pick the least selective index (outcome), so the most
  // selective filter present is chosen here and the rest get a unary "+", which keeps the column's
  // collation but takes it out of index selection.
  let driving = true;
  const equal = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    where.push(driving ? `${column} = ?` : `+${column} = ?`);
    params.push(value);
    driving = false;
  };
  equal('target_upn', filter.targetUpn?.trim());
  equal('agent_upn', filter.agentUpn?.trim());
  equal('action', filter.action);
  equal('outcome', filter.outcome);
  if (filter.cursor !== undefined) {
    const c = decodeCursor(filter.cursor);
    // A row value: SQLite narrows the driving index to occurred_at <= the cursor's time and checks
    // the id only on rows at that same millisecond, so a deep page costs what the first one does.
    where.push('(occurred_at, id) < (?, ?)');
    params.push(c.occurredAt, c.id);
  }
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new AuditInputError('limit', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  // One extra row tells whether there is a next page without a COUNT.
  params.push(limit + 1);
  const sql =
    `SELECT ${COLUMNS} FROM audit_events` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY occurred_at DESC, id DESC LIMIT ?';
  return { sql, params, limit };
}

/** One page of events, newest first, for the History screen (`audit:list`). */
export function listAuditEvents(db: Db, filter: AuditListFilter): AuditPage {
  const { sql, params, limit } = buildAuditListQuery(filter);
  const rows = cached(db, sql).all(...params) as AuditRow[];
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows[rows.length - 1];
  return {
    events: rows.map(toAuditEvent),
    nextCursor: more && last ? encodeCursor({ occurredAt: last.occurred_at, id: last.id }) : null,
  };
}
