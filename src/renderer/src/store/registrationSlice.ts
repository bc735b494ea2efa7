// The Registration screen's state: the snapshot job it follows, the snapshot's stats, the table's
// query with the first window of `registration:list` and the table's rows a window at a time around the
// rows on screen (store/windowedRows.ts), one user's drill-down, the password-age list (rows the same
// way), and the CSV export job (jobs, store/jobs.ts).
import type { StateCreator } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import { isFinal, type Job } from '../../../shared/jobs';
import type {
  FallbackEstimate,
  PasswordAgePage,
  PasswordAgeRequest,
  PasswordAgeRow,
  RegistrationPage,
  RegistrationQuery,
  RegistrationRow,
  RegistrationStats,
  RegistrationUserDetail,
  SnapshotSource,
} from '../../../shared/registration';
import { ok, type Result, type ResultError } from '../../../shared/result';
import { createJobFollower, jobFollowOf, runningJobId, type JobFollow } from './jobs';
import { idle, loading, settle, track, type Loadable } from './loadable';
import type { Store } from './types';
import { createWindowedRows, emptyRows, type RowWindow } from './windowedRows';

/** Rows per `registration:list` / `registration:list-password-age` call: one window of the virtualized table. */
export const REGISTRATION_WINDOW = 100;
/** Windows each table holds at most; the ones farthest from the viewport are let go first. */
export const REGISTRATION_WINDOWS_KEPT = 60;
/** Window requests in flight at once per table. */
const REGISTRATION_CONCURRENCY = 3;
export const INGEST_POLL_MS = 500;

/** The table's query with the defaults filled in, so the UI can show each field as it is. */
export type RegistrationQueryState = Required<Pick<RegistrationQuery, 'preset' | 'sort' | 'descending'>> &
  Pick<RegistrationQuery, 'method' | 'department' | 'search'>;
export type PasswordAgeQueryState = Omit<PasswordAgeRequest, 'offset' | 'limit'> & { withinDays: number };
export type RegistrationExportKind = 'registration' | 'password-age';

export interface RegistrationState {
  /** The running or last snapshot job (`jobs:list`, then `jobs:get` while it runs); failed with no job: the read failed. */
  ingest: JobFollow;
  /** A refused start (the job's own failure is in `ingest`). */
  ingestActionError: ResultError | null;
  stats: Loadable<RegistrationStats>;
  query: RegistrationQueryState;
  /** The first window for the query: its total sizes the table, its snapshot tells whether one exists. */
  list: Loadable<RegistrationPage>;
  /** The users table's rows for the query `list` answered (replaced as each new answer comes). */
  rows: RowWindow<RegistrationRow>;
  estimate: Loadable<FallbackEstimate>;
  openUserId: string | null;
  user: Loadable<RegistrationUserDetail>;
  passwordAgeQuery: PasswordAgeQueryState;
  passwordAge: Loadable<PasswordAgePage>;
  /** The password-age table's rows for the query `passwordAge` answered. */
  passwordAgeRows: RowWindow<PasswordAgeRow>;
  export: JobFollow & { kind?: RegistrationExportKind };
}

export interface RegistrationSlice {
  registration: RegistrationState;
  /** Everything the screen shows at once: the snapshot job (followed while it runs), stats and the table. */
  loadRegistration: () => Promise<void>;
  loadRegistrationStats: () => Promise<void>;
  loadRegistrationList: () => Promise<void>;
  setRegistrationQuery: (changes: Partial<RegistrationQueryState>) => Promise<void>;
  /** The users table's viewport shows rows first..last: fetch the windows it misses. */
  showRegistrationRows: (first: number, last: number) => void;
  /** Asks again for the users table's failed windows. */
  retryRegistrationRows: () => void;
  startIngest: (source: SnapshotSource, resume: boolean) => Promise<void>;
  cancelIngest: () => Promise<void>;
  loadFallbackEstimate: () => Promise<void>;
  openRegistrationUser: (userId: string) => Promise<void>;
  closeRegistrationUser: () => void;
  loadPasswordAge: () => Promise<void>;
  setPasswordAgeQuery: (changes: Partial<PasswordAgeQueryState>) => Promise<void>;
  showPasswordAgeRows: (first: number, last: number) => void;
  retryPasswordAgeRows: () => void;
  /** Exports the current filter of one view as CSV; `onFinished` delivers the finished file. */
  startRegistrationExport: (kind: RegistrationExportKind, onFinished: (job: Job) => Promise<void>) => Promise<void>;
  cancelRegistrationExport: () => Promise<void>;
  dismissRegistrationExport: () => void;
  /** Stops following the snapshot and export jobs (the agent is leaving: their jobs are not the next one's). */
  forgetRegistrationJobs: () => void;
}

const initialRegistration: RegistrationState = {
  ingest: { status: 'idle' },
  ingestActionError: null,
  stats: idle,
  query: { preset: 'all', sort: 'displayName', descending: false },
  list: idle,
  rows: emptyRows(REGISTRATION_WINDOW),
  estimate: idle,
  openUserId: null,
  user: idle,
  passwordAgeQuery: { withinDays: 14 },
  passwordAge: idle,
  passwordAgeRows: emptyRows(REGISTRATION_WINDOW),
  export: { status: 'idle' },
};

/** Drops the unset optional fields: the contract's schemas are strict about what they get. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export const createRegistrationSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], RegistrationSlice> =>
  (set, get) => {
    const patch = (changes: Partial<RegistrationState>) =>
      set((s) => ({ registration: { ...s.registration, ...changes } }));
    const reg = () => get().registration;
    // Answers to an older query are dropped; the windows are fetched for the query the shown total answers.
    let listRequest = 0;
    let ageRequest = 0;
    const windowing = { pageSize: REGISTRATION_WINDOW, maxPages: REGISTRATION_WINDOWS_KEPT };
    const rows = createWindowedRows<RegistrationQuery, RegistrationRow>({
      ...windowing,
      concurrency: REGISTRATION_CONCURRENCY,
      read: () => reg().rows,
      write: (next) => patch({ rows: next }),
      fetchPage: async (query, offset, limit) => {
        const page = await api().registration.list({ query, offset, limit });
        return page.ok ? ok(page.value.rows) : page;
      },
    });
    const ageRows = createWindowedRows<PasswordAgeQueryState, PasswordAgeRow>({
      ...windowing,
      concurrency: REGISTRATION_CONCURRENCY,
      read: () => reg().passwordAgeRows,
      write: (next) => patch({ passwordAgeRows: next }),
      fetchPage: async (query, offset, limit) => {
        const page = await api().registration.listPasswordAge({ ...query, offset, limit });
        return page.ok ? ok(page.value.rows) : page;
      },
    });
    let exportKind: RegistrationExportKind | undefined;
    const exportJob = createJobFollower({
      jobs: () => api().jobs,
      events: api,
      state: () => reg().export,
      show: (state) => patch({ export: exportKind === undefined ? state : { ...state, kind: exportKind } }),
    });
    const ingestJob = createJobFollower({
      jobs: () => api().jobs,
      events: api,
      state: () => reg().ingest,
      show: (ingest) => patch({ ingest }),
      intervalMs: INGEST_POLL_MS,
    });

    /** Follows a snapshot job to its end; a finished one brings the new snapshot on screen. */
    const followIngest = async (start: () => Promise<Result<Job>>) => {
      const end = await ingestJob.follow(start);
      if (end.status === 'done')
        await Promise.all([get().loadRegistrationStats(), get().loadRegistrationList(), get().loadPasswordAge()]);
    };

    return {
      registration: initialRegistration,

      loadRegistration: async () => {
        const ingest = settle(() => api().jobs.list({ kind: 'registration-ingest' })).then((listed) => {
          // A job followed already goes on being followed.
          if (runningJobId(reg().ingest) !== null) return;
          if (!listed.ok) return patch({ ingest: { status: 'failed', error: listed.error, job: null } });
          const last = listed.value[0];
          if (last === undefined) return patch({ ingest: { status: 'idle' } });
          if (isFinal(last.state)) return patch({ ingest: jobFollowOf(last) });
          void followIngest(() => Promise.resolve(ok(last)));
        });
        await Promise.all([ingest, get().loadRegistrationStats(), get().loadRegistrationList()]);
      },

      loadRegistrationStats: async () => {
        await track(patch, 'stats', () => api().registration.getStats(), { loading: reg().stats.status !== 'ready' });
      },

      loadRegistrationList: async () => {
        const request = ++listRequest;
        const query = defined({ ...reg().query });
        // A new query keeps the old rows on screen until its answer comes, so the table does not flash.
        await track(patch, 'list', () => api().registration.list({ query, offset: 0, limit: REGISTRATION_WINDOW }), {
          loading: reg().list.status !== 'ready',
          isCurrent: () => request === listRequest,
          alsoReady: (page) => rows.reset(query, page.total, page.rows),
        });
      },

      setRegistrationQuery: async (changes) => {
        patch({ query: defined({ ...reg().query, ...changes }) });
        await get().loadRegistrationList();
      },

      // The windows answer the query the table's total came from, not one still loading.
      showRegistrationRows: (first, last) => rows.show(first, last),
      retryRegistrationRows: () => rows.retry(),

      startIngest: async (source, resume) => {
        patch({ ingestActionError: null });
        const started = await settle(() => api().jobs.start({ kind: 'registration-ingest', source, resume }));
        if (!started.ok) return patch({ ingestActionError: started.error });
        await followIngest(() => Promise.resolve(started));
      },

      cancelIngest: () => ingestJob.cancel(),

      loadFallbackEstimate: async () => {
        await track(patch, 'estimate', () => api().registration.estimateFallback());
      },

      openRegistrationUser: async (userId) => {
        patch({ openUserId: userId, user: loading });
        await track(patch, 'user', () => api().registration.getUser({ userId }), {
          loading: false,
          isCurrent: () => reg().openUserId === userId,
        });
      },

      closeRegistrationUser: () => patch({ openUserId: null, user: idle }),

      loadPasswordAge: async () => {
        const request = ++ageRequest;
        const query = defined({ ...reg().passwordAgeQuery });
        const page = () => api().registration.listPasswordAge({ ...query, offset: 0, limit: REGISTRATION_WINDOW });
        await track(patch, 'passwordAge', page, {
          loading: reg().passwordAge.status !== 'ready',
          isCurrent: () => request === ageRequest,
          alsoReady: (page) => ageRows.reset(query, page.total, page.rows),
        });
      },

      setPasswordAgeQuery: async (changes) => {
        patch({ passwordAgeQuery: defined({ ...reg().passwordAgeQuery, ...changes }) });
        await get().loadPasswordAge();
      },

      showPasswordAgeRows: (first, last) => ageRows.show(first, last),
      retryPasswordAgeRows: () => ageRows.retry(),

      startRegistrationExport: async (kind, onFinished) => {
        if (runningJobId(reg().export) !== null) return;
        exportKind = kind;
        const input =
          kind === 'registration'
            ? { kind: 'registration-export' as const, query: defined({ ...reg().query }) }
            : { kind: 'password-age-export' as const, query: defined({ ...reg().passwordAgeQuery }) };
        await exportJob.follow(() => api().jobs.start(input), onFinished);
      },

      cancelRegistrationExport: () => exportJob.cancel(),

      dismissRegistrationExport: () => exportJob.dismiss(),

      forgetRegistrationJobs: () => {
        exportJob.dismiss();
        ingestJob.dismiss();
      },
    };
  };
