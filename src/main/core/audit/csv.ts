// History's CSV export, written page by page (keyset, as History pages) to any Writable, so a
// million rows never sit in memory at once. The cells and their injection guard are core/exports'.
import type { Writable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditListFilter, AuditVerification } from '../../../shared/audit';
import { CSV_BOM, csvLine, drainingWriter, ExportCancelledError } from '../exports/csv';
import { buildAuditCountQuery, buildAuditListQuery, encodeCursor } from './list';
import type { AuditRow } from './rows';
import { cached } from './statements';

type Db = BetterSqlite3.Database;

export { CSV_BOM, csvCell, csvLine } from '../exports/csv';

export const CSV_COLUMNS = [
  'id',
  'occurred_at_utc',
  'call_id',
  'agent_upn',
  'target_upn',
  'target_name',
  'action',
  'outcome',
  'verification_required',
  'verification_passed',
  'verification_failed',
  'ticket_ref',
  'notes',
  'detail',
] as const;
export const EXPORT_PAGE_SIZE = 2_000;

export function auditCsvLine(row: AuditRow): string {
  const v = row.verification === null ? null : (JSON.parse(row.verification) as AuditVerification);
  return csvLine([
    row.id,
    new Date(row.occurred_at).toISOString(),
    row.call_id,
    row.agent_upn,
    row.target_upn,
    row.target_name,
    row.action,
    row.outcome,
    v?.required ?? null,
    v ? v.passed.join(' ') : null,
    v ? v.failed.join(' ') : null,
    row.ticket_ref,
    row.notes,
    row.detail === '{}' ? null : row.detail,
  ]);
}

export function countAuditEvents(db: Db, filter: AuditListFilter): number {
  const { sql, params } = buildAuditCountQuery(filter);
  return (cached(db, sql).get(...params) as { n: number }).n;
}

/** The export was cancelled; the partial output must be thrown away (the shared exports' error). */
export const AuditExportCancelledError = ExportCancelledError;

export interface WriteCsvOptions {
  signal?: AbortSignal;
  /** After each page, with the rows written so far. */
  onProgress?: (rowsWritten: number) => void;
  pageSize?: number;
}

/**
 * Writes every row matching `filter` (all pages; its cursor and limit are ignored), newest first,
 * as History shows them. Yields to the event loop between pages so other channels keep answering,
 * and waits for the Writable to drain. Does not end `out`. Returns the number of rows written.
 */
export async function writeAuditCsv(
  db: Db,
  filter: AuditListFilter,
  out: Writable,
  options: WriteCsvOptions = {},
): Promise<number> {
  const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
  const write = drainingWriter(out, options.signal);
  // Every page's own cursor and size; the caller's are not the export's.
  const { cursor: _ignoredCursor, limit: _ignoredLimit, ...base } = filter;
  await write(CSV_BOM + csvLine(CSV_COLUMNS));
  let written = 0;
  let cursor: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new ExportCancelledError();
    const q = buildAuditListQuery({ ...base, limit: pageSize, cursor }, Math.max(pageSize, EXPORT_PAGE_SIZE));
    const rows = cached(db, q.sql).all(...q.params) as AuditRow[];
    const more = rows.length > q.limit;
    if (more) rows.length = q.limit;
    let chunk = '';
    for (const row of rows) chunk += auditCsvLine(row);
    if (chunk) await write(chunk);
    written += rows.length;
    options.onProgress?.(written);
    const last = rows[rows.length - 1];
    if (!more || !last) return written;
    cursor = encodeCursor({ occurredAt: last.occurred_at, id: last.id });
    await yieldToLoop();
  }
}
