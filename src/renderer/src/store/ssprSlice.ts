// The Self-service screen's state: a date range (a preset counted back from the last refresh), the
// `sspr-refresh` job that fills main's cache from Entra's audit log (started with jobs:start, followed by
// its jobs:progress events: createJobFollower), and what is read back from that cache — pages of
// `sspr:list` for the filter joined by cursor, and `sspr:get-stats` for the charts. A failed or cancelled
// refresh keeps whatever the cache holds on screen, with the failure beside it.
import type { StateCreator } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import type { ResultError } from '../../../shared/result';
import type { SsprEvent, SsprKind, SsprStats } from '../../../shared/sspr';
import { createJobFollower, type JobFollow } from './jobs';
import { idle, loading, settle, track, type Loadable } from './loadable';
import type { Store } from './types';

const HOUR = 3_600_000;
export const SSPR_PRESETS = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR } as const;
export type SsprPreset = keyof typeof SSPR_PRESETS;
export const SSPR_PAGE_SIZE = 50;

export interface SsprUserRef {
  id: string;
  label: string;
}

export interface SsprState {
  preset: SsprPreset;
  /** The range last refreshed (null: never, this session); reads use it unchanged so the cache's coverage matches. */
  range: { from: string; to: string } | null;
  /** The range the last successful refresh fetched, and for which preset (null: none succeeded yet). */
  fetched: { preset: SsprPreset; range: { from: string; to: string } } | null;
  activity: SsprKind | null;
  user: SsprUserRef | null;
  /** The `sspr-refresh` job: its progress (audit entries read), or how it ended. */
  refresh: JobFollow;
  list: Loadable<true>;
  events: SsprEvent[];
  nextCursor: string | null;
  /** When the cache covering the range was fetched; null: never, the list may be incomplete. */
  fetchedAt: string | null;
  more: { status: 'idle' | 'loading' } | { status: 'error'; error: ResultError };
  stats: Loadable<SsprStats>;
  /** Everyone seen in the range's events so far, for the user filter. */
  users: SsprUserRef[];
  /** Bumped by every reload so answers to an older request are dropped. */
  generation: number;
}

export interface SsprSlice {
  sspr: SsprState;
  /** A visit: fetches on the first, re-reads the cache on later ones. */
  openSspr: () => Promise<void>;
  /** Refreshes the preset's range up to now from Entra, then re-reads the cache (even when the refresh failed). */
  refreshSspr: () => Promise<void>;
  /** Stops the refresh between pages (what it stored stays cached) and re-reads the range fetched before. */
  cancelSsprRefresh: () => Promise<void>;
  /** Stops following the refresh and hides what became of it (the agent left: store/index.ts). */
  dismissSsprRefresh: () => void;
  setSsprPreset: (preset: SsprPreset) => Promise<void>;
  setSsprActivity: (activity: SsprKind | null) => Promise<void>;
  setSsprUser: (user: SsprUserRef | null) => Promise<void>;
  reloadSspr: () => Promise<void>;
  loadMoreSspr: () => Promise<void>;
}

const initialSspr: SsprState = {
  preset: '7d',
  range: null,
  fetched: null,
  activity: null,
  user: null,
  refresh: { status: 'idle' },
  list: idle,
  events: [],
  nextCursor: null,
  fetchedAt: null,
  more: { status: 'idle' },
  stats: idle,
  users: [],
  generation: 0,
};

export function ssprUserLabel(e: SsprEvent): string {
  return e.userName ?? e.userUpn ?? e.userId ?? 'Unknown user';
}

function mergeUsers(known: SsprUserRef[], events: SsprEvent[]): SsprUserRef[] {
  const byId = new Map(known.map((u) => [u.id, u]));
  for (const e of events)
    if (e.userId !== null && !byId.has(e.userId)) byId.set(e.userId, { id: e.userId, label: ssprUserLabel(e) });
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export const createSsprSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], SsprSlice> =>
  (set, get) => {
    const patch = (changes: Partial<SsprState>) => set((s) => ({ sspr: { ...s.sspr, ...changes } }));
    const isCurrent = (generation: number) => get().sspr.generation === generation;
    const listFilter = () => {
      const { range, activity, user } = get().sspr;
      if (range === null) return null;
      return {
        ...range,
        limit: SSPR_PAGE_SIZE,
        ...(activity !== null ? { activity } : {}),
        ...(user !== null ? { userId: user.id } : {}),
      };
    };

    const loadList = async (generation: number) => {
      const filter = listFilter();
      if (filter === null) return;
      patch({ list: loading, more: { status: 'idle' } });
      await track(patch, 'list', () => api().sspr.list(filter), {
        loading: false,
        isCurrent: () => isCurrent(generation),
        select: () => true as const,
        alsoReady: (page) => ({
          events: page.events,
          nextCursor: page.nextCursor,
          fetchedAt: page.fetchedAt,
          users: mergeUsers(get().sspr.users, page.events),
        }),
        alsoError: () => ({ events: [], nextCursor: null }),
      });
    };

    const loadStats = async (generation: number) => {
      const range = get().sspr.range;
      if (range === null) return;
      await track(patch, 'stats', () => api().sspr.getStats(range), { isCurrent: () => isCurrent(generation) });
    };

    const refreshJob = createJobFollower({
      jobs: () => api().jobs,
      events: api,
      state: () => get().sspr.refresh,
      show: (refresh) => patch({ refresh }),
    });

    /**
     * After a refresh that did not succeed: keep reading the range the cache was last filled for. Moved up
     * to now it would no longer be covered, and the agent would be told nothing was fetched when a
     * minute-old copy is there.
     */
    const keepFetchedRange = () => {
      const { preset, fetched } = get().sspr;
      if (fetched?.preset === preset) patch({ range: fetched.range });
    };

    const bump = () => {
      const generation = get().sspr.generation + 1;
      patch({ generation });
      return generation;
    };

    return {
      sspr: initialSspr,

      openSspr: async () => {
        if (get().sspr.range === null) await get().refreshSspr();
        else await get().reloadSspr();
      },

      refreshSspr: async () => {
        if (get().sspr.refresh.status === 'running') return;
        const { preset } = get().sspr;
        const now = Date.now();
        const range = {
          from: new Date(now - SSPR_PRESETS[preset]).toISOString(),
          to: new Date(now).toISOString(),
        };
        const rangeChanged = get().sspr.range?.from !== range.from;
        patch({ range, ...(rangeChanged ? { users: [] } : {}) });
        const end = await refreshJob.follow(() => api().jobs.start({ kind: 'sspr-refresh', ...range }));
        // Cancelled or dismissed from the screen (or the agent left): that action has taken over.
        if (end.status === 'idle') return;
        if (end.status === 'done') patch({ fetched: { preset, range } });
        else keepFetchedRange();
        await get().reloadSspr();
      },

      cancelSsprRefresh: async () => {
        if (get().sspr.refresh.status !== 'running') return;
        await refreshJob.cancel();
        keepFetchedRange();
        await get().reloadSspr();
      },

      dismissSsprRefresh: () => refreshJob.dismiss(),

      setSsprPreset: async (preset) => {
        if (preset === get().sspr.preset && get().sspr.range !== null) return;
        patch({ preset, user: null });
        await get().refreshSspr();
      },

      setSsprActivity: async (activity) => {
        patch({ activity });
        await loadList(bump());
      },

      setSsprUser: async (user) => {
        patch({ user });
        await loadList(bump());
      },

      reloadSspr: async () => {
        const generation = bump();
        await Promise.all([loadList(generation), loadStats(generation)]);
      },

      loadMoreSspr: async () => {
        const { nextCursor, more, generation } = get().sspr;
        const filter = listFilter();
        if (filter === null || nextCursor === null || more.status === 'loading') return;
        patch({ more: { status: 'loading' } });
        const page = await settle(() => api().sspr.list({ ...filter, cursor: nextCursor }));
        if (!isCurrent(generation)) return;
        if (!page.ok) return patch({ more: { status: 'error', error: page.error } });
        const { events, users } = get().sspr;
        patch({
          events: [...events, ...page.value.events],
          nextCursor: page.value.nextCursor,
          more: { status: 'idle' },
          users: mergeUsers(users, page.value.events),
        });
      },
    };
  };
