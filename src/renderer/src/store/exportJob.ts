// A CSV export job as a screen tracks it (History, Registration): main writes the file; the screen
// follows its progress and shows what became of it.
import type { AuditExportJob } from '../../../shared/history';
import { isErrorCode, type Result, type ResultError } from '../../../shared/result';
import { settle, toResultError } from './loadable';
import { pollUntil } from './poll';

/** How often a running export is read again; short, because the progress bar is the only feedback. */
export const EXPORT_POLL_MS = 250;

export type ExportJobState =
  | { status: 'idle' }
  | { status: 'running'; job: AuditExportJob }
  | { status: 'done'; job: AuditExportJob }
  | { status: 'cancelled' }
  | { status: 'error'; error: ResultError };

export interface ExportRun {
  start: () => Promise<Result<AuditExportJob>>;
  read: (jobId: string) => Promise<Result<AuditExportJob>>;
  /** Delivers the finished file (a save dialog, a download). */
  onFinished: (job: AuditExportJob) => Promise<void>;
  /** Stores each state the screen should show. */
  show: (state: ExportJobState) => void;
  /** Aborted by cancel or dismiss from the UI, which set the state themselves. */
  signal: AbortSignal;
}

/** Starts an export and follows it to its end, showing every step; never throws. */
export async function runExport({ start, read, onFinished, show, signal }: ExportRun): Promise<void> {
  const started = await settle(start);
  if (!started.ok) return show({ status: 'error', error: started.error });
  let job = started.value;
  show({ status: 'running', job });
  if (!job.done) {
    const jobId = job.jobId;
    const outcome = await pollUntil({
      read: () => read(jobId),
      onAnswer: (next) => show({ status: 'running', job: next }),
      until: (next) => next.done,
      intervalMs: EXPORT_POLL_MS,
      signal,
    });
    if (outcome.status === 'aborted') return;
    if (outcome.status === 'error') return show({ status: 'error', error: outcome.error });
    job = outcome.value;
  }
  if (job.cancelled) return show({ status: 'cancelled' });
  if (job.error) {
    const code = isErrorCode(job.error.code) ? job.error.code : 'internal';
    return show({ status: 'error', error: { code, message: job.error.message } });
  }
  try {
    await onFinished(job);
  } catch (error) {
    return show({ status: 'error', error: toResultError(error) });
  }
  show({ status: 'done', job });
}
