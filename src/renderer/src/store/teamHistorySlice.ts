// History's "Team" view: the same filter as "This PC" (history.filter), answered from the team's
// Log Analytics workspace (`team:count-events`, windows of `team:list-events` by offset, `team:get-trends`,
// `team:get-call` into History's own drawer), and the filter's CSV: the `team-export` job, which main
// writes from the workspace to a file (started with jobs:start, followed by its events: createJobFollower).
// The desk (a team-only filter, kept here so History's filter form never drops it) narrows all of them; the
// desk checks (`team:check-desks`, the anchor) load beside the table.
import type { StateCreator } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import type { Job } from '../../../shared/jobs';
import { ok } from '../../../shared/result';
import type { DeskChecks, TeamCount, TeamEvent, TeamTrends } from '../../../shared/team';
import { trendsRange, type HistoryFilter } from './historySlice';
import { createJobFollower, type JobFollow } from './jobs';
import { call, idle, loading, track, type Loadable } from './loadable';
import type { Store } from './types';
import { createWindowedRows, emptyRows, type RowWindow } from './windowedRows';

export type HistoryMode = 'pc' | 'team';
/** History's filter and the team view's desk. */
export type TeamFilter = HistoryFilter & { desk?: string };

/** Rows per `team:list-events` window (each is one query against the workspace's rate). */
export const TEAM_WINDOW = 100;
/** Windows kept in memory. */
export const TEAM_WINDOWS_KEPT = 40;
/** Window requests in flight at once: the query rate is per user (200 per 30 s), shared by every screen. */
export const TEAM_CONCURRENCY = 2;

export interface TeamHistoryState {
  mode: HistoryMode;
  /** The count and the first window. */
  list: Loadable<TeamCount>;
  rows: RowWindow<TeamEvent>;
  trends: Loadable<TeamTrends>;
  /** The desk the team view shows (undefined: every desk). */
  desk: string | undefined;
  /** Each desk's forwarded trail checked against itself. */
  deskChecks: Loadable<DeskChecks>;
  /** The `team-export` job writing the filter's team rows as CSV: its rows written, or how it ended. */
  export: JobFollow;
  generation: number;
}

export interface TeamHistorySlice {
  teamHistory: TeamHistoryState;
  /** "This PC" or "Team": the team view loads on the switch. */
  setHistoryMode: (mode: HistoryMode) => Promise<void>;
  loadTeamHistory: () => Promise<void>;
  /** Shows one desk (undefined: every desk) and reloads the team view. */
  setTeamDesk: (desk: string | undefined) => Promise<void>;
  /** Checks every desk's forwarded trail (the anchor outside the PC). */
  loadDeskChecks: () => Promise<void>;
  /** Replaces History's filter and reloads the team view. */
  applyTeamFilter: (filter: HistoryFilter) => Promise<void>;
  showTeamRows: (first: number, last: number) => void;
  retryTeamWindows: () => void;
  loadTeamTrends: () => Promise<void>;
  /** Opens a team call's forwarded events in History's drawer. */
  openTeamCall: (callId: string) => Promise<void>;
  /** Exports the filter's team rows (the newest TEAM_EXPORT_MAX) as CSV; `onFinished` delivers the file. */
  exportTeamCsv: (onFinished: (job: Job) => Promise<void>) => Promise<void>;
  cancelTeamExport: () => Promise<void>;
  dismissTeamExport: () => void;
}

const initial: TeamHistoryState = {
  mode: 'pc',
  list: idle,
  rows: emptyRows(TEAM_WINDOW),
  trends: idle,
  desk: undefined,
  deskChecks: idle,
  export: { status: 'idle' },
  generation: 0,
};

export const createTeamHistorySlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], TeamHistorySlice> =>
  (set, get) => {
    const patch = (changes: Partial<TeamHistoryState>) =>
      set((s) => ({ teamHistory: { ...s.teamHistory, ...changes } }));
    const isCurrent = (generation: number) => get().teamHistory.generation === generation;
    const exportJob = createJobFollower({
      jobs: () => api().jobs,
      events: api,
      state: () => get().teamHistory.export,
      show: (state) => patch({ export: state }),
    });
    const teamFilter = (): TeamFilter => {
      const { desk } = get().teamHistory;
      return desk === undefined ? get().history.filter : { ...get().history.filter, desk };
    };
    const rows = createWindowedRows<TeamFilter, TeamEvent>({
      pageSize: TEAM_WINDOW,
      maxPages: TEAM_WINDOWS_KEPT,
      concurrency: TEAM_CONCURRENCY,
      read: () => get().teamHistory.rows,
      write: (next) => patch({ rows: next }),
      fetchPage: async (filter, offset, limit) => {
        const page = await api().team.listEvents({ ...filter, offset, limit });
        return page.ok ? ok(page.value.events) : page;
      },
    });

    return {
      teamHistory: initial,

      setHistoryMode: async (mode) => {
        if (get().teamHistory.mode === mode) return;
        patch({ mode });
        if (mode === 'team') await get().loadTeamHistory();
        else await get().loadHistory();
      },

      loadTeamHistory: async () => {
        const filter = teamFilter();
        const generation = get().teamHistory.generation + 1;
        rows.reset(filter, 0);
        patch({ list: loading, generation });
        // A running export goes on (it writes the filter it was started with); what an earlier one became is stale.
        if (get().teamHistory.export.status !== 'running') exportJob.dismiss();
        const first = async () => {
          const count = await call(api().team.countEvents(filter));
          const page =
            count.total === 0
              ? { events: [] }
              : await call(api().team.listEvents({ ...filter, offset: 0, limit: TEAM_WINDOW }));
          return ok({ count, events: page.events });
        };
        const answer = await track(patch, 'list', first, {
          isCurrent: () => isCurrent(generation),
          select: (a) => a.count,
          alsoReady: (a) => rows.reset(filter, a.count.total, a.events),
        });
        // The charts after the rows: three more queries, and the table should not wait behind them.
        if (answer?.ok) void get().loadTeamTrends();
      },

      setTeamDesk: async (desk) => {
        patch({ desk });
        await get().loadTeamHistory();
      },

      loadDeskChecks: async () => {
        await track(patch, 'deskChecks', () => api().team.checkDesks());
      },

      applyTeamFilter: async (filter) => {
        set((s) => ({ history: { ...s.history, filter } }));
        await get().loadTeamHistory();
      },

      showTeamRows: (first, last) => rows.show(first, last),

      retryTeamWindows: () => rows.retry(),

      loadTeamTrends: async () => {
        const filter = teamFilter();
        const generation = get().teamHistory.generation;
        const agent = filter.agentUpn === undefined ? {} : { agentUpn: filter.agentUpn };
        const desk = filter.desk === undefined ? {} : { desk: filter.desk };
        await track(patch, 'trends', () => api().team.getTrends({ ...trendsRange(filter), ...agent, ...desk }), {
          isCurrent: () => isCurrent(generation),
        });
      },

      openTeamCall: async (callId) => {
        const history = (changes: Partial<Store['history']>) => set((s) => ({ history: { ...s.history, ...changes } }));
        history({ openCallId: callId, timeline: loading });
        await track(history, 'timeline', () => api().team.getCall({ callId }), {
          loading: false,
          isCurrent: () => get().history.openCallId === callId,
        });
      },

      exportTeamCsv: async (onFinished) => {
        const filter = teamFilter();
        await exportJob.follow(() => api().jobs.start({ kind: 'team-export', filter }), onFinished);
      },

      cancelTeamExport: () => exportJob.cancel(),

      dismissTeamExport: () => exportJob.dismiss(),
    };
  };
