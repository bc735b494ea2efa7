// History's CSV export as a source for the shared export files (core/exports): every row matching
// the filter, newest first; the job around it is core/jobs'.
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditListFilter } from '../../../shared/audit';
import type { ExportSource } from '../exports/files';
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
