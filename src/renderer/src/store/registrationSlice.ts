// The Registration screen's state: the ingest job it polls, the snapshot's stats, the table's
// query with the first window of `registration:list` (the table fetches further windows itself through
// `fetchRegistrationWindow`), one user's drill-down, the password-age list, and the CSV export job.
import type { StateCreator } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import type { AuditExportJob } from '../../../shared/history';
import type {
  FallbackEstimate,
  IngestProgress,
  PasswordAgePage,
  PasswordAgeRequest,
  RegistrationPage,
  RegistrationQuery,
  RegistrationStats,
  RegistrationUserDetail,
  SnapshotSource,
} from '../../../shared/registration';
import type { ResultError } from '../../../shared/result';
import { runExport, type ExportJobState } from './exportJob';
import { call, idle, loading, settle, track, type Loadable } from './loadable';
import { pollUntil } from './poll';
import type { Store } from './types';

/** Rows per `registration:list` / `registration:password-age` call: one window of the virtualized table. */
export const REGISTRATION_WINDOW = 100;
export const INGEST_POLL_MS = 500;

/** The table's query with the defaults filled in, so the UI can show each field as it is. */
export type RegistrationQueryState = Required<Pick<RegistrationQuery, 'preset' | 'sort' | 'descending'>> &
  Pick<RegistrationQuery, 'method' | 'department' | 'search'>;
export type PasswordAgeQueryState = Omit<PasswordAgeRequest, 'offset' | 'limit'> & { withinDays: number };
export type RegistrationExportKind = 'registration' | 'password-age';

export interface RegistrationState {
  /** The running or last ingest, as `registration:get-ingest` last told it. */
  ingest: Loadable<IngestProgress | null>;
  /** A refused start or cancel (the job's own failure is in `ingest.value.error`). */
  ingestActionError: ResultError | null;
  stats: Loadable<RegistrationStats>;
  query: RegistrationQueryState;
  /** The first window for the query: its total sizes the table, its snapshot tells whether one exists. */
  list: Loadable<RegistrationPage>;
  /** Bumped with every answered query or new snapshot; the table drops the windows it cached for an older one. */
  listVersion: number;
  estimate: Loadable<FallbackEstimate>;
  openUserId: string | null;
  user: Loadable<RegistrationUserDetail>;
  passwordAgeQuery: PasswordAgeQueryState;
  passwordAge: Loadable<PasswordAgePage>;
  passwordAgeVersion: number;
  export: ExportJobState & { kind?: RegistrationExportKind };
}

export interface RegistrationSlice {
  registration: RegistrationState;
  /** Everything the screen shows at once: the ingest (polled on while it runs), stats and the table. */
  loadRegistration: () => Promise<void>;
  loadRegistrationStats: () => Promise<void>;
  loadRegistrationList: () => Promise<void>;
  setRegistrationQuery: (changes: Partial<RegistrationQueryState>) => Promise<void>;
  /** One window of the current query, for the virtualized table (throws on failure). */
  fetchRegistrationWindow: (offset: number, limit: number) => Promise<RegistrationPage>;
  startIngest: (source: SnapshotSource, resume: boolean) => Promise<void>;
  cancelIngest: () => Promise<void>;
  loadFallbackEstimate: () => Promise<void>;
  openRegistrationUser: (userId: string) => Promise<void>;
  closeRegistrationUser: () => void;
  loadPasswordAge: () => Promise<void>;
  setPasswordAgeQuery: (changes: Partial<PasswordAgeQueryState>) => Promise<void>;
  fetchPasswordAgeWindow: (offset: number, limit: number) => Promise<PasswordAgePage>;
  /** Exports the current filter of one view as CSV; `onFinished` delivers the finished file. */
  startRegistrationExport: (
    kind: RegistrationExportKind,
    onFinished: (job: AuditExportJob) => Promise<void>,
  ) => Promise<void>;
  cancelRegistrationExport: () => Promise<void>;
  dismissRegistrationExport: () => void;
}

const initialRegistration: RegistrationState = {
  ingest: idle,
  ingestActionError: null,
  stats: idle,
  query: { preset: 'all', sort: 'displayName', descending: false },
  list: idle,
  listVersion: 0,
  estimate: idle,
  openUserId: null,
  user: idle,
  passwordAgeQuery: { withinDays: 14 },
  passwordAge: idle,
  passwordAgeVersion: 0,
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
    let polling = false;
    // Answers to an older query are dropped; the windows are fetched for the query the shown total answers.
    let listRequest = 0;
    let ageRequest = 0;
    let listQuery: RegistrationQuery = initialRegistration.query;
    let ageQuery: PasswordAgeQueryState = initialRegistration.passwordAgeQuery;
    const runningExportId = () => {
      const state = reg().export;
      return state.status === 'running' ? state.job.jobId : null;
    };
    // The export being followed; cancel and dismiss abort it (they set the state themselves).
    let exportRun: AbortController | null = null;

    /** Follows the running ingest to its end; a finished one brings the new snapshot on screen. */
    const pollIngest = async () => {
      const current = reg().ingest;
      if (polling || current.status !== 'ready' || current.value?.state !== 'running') return;
      polling = true;
      const outcome = await pollUntil({
        read: () => api().registration.getIngest(),
        onAnswer: (value) => patch({ ingest: { status: 'ready', value } }),
        until: (next) => next?.state !== 'running',
        intervalMs: INGEST_POLL_MS,
      });
      if (outcome.status === 'error') patch({ ingest: { status: 'error', error: outcome.error } });
      if (outcome.status === 'done' && outcome.value?.state === 'done')
        await Promise.all([get().loadRegistrationStats(), get().loadRegistrationList(), get().loadPasswordAge()]);
      polling = false;
    };

    return {
      registration: initialRegistration,

      loadRegistration: async () => {
        const first = reg().ingest.status === 'idle';
        if (first) patch({ ingest: loading });
        const ingest = track(patch, 'ingest', () => api().registration.getIngest(), { loading: false }).then(
          (loaded) => {
            if (loaded?.ok) void pollIngest();
          },
        );
        await Promise.all([ingest, get().loadRegistrationStats(), get().loadRegistrationList()]);
      },

      loadRegistrationStats: async () => {
        await track(patch, 'stats', () => api().registration.stats(), { loading: reg().stats.status !== 'ready' });
      },

      loadRegistrationList: async () => {
        const request = ++listRequest;
        const query = defined({ ...reg().query });
        // A new query keeps the old rows on screen until its answer comes, so the table does not flash.
        await track(patch, 'list', () => api().registration.list({ query, offset: 0, limit: REGISTRATION_WINDOW }), {
          loading: reg().list.status !== 'ready',
          isCurrent: () => request === listRequest,
          alsoReady: () => {
            listQuery = query;
            return { listVersion: reg().listVersion + 1 };
          },
        });
      },

      setRegistrationQuery: async (changes) => {
        patch({ query: defined({ ...reg().query, ...changes }) });
        await get().loadRegistrationList();
      },

      // The windows answer the query the table's total came from, not one still loading.
      fetchRegistrationWindow: (offset, limit) => call(api().registration.list({ query: listQuery, offset, limit })),

      startIngest: async (source, resume) => {
        patch({ ingestActionError: null });
        const started = await settle(() => api().registration.startIngest({ source, resume }));
        if (!started.ok) return patch({ ingestActionError: started.error });
        patch({ ingest: { status: 'ready', value: started.value } });
        if (started.value.state === 'done') await get().loadRegistration();
        else await pollIngest();
      },

      cancelIngest: async () => {
        patch({ ingestActionError: null });
        const cancelled = await settle(() => api().registration.cancelIngest());
        if (cancelled.ok) patch({ ingest: { status: 'ready', value: cancelled.value } });
        else patch({ ingestActionError: cancelled.error });
      },

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
        const page = () => api().registration.passwordAge({ ...query, offset: 0, limit: REGISTRATION_WINDOW });
        await track(patch, 'passwordAge', page, {
          loading: reg().passwordAge.status !== 'ready',
          isCurrent: () => request === ageRequest,
          alsoReady: () => {
            ageQuery = query;
            return { passwordAgeVersion: reg().passwordAgeVersion + 1 };
          },
        });
      },

      setPasswordAgeQuery: async (changes) => {
        patch({ passwordAgeQuery: defined({ ...reg().passwordAgeQuery, ...changes }) });
        await get().loadPasswordAge();
      },

      fetchPasswordAgeWindow: (offset, limit) => call(api().registration.passwordAge({ ...ageQuery, offset, limit })),

      startRegistrationExport: async (kind, onFinished) => {
        if (runningExportId() !== null) return;
        const input =
          kind === 'registration'
            ? { kind, query: defined({ ...reg().query }) }
            : { kind, query: defined({ ...reg().passwordAgeQuery }) };
        const run = new AbortController();
        exportRun = run;
        await runExport({
          start: () => api().registration.startExport(input),
          read: (jobId) => api().registration.getExport({ jobId }),
          onFinished,
          show: (state) => patch({ export: { ...state, kind } }),
          signal: run.signal,
        });
      },

      cancelRegistrationExport: async () => {
        const jobId = runningExportId();
        if (jobId === null) return;
        exportRun?.abort();
        patch({ export: { status: 'cancelled', kind: reg().export.kind } });
        const cancelled = await settle(() => api().registration.cancelExport({ jobId }));
        if (!cancelled.ok) patch({ export: { status: 'error', error: cancelled.error } });
      },

      dismissRegistrationExport: () => {
        exportRun?.abort();
        patch({ export: { status: 'idle' } });
      },
    };
  };
