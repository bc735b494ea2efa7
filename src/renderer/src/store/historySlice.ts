// The History screen's state: pages of `audit:list` for the current filter joined by their cursor,
// `audit:verify`'s verdict, one call's timeline for the drawer, and the CSV export job it polls.
import type { StateCreator } from 'zustand';
import type { AuditEvent, AuditListFilter, AuditVerifyResult } from '../../../shared/audit';
import type { ResetlineApi } from '../../../shared/contract';
import type { AuditExportJob, CallTimeline } from '../../../shared/history';
import { isErrorCode, type ResultError } from '../../../shared/result';
import { call, idle, loading, toResultError, type Loadable } from './loadable';
import type { Store } from './types';

export const HISTORY_PAGE_SIZE = 100;
/** How often a running export is polled; short, because the progress bar is the only feedback. */
export const EXPORT_POLL_MS = 250;

/** The filter as sent to `audit:list`, without paging (the slice adds cursor and limit). */
export type HistoryFilter = Omit<AuditListFilter, 'cursor' | 'limit'>;

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; job: AuditExportJob }
  | { status: 'done'; job: AuditExportJob }
  | { status: 'cancelled' }
  | { status: 'error'; error: ResultError };

export interface HistoryState {
  filter: HistoryFilter;
  /** The first page: while it loads or fails there is nothing to show. */
  list: Loadable<true>;
  events: AuditEvent[];
  nextCursor: string | null;
  /** "Load more" has its own state so a failed later page keeps the rows already shown. */
  more: { status: 'idle' | 'loading' } | { status: 'error'; error: ResultError };
  chain: Loadable<AuditVerifyResult>;
  /** The call whose timeline the drawer shows (null: closed). */
  openCallId: string | null;
  timeline: Loadable<CallTimeline>;
  export: ExportState;
  /** Bumped by every reload so answers to an older request are dropped, not appended. */
  generation: number;
}

export interface HistorySlice {
  history: HistoryState;
  loadHistory: () => Promise<void>;
  /** Replaces the filter and reloads from the first page. */
  applyHistoryFilter: (filter: HistoryFilter) => Promise<void>;
  loadMoreHistory: () => Promise<void>;
  verifyChain: () => Promise<void>;
  openCallTimeline: (callId: string) => Promise<void>;
  closeCallTimeline: () => void;
  /** Runs the export of the current filter to its end; `onFinished` receives the finished job. */
  startHistoryExport: (onFinished: (job: AuditExportJob) => Promise<void>) => Promise<void>;
  cancelHistoryExport: () => Promise<void>;
  dismissHistoryExport: () => void;
}

const initialHistory: HistoryState = {
  filter: {},
  list: idle,
  events: [],
  nextCursor: null,
  more: { status: 'idle' },
  chain: idle,
  openCallId: null,
  timeline: idle,
  export: { status: 'idle' },
  generation: 0,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createHistorySlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], HistorySlice> =>
  (set, get) => {
    const patch = (changes: Partial<HistoryState>) => set((s) => ({ history: { ...s.history, ...changes } }));
    const isCurrent = (generation: number) => get().history.generation === generation;
    const runningJobId = () => {
      const state = get().history.export;
      return state.status === 'running' ? state.job.jobId : null;
    };

    return {
      history: initialHistory,

      loadHistory: async () => {
        const { filter } = get().history;
        const generation = get().history.generation + 1;
        patch({ list: loading, more: { status: 'idle' }, generation });
        void get().verifyChain();
        try {
          const page = await call(api().audit.list({ ...filter, limit: HISTORY_PAGE_SIZE }));
          if (!isCurrent(generation)) return;
          patch({ list: { status: 'ready', value: true }, events: page.events, nextCursor: page.nextCursor });
        } catch (error) {
          if (!isCurrent(generation)) return;
          patch({ list: { status: 'error', error: toResultError(error) }, events: [], nextCursor: null });
        }
      },

      applyHistoryFilter: async (filter) => {
        patch({ filter });
        await get().loadHistory();
      },

      loadMoreHistory: async () => {
        const { nextCursor, more, generation, filter } = get().history;
        if (nextCursor === null || more.status === 'loading') return;
        patch({ more: { status: 'loading' } });
        try {
          const page = await call(api().audit.list({ ...filter, limit: HISTORY_PAGE_SIZE, cursor: nextCursor }));
          if (!isCurrent(generation)) return;
          const { events } = get().history;
          patch({ events: [...events, ...page.events], nextCursor: page.nextCursor, more: { status: 'idle' } });
        } catch (error) {
          if (!isCurrent(generation)) return;
          patch({ more: { status: 'error', error: toResultError(error) } });
        }
      },

      verifyChain: async () => {
        if (get().history.chain.status === 'loading') return;
        patch({ chain: loading });
        try {
          patch({ chain: { status: 'ready', value: await call(api().audit.verify()) } });
        } catch (error) {
          patch({ chain: { status: 'error', error: toResultError(error) } });
        }
      },

      openCallTimeline: async (callId) => {
        patch({ openCallId: callId, timeline: loading });
        try {
          const timeline = await call(api().audit.getCall({ callId }));
          if (get().history.openCallId !== callId) return;
          patch({ timeline: { status: 'ready', value: timeline } });
        } catch (error) {
          if (get().history.openCallId !== callId) return;
          patch({ timeline: { status: 'error', error: toResultError(error) } });
        }
      },

      closeCallTimeline: () => patch({ openCallId: null, timeline: idle }),

      startHistoryExport: async (onFinished) => {
        if (runningJobId() !== null) return;
        try {
          let job = await call(api().audit.startExport({ filter: get().history.filter }));
          patch({ export: { status: 'running', job } });
          while (!job.done) {
            await sleep(EXPORT_POLL_MS);
            // Cancelled (or dismissed) from the UI meanwhile: that action already set the state.
            if (runningJobId() !== job.jobId) return;
            job = await call(api().audit.getExport({ jobId: job.jobId }));
            if (runningJobId() !== job.jobId) return;
            patch({ export: { status: 'running', job } });
          }
          if (job.cancelled) return patch({ export: { status: 'cancelled' } });
          if (job.error) {
            const code = isErrorCode(job.error.code) ? job.error.code : 'internal';
            return patch({ export: { status: 'error', error: { code, message: job.error.message } } });
          }
          await onFinished(job);
          patch({ export: { status: 'done', job } });
        } catch (error) {
          patch({ export: { status: 'error', error: toResultError(error) } });
        }
      },

      cancelHistoryExport: async () => {
        const jobId = runningJobId();
        if (jobId === null) return;
        patch({ export: { status: 'cancelled' } });
        try {
          await call(api().audit.cancelExport({ jobId }));
        } catch (error) {
          patch({ export: { status: 'error', error: toResultError(error) } });
        }
      },

      dismissHistoryExport: () => patch({ export: { status: 'idle' } }),
    };
  };
