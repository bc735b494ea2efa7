// The History screen's state: the filter's row count (`audit:count`) and the windows of `audit:list`
// (by offset) the virtualized table's viewport needs, `audit:verify`'s verdict, the Trends charts
// (`audit:stats`), one call's timeline for the drawer, and the CSV export job it polls.
import type { StateCreator } from 'zustand';
import type { AuditEvent, AuditListFilter, AuditVerifyResult } from '../../../shared/audit';
import type { ResetlineApi } from '../../../shared/contract';
import type { AuditExportJob, AuditStats, CallTimeline } from '../../../shared/history';
import { ok, type ResultError } from '../../../shared/result';
import { call, idle, loading, settle, track, type Loadable } from './loadable';
import { runExport, type ExportJobState } from './exportJob';
import type { Store } from './types';

/** Rows per `audit:list` window: the table asks for whole windows by offset. */
export const HISTORY_WINDOW = 100;
/** Windows kept in memory; the ones farthest from the viewport are dropped first. */
export const HISTORY_WINDOWS_KEPT = 40;
/** Window requests in flight at once; a fast scroll then never queues up windows nobody looks at any more. */
const WINDOW_CONCURRENCY = 3;
/** The Trends charts' range when the filter has no dates. */
export const TRENDS_DEFAULT_DAYS = 30;
export { EXPORT_POLL_MS } from './exportJob';

/** The filter as sent to `audit:list`, without paging (the slice adds offset and limit). */
export type HistoryFilter = Omit<AuditListFilter, 'cursor' | 'offset' | 'limit'>;

export type ExportState = ExportJobState;

export interface HistoryState {
  filter: HistoryFilter;
  /** The count and the first window: while they load or fail there is no table to show. */
  list: Loadable<true>;
  /** Rows matching the filter: the table's size. */
  total: number;
  /** Loaded windows by index (rows index*HISTORY_WINDOW onwards, newest first). */
  windows: Record<number, AuditEvent[]>;
  /** The last failed window; the rows already shown stay. */
  windowError: ResultError | null;
  /** The charts, for the filter's dates (or the last TRENDS_DEFAULT_DAYS days) and agent. */
  stats: Loadable<AuditStats>;
  chain: Loadable<AuditVerifyResult>;
  /** The call whose timeline the drawer shows (null: closed). */
  openCallId: string | null;
  timeline: Loadable<CallTimeline>;
  export: ExportState;
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
  /** Runs the export of the current filter to its end; `onFinished` receives the finished job. */
  startHistoryExport: (onFinished: (job: AuditExportJob) => Promise<void>) => Promise<void>;
  cancelHistoryExport: () => Promise<void>;
  dismissHistoryExport: () => void;
  /** Shows or hides table columns (the column chooser). */
  setHistoryHiddenColumns: (hidden: string[]) => void;
}

const initialHistory: HistoryState = {
  filter: {},
  list: idle,
  total: 0,
  windows: {},
  windowError: null,
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
    const runningJobId = () => {
      const state = get().history.export;
      return state.status === 'running' ? state.job.jobId : null;
    };
    // The export being followed; cancel and dismiss abort it (they set the state themselves).
    let exportRun: AbortController | null = null;

    // The rows the viewport shows now, and the windows being fetched. Module-level rather than state:
    // no component renders them, and a scroll must not re-render the screen.
    let wanted = { first: 0, last: HISTORY_WINDOW - 1 };
    const inFlight = new Set<number>();

    /** Starts the missing windows nearest the viewport, up to WINDOW_CONCURRENCY at once. */
    const pump = (): void => {
      const h = get().history;
      if (h.list.status !== 'ready' || h.windowError !== null || h.total === 0) return;
      const lastWindow = Math.floor((h.total - 1) / HISTORY_WINDOW);
      const from = Math.floor(wanted.first / HISTORY_WINDOW);
      const to = Math.min(lastWindow, Math.floor(wanted.last / HISTORY_WINDOW));
      for (let w = from; w <= to && inFlight.size < WINDOW_CONCURRENCY; w++) {
        if (h.windows[w] !== undefined || inFlight.has(w)) continue;
        void fetchWindow(w, h.generation);
      }
    };

    const fetchWindow = async (w: number, generation: number): Promise<void> => {
      inFlight.add(w);
      const { filter } = get().history;
      const page = await settle(() =>
        api().audit.list({ ...filter, offset: w * HISTORY_WINDOW, limit: HISTORY_WINDOW }),
      );
      if (!isCurrent(generation)) return;
      if (page.ok) patch({ windows: keepNearest({ ...get().history.windows, [w]: page.value.events }) });
      else patch({ windowError: page.error });
      inFlight.delete(w);
      pump();
    };

    /** Drops the windows farthest from the viewport once more than HISTORY_WINDOWS_KEPT are held. */
    const keepNearest = (windows: Record<number, AuditEvent[]>): Record<number, AuditEvent[]> => {
      const keys = Object.keys(windows).map(Number);
      if (keys.length <= HISTORY_WINDOWS_KEPT) return windows;
      const centre = (wanted.first + wanted.last) / 2 / HISTORY_WINDOW;
      keys.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre));
      const kept: Record<number, AuditEvent[]> = {};
      for (const k of keys.slice(0, HISTORY_WINDOWS_KEPT)) {
        const rows = windows[k];
        if (rows !== undefined) kept[k] = rows;
      }
      return kept;
    };

    return {
      history: initialHistory,

      loadHistory: async () => {
        const { filter } = get().history;
        const generation = get().history.generation + 1;
        wanted = { first: 0, last: HISTORY_WINDOW - 1 };
        inFlight.clear();
        patch({ list: loading, windows: {}, windowError: null, total: 0, generation });
        void get().loadHistoryStats();
        const first = async () =>
          ok(
            await Promise.all([
              call(api().audit.count(filter)),
              call(api().audit.list({ ...filter, offset: 0, limit: HISTORY_WINDOW })),
            ]),
          );
        const loaded = await track(patch, 'list', first, {
          loading: false,
          isCurrent: () => isCurrent(generation),
          select: () => true as const,
          alsoReady: ([count, page]) => ({ total: count.total, windows: { 0: page.events } }),
          alsoError: () => ({ windows: {}, total: 0 }),
        });
        if (loaded?.ok) pump();
        // After the rows: on a million-row trail the check takes seconds of main's time, and the
        // table should not wait behind it.
        void get().verifyChain();
      },

      setHistoryHiddenColumns: (hidden) => patch({ hiddenColumns: [...hidden] }),

      applyHistoryFilter: async (filter) => {
        patch({ filter });
        await get().loadHistory();
      },

      showHistoryRows: (first, last) => {
        wanted = { first: Math.max(0, first), last: Math.max(first, last) };
        pump();
      },

      retryHistoryWindows: () => {
        patch({ windowError: null });
        pump();
      },

      loadHistoryStats: async () => {
        const { filter } = get().history;
        const generation = get().history.generation;
        const range = trendsRange(filter);
        const agent = filter.agentUpn === undefined ? {} : { agentUpn: filter.agentUpn };
        await track(patch, 'stats', () => api().audit.stats({ ...range, ...agent }), {
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
        if (runningJobId() !== null) return;
        const { filter } = get().history;
        const run = new AbortController();
        exportRun = run;
        await runExport({
          start: () => api().audit.startExport({ filter }),
          read: (jobId) => api().audit.getExport({ jobId }),
          onFinished,
          show: (state) => patch({ export: state }),
          signal: run.signal,
        });
      },

      cancelHistoryExport: async () => {
        const jobId = runningJobId();
        if (jobId === null) return;
        exportRun?.abort();
        patch({ export: { status: 'cancelled' } });
        const cancelled = await settle(() => api().audit.cancelExport({ jobId }));
        if (!cancelled.ok) patch({ export: { status: 'error', error: cancelled.error } });
      },

      dismissHistoryExport: () => {
        exportRun?.abort();
        patch({ export: { status: 'idle' } });
      },
    };
  };
