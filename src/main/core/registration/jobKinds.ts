// The registration screens' job kinds: the registration table's and the password-age list's CSV
// exports, and the snapshot (ingest), each for the roles that can read the registration report
// (shared/roles.ts), as the screens that start them are. runtime.ts registers them with the runner.
import type BetterSqlite3 from 'better-sqlite3';
import type { Job, SnapshotJobResult } from '../../../shared/jobs';
import type { IngestProgress } from '../../../shared/registration';
import { ResetlineError } from '../../../shared/result';
import { REGISTRATION_READER_ROLES } from '../../../shared/roles';
import { exportWork, type ExportFiles } from '../exports';
import { JobCancelledError, type JobKindDef, type JobNeed, type JobWork } from '../jobs/types';
import { registrationExportSource } from './exports';
import type { IngestJob } from './ingest';
import type { RegistrationService } from './service';
import { currentRun } from './store';

export interface RegistrationJobDeps {
  db: BetterSqlite3.Database;
  files: ExportFiles;
  registration: RegistrationService;
  now?: () => number;
}

type RegistrationKind = 'registration-export' | 'password-age-export' | 'registration-ingest';

const REGISTRATION_READER: JobNeed = { roles: REGISTRATION_READER_ROLES, what: 'the registration report' };

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

export function registrationJobKinds(deps: RegistrationJobDeps): { [K in RegistrationKind]: JobKindDef<K> } {
  const { db, files, registration } = deps;
  const now = deps.now ?? Date.now;
  const snapshotId = () => currentRun(db, registration.tenantKey())?.id ?? null;
  return {
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
