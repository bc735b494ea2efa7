// A CSV export job as a screen tracks it (History, Registration): main writes the file; the screen
// polls its progress and shows what became of it.
import type { AuditExportJob } from '../../../shared/history';
import type { ResultError } from '../../../shared/result';

export type ExportJobState =
  | { status: 'idle' }
  | { status: 'running'; job: AuditExportJob }
  | { status: 'done'; job: AuditExportJob }
  | { status: 'cancelled' }
  | { status: 'error'; error: ResultError };
