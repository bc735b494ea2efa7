// The History screen's state: the filter's row count (`audit:count`) and the windows of `audit:list`
// (by offset) the virtualized table's viewport needs, `audit:verify`'s verdict, the Trends charts
// (`audit:get-stats`), one call's timeline for the drawer, and the CSV export job it polls.
import type { StateCreator } from 'zustand';
import type { AuditEvent, AuditListFilter, AuditVerifyResult } from '../../../shared/audit';
import type { ResetlineApi } from '../../../shared/contract';
import type { AuditStats, CallTimeline } from '../../../shared/history';
import type { Job } from '../../../shared/jobs';
import { ok } from '../../../shared/result';
import { call, idle, loading, track, type Loadable } from './loadable';
import { createWindowedRows, emptyRows, type RowWindow } from './windowedRows';
import { createJobFollower, type JobFollow } from './jobs';
import type { Store } from './types';

/** Rows per `audit:list` window: the table asks for whole windows by offset. */
export const HISTORY_WINDOW = 100;
/** Windows kept in memory; the ones farthest from the viewport are dropped first. */
export const HISTORY_WINDOWS_KEPT = 40;
/** Window requests in flight at once; a fast scroll then never queues up windows nobody looks at any more. */
export const WINDOW_CONCURRENCY = 3;
/** The Trends charts' range when the filter has no dates. */
export const TRENDS_DEFAULT_DAYS = 30;

/** The filter as sent to `audit:list`, without paging (the slice adds offset and limit). */
export type HistoryFilter = Omit<AuditListFilter, 'cursor' | 'offset' | 'limit'>;

export interface HistoryState {
  filter: HistoryFilter;
  /** The count and the first window: while they load or fail there is no table to show. */
  list: Loadable<true>;
  /** The filter's rows (newest first) by windows of HISTORY_WINDOW, with their count (store/windowedRows.ts). */
  rows: RowWindow<AuditEvent>;
  /** The charts, for the filter's dates (or the last TRENDS_DEFAULT_DAYS days) and agent. */
  stats: Loadable<AuditStats>;
  chain: Loadable<AuditVerifyResult>;
  /** The call whose timeline the drawer shows (null: closed). */
  openCallId: string | null;
  timeline: Loadable<CallTimeline>;
  export: JobFollow;
  /** The table's columns the agent hid (ids of features/history/auditColumns.tsx); null: the defaults. */
  hiddenColumns: string[] | null;
  /** Bumped by every reload so answers to an older request are dropped, not appended. */
  generation: number;
}

export interface HistorySlice {
  history: HistoryState;
  loadHistory: () => Promise<void>;
  /** Replaces the filter and reloads from the first page. */
  applyHistoryFilter: (filter: HistoryFilter) => Promise<void>;
  /** The table's viewport shows rows first..last: fetch the windows it misses (the newest request wins). */
  showHistoryRows: (first: number, last: number) => void;
  /** Retries the windows of the rows on screen after a failure. */
  retryHistoryWindows: () => void;
  loadHistoryStats: () => Promise<void>;
  verifyChain: () => Promise<void>;
  openCallTimeline: (callId: string) => Promise<void>;
  closeCallTimeline: () => void;
  /** Runs the export of the current filter to its end; `onFinished` delivers the finished file. */
  startHistoryExport: (onFinished: (job: Job) => Promise<void>) => Promise<void>;
  cancelHistoryExport: () => Promise<void>;
  dismissHistoryExport: () => void;
  /** Shows or hides table columns (the column chooser). */
  setHistoryHiddenColumns: (hidden: string[]) => void;
}

const initialHistory: HistoryState = {
  filter: {},
  list: idle,
  rows: emptyRows(HISTORY_WINDOW),
  stats: idle,
  chain: idle,
  openCallId: null,
  timeline: idle,
  export: { status: 'idle' },
  hiddenColumns: null,
  generation: 0,
};

const DAY_MS = 86_400_000;

/** The charts' range: the filter's dates, each side defaulting to a 30-day span ending today. */
export function trendsRange(filter: HistoryFilter, now = Date.now()): { from: string; to: string } {
  const to = filter.to ?? new Date(Math.floor(now / DAY_MS) * DAY_MS + DAY_MS - 1).toISOString();
  const from =
    filter.from ??
    new Date(Math.floor(Date.parse(to) / DAY_MS) * DAY_MS - (TRENDS_DEFAULT_DAYS - 1) * DAY_MS).toISOString();
  return { from, to };
}

export const createHistorySlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], HistorySlice> =>
  (set, get) => {
    const patch = (changes: Partial<HistoryState>) => set((s) => ({ history: { ...s.history, ...changes } }));
    const isCurrent = (generation: number) => get().history.generation === generation;
    const exportJob = createJobFollower({
      jobs: () => api().jobs,
      events: api,
      state: () => get().history.export,
      show: (state) => patch({ export: state }),
    });

    // The filter's rows, a window at a time around the rows on screen (store/windowedRows.ts).
    const rows = createWindowedRows<HistoryFilter, AuditEvent>({
      pageSize: HISTORY_WINDOW,
      maxPages: HISTORY_WINDOWS_KEPT,
      concurrency: WINDOW_CONCURRENCY,
      read: () => get().history.rows,
      write: (next) => patch({ rows: next }),
      fetchPage: async (filter, offset, limit) => {
        const page = await api().audit.list({ ...filter, offset, limit });
        return page.ok ? ok(page.value.events) : page;
      },
    });

    return {
      history: initialHistory,

      loadHistory: async () => {
        const { filter } = get().history;
        const generation = get().history.generation + 1;
        rows.reset(filter, 0);
        patch({ list: loading, generation });
        void get().loadHistoryStats();
        const first = async () =>
          ok(
            await Promise.all([
              call(api().audit.count(filter)),
              call(api().audit.list({ ...filter, offset: 0, limit: HISTORY_WINDOW })),
            ]),
          );
        await track(patch, 'list', first, {
          loading: false,
          isCurrent: () => isCurrent(generation),
          select: () => true as const,
          alsoReady: ([count, page]) => rows.reset(filter, count.total, page.events),
        });
        // After the rows: on a million-row trail the check takes seconds of main's time, and the
        // table should not wait behind it.
        void get().verifyChain();
      },

      setHistoryHiddenColumns: (hidden) => patch({ hiddenColumns: [...hidden] }),

      applyHistoryFilter: async (filter) => {
        patch({ filter });
        await get().loadHistory();
      },

      showHistoryRows: (first, last) => rows.show(first, last),

      retryHistoryWindows: () => rows.retry(),

      loadHistoryStats: async () => {
        const { filter } = get().history;
        const generation = get().history.generation;
        const range = trendsRange(filter);
        const agent = filter.agentUpn === undefined ? {} : { agentUpn: filter.agentUpn };
        await track(patch, 'stats', () => api().audit.getStats({ ...range, ...agent }), {
          isCurrent: () => isCurrent(generation),
        });
      },

      verifyChain: async () => {
        if (get().history.chain.status === 'loading') return;
        await track(patch, 'chain', () => api().audit.verify());
      },

      openCallTimeline: async (callId) => {
        patch({ openCallId: callId, timeline: loading });
        await track(patch, 'timeline', () => api().audit.getCall({ callId }), {
          loading: false,
          isCurrent: () => get().history.openCallId === callId,
        });
      },

      closeCallTimeline: () => patch({ openCallId: null, timeline: idle }),

      startHistoryExport: async (onFinished) => {
        const { filter } = get().history;
        await exportJob.follow(() => api().jobs.start({ kind: 'audit-export', filter }), onFinished);
      },

      cancelHistoryExport: () => exportJob.cancel(),

      dismissHistoryExport: () => exportJob.dismiss(),
    };
  };
