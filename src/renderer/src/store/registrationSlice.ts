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
import { isErrorCode, type ResultError } from '../../../shared/result';
import type { ExportJobState } from './exportJob';
import { call, idle, loading, toResultError, type Loadable } from './loadable';
import type { Store } from './types';

/** Rows per `registration:list` / `registration:password-age` call: one window of the virtualized table. */
export const REGISTRATION_WINDOW = 100;
export const INGEST_POLL_MS = 500;
const EXPORT_POLL_MS = 250;

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

    /** Follows the running ingest to its end; a finished one brings the new snapshot on screen. */
    const pollIngest = async () => {
      if (polling) return;
      polling = true;
      try {
        for (;;) {
          const current = reg().ingest;
          if (current.status !== 'ready' || current.value?.state !== 'running') break;
          await sleep(INGEST_POLL_MS);
          const next = await call(api().registration.getIngest());
          patch({ ingest: { status: 'ready', value: next } });
          if (next?.state === 'done') {
            await Promise.all([get().loadRegistrationStats(), get().loadRegistrationList(), get().loadPasswordAge()]);
          }
        }
      } catch (error) {
        patch({ ingest: { status: 'error', error: toResultError(error) } });
      } finally {
        polling = false;
      }
    };

    return {
      registration: initialRegistration,

      loadRegistration: async () => {
        const first = reg().ingest.status === 'idle';
        if (first) patch({ ingest: loading });
        const ingest = (async () => {
          try {
            patch({ ingest: { status: 'ready', value: await call(api().registration.getIngest()) } });
            void pollIngest();
          } catch (error) {
            patch({ ingest: { status: 'error', error: toResultError(error) } });
          }
        })();
        await Promise.all([ingest, get().loadRegistrationStats(), get().loadRegistrationList()]);
      },

      loadRegistrationStats: async () => {
        if (reg().stats.status !== 'ready') patch({ stats: loading });
        try {
          patch({ stats: { status: 'ready', value: await call(api().registration.stats()) } });
        } catch (error) {
          patch({ stats: { status: 'error', error: toResultError(error) } });
        }
      },

      loadRegistrationList: async () => {
        const request = ++listRequest;
        const query = defined({ ...reg().query });
        // A new query keeps the old rows on screen until its answer comes, so the table does not flash.
        if (reg().list.status !== 'ready') patch({ list: loading });
        try {
          const page = await call(api().registration.list({ query, offset: 0, limit: REGISTRATION_WINDOW }));
          if (request !== listRequest) return;
          listQuery = query;
          patch({ list: { status: 'ready', value: page }, listVersion: reg().listVersion + 1 });
        } catch (error) {
          if (request !== listRequest) return;
          patch({ list: { status: 'error', error: toResultError(error) } });
        }
      },

      setRegistrationQuery: async (changes) => {
        patch({ query: defined({ ...reg().query, ...changes }) });
        await get().loadRegistrationList();
      },

      // The windows answer the query the table's total came from, not one still loading.
      fetchRegistrationWindow: (offset, limit) => call(api().registration.list({ query: listQuery, offset, limit })),

      startIngest: async (source, resume) => {
        patch({ ingestActionError: null });
        try {
          const progress = await call(api().registration.startIngest({ source, resume }));
          patch({ ingest: { status: 'ready', value: progress } });
          if (progress.state === 'done') await get().loadRegistration();
          else await pollIngest();
        } catch (error) {
          patch({ ingestActionError: toResultError(error) });
        }
      },

      cancelIngest: async () => {
        patch({ ingestActionError: null });
        try {
          const progress = await call(api().registration.cancelIngest());
          patch({ ingest: { status: 'ready', value: progress } });
        } catch (error) {
          patch({ ingestActionError: toResultError(error) });
        }
      },

      loadFallbackEstimate: async () => {
        patch({ estimate: loading });
        try {
          patch({ estimate: { status: 'ready', value: await call(api().registration.estimateFallback()) } });
        } catch (error) {
          patch({ estimate: { status: 'error', error: toResultError(error) } });
        }
      },

      openRegistrationUser: async (userId) => {
        patch({ openUserId: userId, user: loading });
        try {
          const detail = await call(api().registration.getUser({ userId }));
          if (reg().openUserId === userId) patch({ user: { status: 'ready', value: detail } });
        } catch (error) {
          if (reg().openUserId === userId) patch({ user: { status: 'error', error: toResultError(error) } });
        }
      },

      closeRegistrationUser: () => patch({ openUserId: null, user: idle }),

      loadPasswordAge: async () => {
        const request = ++ageRequest;
        const query = defined({ ...reg().passwordAgeQuery });
        if (reg().passwordAge.status !== 'ready') patch({ passwordAge: loading });
        try {
          const page = await call(api().registration.passwordAge({ ...query, offset: 0, limit: REGISTRATION_WINDOW }));
          if (request !== ageRequest) return;
          ageQuery = query;
          patch({ passwordAge: { status: 'ready', value: page }, passwordAgeVersion: reg().passwordAgeVersion + 1 });
        } catch (error) {
          if (request !== ageRequest) return;
          patch({ passwordAge: { status: 'error', error: toResultError(error) } });
        }
      },

      setPasswordAgeQuery: async (changes) => {
        patch({ passwordAgeQuery: defined({ ...reg().passwordAgeQuery, ...changes }) });
        await get().loadPasswordAge();
      },

      fetchPasswordAgeWindow: (offset, limit) => call(api().registration.passwordAge({ ...ageQuery, offset, limit })),

      startRegistrationExport: async (kind, onFinished) => {
        if (runningExportId() !== null) return;
        try {
          const input =
            kind === 'registration'
              ? { kind, query: defined({ ...reg().query }) }
              : { kind, query: defined({ ...reg().passwordAgeQuery }) };
          let job = await call(api().registration.startExport(input));
          patch({ export: { status: 'running', job, kind } });
          while (!job.done) {
            await sleep(EXPORT_POLL_MS);
            // Cancelled (or dismissed) from the UI meanwhile: that action already set the state.
            if (runningExportId() !== job.jobId) return;
            job = await call(api().registration.getExport({ jobId: job.jobId }));
            if (runningExportId() !== job.jobId) return;
            patch({ export: { status: 'running', job, kind } });
          }
          if (job.cancelled) return patch({ export: { status: 'cancelled', kind } });
          if (job.error) {
            const code = isErrorCode(job.error.code) ? job.error.code : 'internal';
            return patch({ export: { status: 'error', error: { code, message: job.error.message }, kind } });
          }
          await onFinished(job);
          patch({ export: { status: 'done', job, kind } });
        } catch (error) {
          patch({ export: { status: 'error', error: toResultError(error), kind } });
        }
      },

      cancelRegistrationExport: async () => {
        const jobId = runningExportId();
        if (jobId === null) return;
        patch({ export: { status: 'cancelled', kind: reg().export.kind } });
        try {
          await call(api().registration.cancelExport({ jobId }));
        } catch (error) {
          patch({ export: { status: 'error', error: toResultError(error) } });
        }
      },

      dismissRegistrationExport: () => patch({ export: { status: 'idle' } }),
    };
  };
