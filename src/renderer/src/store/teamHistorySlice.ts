// History's "Team" view: the same filter as "This PC" (history.filter), answered from the team's
// Log Analytics workspace (`team:count-events`, windows of `team:list-events` by offset, `team:get-trends`,
// `team:get-call` into History's own drawer), and a CSV of the rows fetched, built here: the export job
// streams this PC's trail only, so a team export is what the table holds. The desk (a team-only filter,
// kept here so History's filter form never drops it) narrows all of them; the desk checks (`team:check-desks`,
// the anchor) load beside the table.
import type { StateCreator } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import { ok, type ResultError } from '../../../shared/result';
import type { DeskChecks, TeamCount, TeamEvent, TeamTrends } from '../../../shared/team';
import { trendsRange, type HistoryFilter } from './historySlice';
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
/** Rows a team CSV holds at most: the rows fetched for it, a window at a time. */
export const TEAM_EXPORT_MAX = 5_000;

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
  /** The CSV of the filter's team rows: fetching them (how many so far), or failed. */
  export:
    | { status: 'idle' }
    | { status: 'running'; fetched: number; total: number }
    | { status: 'error'; error: ResultError };
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
  /** Fetches the filter's team rows (up to TEAM_EXPORT_MAX) and hands their CSV to `deliver`. */
  exportTeamCsv: (deliver: (csv: string, rows: number) => void) => Promise<void>;
}

const initial: TeamHistoryState = {
  mode: 'pc',
  list: idle,
  rows: emptyRows(TEAM_WINDOW),
  trends: idle,
  desk: undefined,
  deskChecks: idle,
  export: idle,
  generation: 0,
};

const CSV_COLUMNS: [string, (e: TeamEvent) => string | number | null | undefined][] = [
  ['Desk', (e) => e.desk],
  ['Row', (e) => e.id],
  ['Time (UTC)', (e) => e.occurredAt],
  ['Call', (e) => e.callId],
  ['Agent', (e) => e.agentUpn],
  ['Caller', (e) => e.targetName],
  ['Caller UPN', (e) => e.targetUpn],
  ['Action', (e) => e.action],
  ['Result', (e) => e.outcome],
  ['Call outcome', (e) => e.callOutcome],
  ['Verification passed', (e) => e.verification?.passed.join(' ')],
  ['Verification failed', (e) => e.verification?.failed.join(' ')],
  ['Ticket', (e) => e.ticketRef],
  ['Notes', (e) => e.notes],
];

/** One CSV field (RFC 4180), a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function teamCsv(events: readonly TeamEvent[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => field(name)).join(',')];
  for (const e of events) lines.push(CSV_COLUMNS.map(([, get]) => field(get(e))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const createTeamHistorySlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], TeamHistorySlice> =>
  (set, get) => {
    const patch = (changes: Partial<TeamHistoryState>) =>
      set((s) => ({ teamHistory: { ...s.teamHistory, ...changes } }));
    const isCurrent = (generation: number) => get().teamHistory.generation === generation;
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
        patch({ list: loading, generation, export: idle });
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

      exportTeamCsv: async (deliver) => {
        const filter = teamFilter();
        const generation = get().teamHistory.generation;
        const total = Math.min(get().teamHistory.rows.total, TEAM_EXPORT_MAX);
        const fetched: TeamEvent[] = [];
        patch({ export: { status: 'running', fetched: 0, total } });
        while (fetched.length < total) {
          const page = await api().team.listEvents({
            ...filter,
            offset: fetched.length,
            limit: Math.min(500, total - fetched.length),
          });
          if (!isCurrent(generation)) return;
          if (!page.ok) {
            patch({ export: { status: 'error', error: page.error } });
            return;
          }
          if (page.value.events.length === 0) break;
          fetched.push(...page.value.events);
          patch({ export: { status: 'running', fetched: fetched.length, total } });
        }
        deliver(teamCsv(fetched), fetched.length);
        patch({ export: idle });
      },
    };
  };
