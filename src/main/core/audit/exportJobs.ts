// History's CSV exports as pollable jobs (audit:start-export / get-export / cancel-export), on the
// shared job runner (core/exports): the same instance carries the registration exports, so both
// share the Electron save dialog seam and the browser host's one-time download tokens.
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditListFilter } from '../../../shared/audit';
import type { AuditExportJob } from '../../../shared/history';
import { ExportJobs, type ExportJobsOptions } from '../exports/jobs';
import { countAuditEvents, writeAuditCsv } from './csv';

export { ExportJobNotFoundError } from '../exports/jobs';

export interface AuditExportsOptions extends ExportJobsOptions {
  db: BetterSqlite3.Database;
  pageSize?: number;
}

export class AuditExports extends ExportJobs {
  constructor(private readonly options: AuditExportsOptions) {
    super(options);
  }

  /** Starts writing every row matching `filter`; poll `get` (with the same owner) for progress. */
  start(filter: AuditListFilter, now = new Date(), owner = ''): Promise<AuditExportJob> {
    const { db, pageSize } = this.options;
    return this.startJob({
      fileName: `resetline-history-${now.toISOString().replace(/[:.]/g, '-')}.csv`,
      count: () => countAuditEvents(db, filter),
      write: (out, o) => writeAuditCsv(db, filter, out, { ...o, ...(pageSize ? { pageSize } : {}) }),
      owner,
    });
  }
}
