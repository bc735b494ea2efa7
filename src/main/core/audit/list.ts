// History's page query: filters and keyset paging by (occurred_at DESC, id DESC), each filter
// served by an index (see migration 0010), so page 10,000 costs what page 1 costs.
import type BetterSqlite3 from 'better-sqlite3';
import {
  CALL_OUTCOMES,
  type CallOutcome,
  type AuditEvent,
  type AuditListFilter,
  type AuditPage,
} from '../../../shared/audit';
import { CONTENT_COLUMNS } from './chain';
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

// Every column a listed event needs: the id plus exactly what the chain hashes.
const COLUMNS = ['id', ...CONTENT_COLUMNS].map((c) => `audit_events.${c}`).join(', ');

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

/** Splits text the way FTS5's unicode61 tokenizer does (letters and digits; the rest separates). */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/**
 * The user's words as an FTS5 query: every word must start some token of the ticket reference or
 * the notes. Each word is a quoted string, so FTS5 operators typed by the user stay plain text.
 */
export function ftsQuery(text: string): string {
  const tokens = searchTokens(text).slice(0, 16);
  if (tokens.length === 0) throw new AuditInputError('text', 'must contain a letter or a digit');
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' ');
}

/** The highest code point: every string starting with `p` sorts at or after `p` and before this bound. */
const PREFIX_END = '\u{10FFFF}';

/**
 * The SQL and bound parameters for one page. The text is assembled from constant fragments only
 * (values are always bound), so there are a few hundred distinct statements at most, each prepared once.
 * Exported so the benchmark and the query-plan tests run exactly what History runs.
 *
 * One filter drives the plan; the others are checked on the rows it yields. The driving one is, in
 * order: text (FTS5, then the few matches are sorted), target UPN, target prefix (two index ranges,
 * matches sorted), agent, verification type (its side table pages in History's order), action,
 * outcome, and else the time index. Without planner statistics SQLite may pick the least selective
 * index, so the rest get a unary "+", which keeps the column's collation but takes it out of index
 * selection.
 */
export function buildAuditListQuery(filter: AuditListFilter, maxLimit = MAX_PAGE_SIZE): AuditListQuery {
  const { from, where, params, at, id } = filterParts(filter);
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new AuditInputError('limit', `must be an integer from 1 to ${maxLimit}`);
  }
  const offset = filter.offset;
  if (offset !== undefined) {
    if (filter.cursor !== undefined) throw new AuditInputError('offset', 'cannot be combined with a cursor');
    if (!Number.isSafeInteger(offset) || offset < 0) throw new AuditInputError('offset', 'must be a whole number ≥ 0');
  }
  // One extra row tells whether there is a next page without a COUNT.
  params.push(limit + 1);
  // An offset walks the driving index past the skipped rows without reading them from the table
  // (SQLite seeks the table row only for a row it returns), so the plan is the same as page 1's.
  if (offset !== undefined && offset > 0) params.push(offset);
  const sql =
    `SELECT ${COLUMNS} FROM ${from}` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${at} DESC, ${id} DESC LIMIT ?` +
    (offset !== undefined && offset > 0 ? ' OFFSET ?' : '');
  return { sql, params, limit };
}

/**
 * How many rows match a filter (cursor, offset and limit are ignored): the export's progress total and
 * History's table size (`audit:count`). It counts over the same driving index as the page query.
 */
export function buildAuditCountQuery(filter: AuditListFilter): { sql: string; params: (string | number)[] } {
  const { from, where, params } = filterParts({ ...filter, cursor: undefined, offset: undefined });
  return {
    sql: `SELECT count(*) AS n FROM ${from}` + (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''),
    params,
  };
}

interface FilterParts {
  from: string;
  where: string[];
  params: (string | number)[];
  at: string;
  id: string;
}

function filterParts(filter: AuditListFilter): FilterParts {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const text = filter.text?.trim();
  const viaVerification =
    filter.verificationType !== undefined &&
    !text &&
    !filter.targetUpn?.trim() &&
    !filter.target?.trim() &&
    !filter.agentUpn?.trim();
  let from = 'audit_events';
  // The columns History orders and pages by, on whichever table drives.
  let at = 'audit_events.occurred_at';
  let id = 'audit_events.id';
  let driving = true;
  const prefix = filter.target?.trim();
  if (text || (prefix && !filter.targetUpn?.trim())) {
    // The matches come from FTS or from two index ranges, then get sorted: keep the time index out
    // of the plan, or SQLite would rather walk it in order and test every row.
    at = '+audit_events.occurred_at';
    id = '+audit_events.id';
  }
  if (text) {
    from = 'audit_text CROSS JOIN audit_events ON audit_events.id = audit_text.rowid';
    where.push('audit_text MATCH ?');
    params.push(ftsQuery(text));
    driving = false;
  } else if (viaVerification) {
    from = 'audit_verification v CROSS JOIN audit_events ON audit_events.id = v.event_id';
    at = 'v.occurred_at';
    id = 'v.event_id';
  }
  // The date range rides the driving access path (the time index, or the side table's key).
  if (filter.from !== undefined) {
    where.push(`${at} >= ?`);
    params.push(isoToMs('from', filter.from));
  }
  if (filter.to !== undefined) {
    where.push(`${at} <= ?`);
    params.push(isoToMs('to', filter.to));
  }
  const equal = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    where.push(driving ? `audit_events.${column} = ?` : `+audit_events.${column} = ?`);
    params.push(value);
    driving = false;
  };
  equal('target_upn', filter.targetUpn?.trim());
  if (prefix) {
    if (driving) {
      // Two index ranges (UPN, display name) give the candidate ids; the outer rows are fetched by id.
      where.push(
        'audit_events.id IN (SELECT id FROM audit_events WHERE target_upn >= ? AND target_upn < ?' +
          ' UNION ALL SELECT id FROM audit_events WHERE target_name COLLATE NOCASE >= ? AND target_name COLLATE NOCASE < ?)',
      );
    } else {
      where.push(
        '((+audit_events.target_upn >= ? AND +audit_events.target_upn < ?)' +
          ' OR (+audit_events.target_name COLLATE NOCASE >= ? AND +audit_events.target_name COLLATE NOCASE < ?))',
      );
    }
    params.push(prefix, prefix + PREFIX_END, prefix, prefix + PREFIX_END);
    driving = false;
  }
  equal('agent_upn', filter.agentUpn?.trim());
  if (filter.verificationType !== undefined) {
    const result = filter.verificationResult;
    const flag = result === undefined ? '' : ` AND +v.${result === 'passed' ? 'passed' : 'failed'} = 1`;
    if (viaVerification) {
      where.push(`v.type = ?${flag}`);
      params.push(filter.verificationType);
      driving = false;
    } else {
      // A primary-key lookup per candidate row.
      where.push(
        'EXISTS (SELECT 1 FROM audit_verification v WHERE v.type = ? AND v.occurred_at = audit_events.occurred_at' +
          ` AND v.event_id = audit_events.id${flag})`,
      );
      params.push(filter.verificationType);
    }
  }
  equal('action', filter.action);
  equal('outcome', filter.outcome);
  if (filter.callOutcome !== undefined) {
    // Never the driving filter: the calls closed that way come from one range of the action index
    // (built once per query), and each row the driving index yields is looked up in them.
    where.push(
      "audit_events.call_id IN (SELECT c.call_id FROM audit_events c WHERE c.action = 'call.closed'" +
        " AND json_extract(c.detail, '$.outcome') = ?)",
    );
    params.push(filter.callOutcome);
  }
  if (filter.cursor !== undefined) {
    const c = decodeCursor(filter.cursor);
    // A row value: SQLite narrows the driving index to occurred_at <= the cursor's time and checks
    // the id only on rows at that same millisecond, so a deep page costs what the first one does.
    where.push(`(${at}, ${id}) < (?, ?)`);
    params.push(c.occurredAt, c.id);
  }
  return { from, where, params, at, id };
}

/** How many rows match a filter (`audit:count`): the size of History's virtualized table. */
export function countAuditMatches(db: Db, filter: AuditListFilter): number {
  const { sql, params } = buildAuditCountQuery(filter);
  return (cached(db, sql).get(...params) as { n: number }).n;
}

// One lookup per call on the page, through the call index.
const CALL_OUTCOME = `SELECT json_extract(detail, '$.outcome') AS outcome FROM audit_events
  WHERE call_id = ? AND +action = 'call.closed' ORDER BY id DESC LIMIT 1`;

function isCallOutcome(v: unknown): v is CallOutcome {
  return typeof v === 'string' && (CALL_OUTCOMES as readonly string[]).includes(v);
}

/**
 * Outcomes already read, per database. A call is closed once and the trail is append-only, so a closed
 * call's outcome never changes: scrolling back over a window, or the next page of the same calls, costs
 * no lookup. "Still open" holds only until the next row is appended (the trail's last id moves).
 */
interface OutcomeCache {
  closed: Map<string, CallOutcome>;
  open: Set<string>;
  /** The trail's last id when `open` was filled. */
  openAsOf: number;
}
const OUTCOME_CACHES = new WeakMap<Db, OutcomeCache>();
const OUTCOME_CACHE_MAX = 50_000;
const LAST_ID = 'SELECT max(id) AS id FROM audit_events';

function outcomeCache(db: Db): OutcomeCache {
  let cache = OUTCOME_CACHES.get(db);
  if (cache === undefined) {
    cache = { closed: new Map(), open: new Set(), openAsOf: -1 };
    OUTCOME_CACHES.set(db, cache);
  }
  const lastId = (cached(db, LAST_ID).get() as { id: number | null }).id ?? 0;
  if (lastId !== cache.openAsOf || cache.open.size > OUTCOME_CACHE_MAX) {
    cache.open.clear();
    cache.openAsOf = lastId;
  }
  return cache;
}

/** How each call on the page was closed (null: still open, or no call), looked up once per call. */
function withCallOutcomes(db: Db, events: AuditEvent[]): AuditEvent[] {
  const cache = outcomeCache(db);
  const statement = cached(db, CALL_OUTCOME);
  const outcomeOf = (callId: string): CallOutcome | null => {
    const hit = cache.closed.get(callId);
    if (hit !== undefined) return hit;
    if (cache.open.has(callId)) return null;
    const row = statement.get(callId) as { outcome: unknown } | undefined;
    if (!isCallOutcome(row?.outcome)) {
      cache.open.add(callId);
      return null;
    }
    // Oldest first out: a Map iterates in insertion order.
    if (cache.closed.size >= OUTCOME_CACHE_MAX) cache.closed.delete(cache.closed.keys().next().value as string);
    cache.closed.set(callId, row.outcome);
    return row.outcome;
  };
  // The events are this page's own, fresh from toAuditEvent: set in place.
  for (const e of events) e.callOutcome = e.callId === null ? null : outcomeOf(e.callId);
  return events;
}

/** One page of events, newest first, for the History screen (`audit:list`), each with its call's outcome. */
export function listAuditEvents(db: Db, filter: AuditListFilter): AuditPage {
  const { sql, params, limit } = buildAuditListQuery(filter);
  const rows = cached(db, sql).all(...params) as AuditRow[];
  const more = rows.length > limit;
  if (more) rows.length = limit;
  const last = rows[rows.length - 1];
  return {
    events: withCallOutcomes(db, rows.map(toAuditEvent)),
    nextCursor: more && last ? encodeCursor({ occurredAt: last.occurred_at, id: last.id }) : null,
  };
}
