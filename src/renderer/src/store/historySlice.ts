// The History screen's state: pages of `audit:list` joined by their cursor, and `audit:verify`'s verdict.
import type { StateCreator } from 'zustand';
import type { AuditEvent, AuditVerifyResult } from '../../../shared/audit';
import type { ResetlineApi } from '../../../shared/contract';
import type { ResultError } from '../../../shared/result';
import { call, idle, loading, toResultError, type Loadable } from './loadable';
import type { Store } from './types';

export const HISTORY_PAGE_SIZE = 100;

export interface HistoryState {
  /** The first page: while it loads or fails there is nothing to show. */
  list: Loadable<true>;
  events: AuditEvent[];
  nextCursor: string | null;
  /** "Load more" has its own state so a failed later page keeps the rows already shown. */
  more: { status: 'idle' | 'loading' } | { status: 'error'; error: ResultError };
  chain: Loadable<AuditVerifyResult>;
  /** Bumped by every reload so answers to an older request are dropped, not appended. */
  generation: number;
}

export interface HistorySlice {
  history: HistoryState;
  loadHistory: () => Promise<void>;
  loadMoreHistory: () => Promise<void>;
  verifyChain: () => Promise<void>;
}

const initialHistory: HistoryState = {
  list: idle,
  events: [],
  nextCursor: null,
  more: { status: 'idle' },
  chain: idle,
  generation: 0,
};

export const createHistorySlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], HistorySlice> =>
  (set, get) => {
    const patch = (changes: Partial<HistoryState>) => set((s) => ({ history: { ...s.history, ...changes } }));
    const isCurrent = (generation: number) => get().history.generation === generation;

    return {
      history: initialHistory,

      loadHistory: async () => {
        const generation = get().history.generation + 1;
        patch({ list: loading, more: { status: 'idle' }, generation });
        void get().verifyChain();
        try {
          const page = await call(api().audit.list({ limit: HISTORY_PAGE_SIZE }));
          if (!isCurrent(generation)) return;
          patch({ list: { status: 'ready', value: true }, events: page.events, nextCursor: page.nextCursor });
        } catch (error) {
          if (!isCurrent(generation)) return;
          patch({ list: { status: 'error', error: toResultError(error) }, events: [], nextCursor: null });
        }
      },

      loadMoreHistory: async () => {
        const { nextCursor, more, generation } = get().history;
        if (nextCursor === null || more.status === 'loading') return;
        patch({ more: { status: 'loading' } });
        try {
          const page = await call(api().audit.list({ limit: HISTORY_PAGE_SIZE, cursor: nextCursor }));
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
    };
  };
