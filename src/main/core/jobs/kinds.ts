// The registry of job kinds: History's CSV export, the registration table's and the password-age
// list's CSV exports, and the registration snapshot (ingest). Each names the role it needs, as the
// screen that starts it does (shared/roles.ts), and how its work starts; the runner does the rest.
import type BetterSqlite3 from 'better-sqlite3';
import type { Job, SnapshotJobResult } from '../../../shared/jobs';
import type { IngestProgress } from '../../../shared/registration';
import { ResetlineError } from '../../../shared/result';
import { REGISTRATION_READER_ROLES } from '../../../shared/roles';
import { auditExportSource } from '../audit';
import { ExportCancelledError, type ExportFiles, type ExportSource } from '../exports';
import { currentRun, registrationExportSource, type IngestJob, type RegistrationService } from '../registration';
import { JobCancelledError, type JobKindDef, type JobKinds, type JobNeed, type JobWork } from './types';

export interface AuditExportDeps {
  db: BetterSqlite3.Database;
  files: ExportFiles;
  now?: () => number;
  /** Rows per page of History's export (tests use small pages to cross page boundaries). */
  pageSize?: number;
}

export interface JobKindsDeps extends Omit<AuditExportDeps, 'pageSize'> {
  registration: RegistrationService;
}

const REGISTRATION_READER: JobNeed = { roles: REGISTRATION_READER_ROLES, what: 'the registration report' };

/** Writes a source's CSV as a job's work. */
async function exportWork(files: ExportFiles, source: ExportSource, signal: AbortSignal): Promise<JobWork> {
  const writing = await files.write(source, signal);
  return {
    progress: () => ({ done: writing.rows(), total: writing.total }),
    // Stopped by the app closing (ExportFiles.dispose) as much as by the agent: either way, cancelled.
    done: writing.done.catch((error: unknown) => {
      throw error instanceof ExportCancelledError ? new JobCancelledError() : error;
    }),
  };
}

/** An ingest as a job's work: cancel stops it, its end becomes the job's. */
function ingestWork(ingest: IngestJob, signal: AbortSignal): JobWork {
  signal.addEventListener('abort', () => ingest.cancel(), { once: true });
  return {
    progress: () => ({ done: ingest.progress.processed, total: ingest.progress.total }),
    counts: () => ({ throttledWaits: ingest.progress.throttledWaits }),
    resumable: () => ingest.progress.resumable,
    done: ingest.done.then((): SnapshotJobResult => {
      const p = ingest.snapshot();
      if (p.state === 'done') return { type: 'snapshot', source: p.source, users: p.processed };
      if (p.state === 'cancelled') throw new JobCancelledError();
      const error = p.error ?? { code: 'internal', message: 'The snapshot stopped; details are in the log.' };
      throw new ResetlineError(error.code, error.message);
    }),
  };
}

/** An unfinished snapshot the app stopped working on (it was closed): offered for a resume. */
function interruptedJob(p: IngestProgress, runId: string): Job {
  return {
    id: runId,
    kind: 'registration-ingest',
    params: { kind: 'registration-ingest', source: p.source, resume: true },
    state: 'cancelled',
    progress: { done: p.processed, total: p.total },
    counts: { throttledWaits: p.throttledWaits },
    ratePerSecond: 0,
    etaSeconds: null,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    resumable: p.resumable,
    result: null,
    error: null,
  };
}

/** History's rows matching a filter, as CSV: for any signed-in agent, as History itself is. */
export function auditExportKind({ db, files, now = Date.now, pageSize }: AuditExportDeps): JobKindDef<'audit-export'> {
  return {
    noun: 'export',
    need: 'agent',
    // The export is every row of the filter: the table's window (offset) is not part of it.
    start: ({ filter: { offset: _window, ...filter } }, signal) =>
      exportWork(files, auditExportSource(db, filter, new Date(now()), pageSize), signal),
  };
}

export function jobKinds(deps: JobKindsDeps): JobKinds {
  const { db, files, registration } = deps;
  const now = deps.now ?? Date.now;
  const snapshotId = () => currentRun(db, registration.tenantKey())?.id ?? null;
  return {
    'audit-export': auditExportKind(deps),
    'registration-export': {
      noun: 'export',
      need: REGISTRATION_READER,
      start: (params, signal) =>
        exportWork(files, registrationExportSource(db, snapshotId(), null, params, now()), signal),
    },
    'password-age-export': {
      noun: 'export',
      need: REGISTRATION_READER,
      start: async (params, signal) => {
        const context = await registration.passwordAgeContext();
        return exportWork(files, registrationExportSource(db, snapshotId(), context, params, now()), signal);
      },
    },
    'registration-ingest': {
      noun: 'snapshot',
      need: REGISTRATION_READER,
      single: {
        same: (a, b) => a.source === b.source,
        busy: 'Another snapshot is being taken; wait for it to finish, or cancel it, before starting this one.',
      },
      start: ({ source, resume }, signal) => ingestWork(registration.startIngest({ source, resume }), signal),
      remembered: () => {
        const p = registration.interruptedIngest();
        return p ? interruptedJob(p, `interrupted-${p.startedAt}`) : null;
      },
    },
  };
}
