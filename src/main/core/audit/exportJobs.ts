// History's CSV export: a source for the shared export files (core/exports), every row matching the
// filter, newest first; and the `audit-export` job kind that writes it, for any signed-in agent, as
// History itself is (runtime.ts registers it with the runner).
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditListFilter } from '../../../shared/audit';
import { exportWork, type ExportFiles, type ExportSource } from '../exports';
import type { JobKindDef } from '../jobs/types';
import { countAuditEvents, writeAuditCsv } from './csv';

export function auditExportSource(
  db: BetterSqlite3.Database,
  filter: AuditListFilter,
  now: Date,
  pageSize?: number,
): ExportSource {
  return {
    fileName: `resetline-history-${now.toISOString().replace(/[:.]/g, '-')}.csv`,
    count: () => countAuditEvents(db, filter),
    write: (out, o) => writeAuditCsv(db, filter, out, { ...o, ...(pageSize ? { pageSize } : {}) }),
  };
}

export interface AuditExportDeps {
  db: BetterSqlite3.Database;
  files: ExportFiles;
  now?: () => number;
  /** Rows per page of History's export (tests use small pages to cross page boundaries). */
  pageSize?: number;
}

export function auditExportKind({ db, files, now = Date.now, pageSize }: AuditExportDeps): JobKindDef<'audit-export'> {
  return {
    noun: 'export',
    need: 'agent',
    // The export is every row of the filter: the table's window (offset) is not part of it.
    start: ({ filter: { offset: _window, ...filter } }, signal) =>
      exportWork(files, auditExportSource(db, filter, new Date(now()), pageSize), signal),
  };
}
