// The Caller screen's state: the search box (debounced `users:search`), the opened caller's card
// (from `call:open`: opening a caller opens a call) and the last few callers opened this session —
// in memory only, never stored.
import type { StateCreator } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import type { SsprCallerAttempts } from '../../../shared/sspr';
import type { CallerCard, UserSearchResult } from '../../../shared/users';
import { idle, loading, settle, track, type Loadable } from './loadable';
import type { Store } from './types';

export const SEARCH_DEBOUNCE_MS = 250;
export const SEARCH_MIN_CHARS = 2;
export const RECENT_CALLERS_MAX = 5;

export interface CallerRef {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

export interface CallerState {
  query: string;
  /** The text the shown results (or their error) answer, which may lag `query` while typing. */
  searchedText: string | null;
  results: Loadable<UserSearchResult>;
  opened: CallerRef | null;
  card: Loadable<CallerCard>;
  /** The caller's own self-service attempts (`sspr:caller-attempts`); its failure never touches the card. */
  attempts: Loadable<SsprCallerAttempts>;
  recent: CallerRef[];
  /** Bumped by Ctrl+K; the search box focuses itself when it changes. */
  focusRequest: number;
}

export interface CallerSlice {
  caller: CallerState;
  setQuery: (text: string) => void;
  runSearch: () => Promise<void>;
  /** Enter in the search box: searches now, and opens the caller when exactly one user matches. */
  openSingleMatch: () => Promise<void>;
  openCaller: (ref: CallerRef) => Promise<void>;
  reloadCaller: () => Promise<void>;
  closeCaller: () => void;
  requestSearchFocus: () => void;
  /** Forgets everything about callers (sign-out, another agent). */
  resetCaller: () => void;
}

const initialCaller: CallerState = {
  query: '',
  searchedText: null,
  results: idle,
  opened: null,
  card: idle,
  attempts: idle,
  recent: [],
  focusRequest: 0,
};

export const createCallerSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], CallerSlice> =>
  (set, get) => {
    const patch = (changes: Partial<CallerState>) => set((s) => ({ caller: { ...s.caller, ...changes } }));
    let debounce: ReturnType<typeof setTimeout> | undefined;
    // Answers that arrive after a newer search or another caller was opened are dropped, so a slow
    // first request can never replace what the agent asked for last.
    let searchGeneration = 0;
    let cardGeneration = 0;

    // Leaving a call without closing it (another caller, the card's close button) ends it in main as
    // abandoned, so main forgets its secrets and the audit trail shows the call was not finished.
    const abandonOpenCall = () => {
      const callId = get().call.view?.callId;
      if (callId === undefined) return;
      get().dropCall();
      void api().call.close({ callId, outcome: 'abandoned' });
    };

    return {
      caller: initialCaller,

      setQuery: (query) => {
        patch({ query });
        clearTimeout(debounce);
        if (query.trim().length < SEARCH_MIN_CHARS) {
          searchGeneration++;
          patch({ results: idle, searchedText: null });
          return;
        }
        debounce = setTimeout(() => void get().runSearch(), SEARCH_DEBOUNCE_MS);
      },

      openSingleMatch: async () => {
        const text = get().caller.query.trim();
        if (text.length < SEARCH_MIN_CHARS) return;
        const current = get().caller;
        if (!(current.searchedText === text && current.results.status === 'ready')) await get().runSearch();
        const after = get().caller;
        if (after.searchedText !== text || after.results.status !== 'ready') return;
        const users = after.results.value.users;
        const only = users.length === 1 ? users[0] : undefined;
        if (only !== undefined)
          await get().openCaller({
            id: only.id,
            displayName: only.displayName,
            userPrincipalName: only.userPrincipalName,
          });
      },

      runSearch: async () => {
        clearTimeout(debounce);
        const text = get().caller.query.trim();
        if (text.length < SEARCH_MIN_CHARS) return;
        const generation = ++searchGeneration;
        patch({ results: loading, searchedText: text });
        await track(patch, 'results', () => api().users.search({ text }), {
          loading: false,
          isCurrent: () => generation === searchGeneration,
        });
      },

      openCaller: async (ref) => {
        const generation = ++cardGeneration;
        const recent = [ref, ...get().caller.recent.filter((r) => r.id !== ref.id)].slice(0, RECENT_CALLERS_MAX);
        abandonOpenCall();
        patch({ opened: ref, card: loading, attempts: loading, recent });
        // Alongside the card, not after it: Entra's audit log is the slowest read and the least needed.
        const isCurrent = () => generation === cardGeneration;
        void track(patch, 'attempts', () => api().sspr.callerAttempts({ userId: ref.id }), {
          loading: false,
          isCurrent,
        });
        const opened = await settle(() => api().call.open({ targetId: ref.id }));
        if (opened.ok && !isCurrent()) {
          // Another caller was opened meanwhile: this call was never shown, so end it in main too.
          void api().call.close({ callId: opened.value.callId, outcome: 'abandoned' });
          return;
        }
        if (!isCurrent()) return;
        if (!opened.ok) return patch({ card: { status: 'error', error: opened.error } });
        patch({ card: { status: 'ready', value: opened.value.card } });
        get().beginCall(opened.value);
      },

      reloadCaller: async () => {
        const opened = get().caller.opened;
        if (opened !== null) await get().openCaller(opened);
      },

      closeCaller: () => {
        cardGeneration++;
        abandonOpenCall();
        patch({ opened: null, card: idle, attempts: idle });
      },

      requestSearchFocus: () => patch({ focusRequest: get().caller.focusRequest + 1 }),

      resetCaller: () => {
        clearTimeout(debounce);
        searchGeneration++;
        cardGeneration++;
        get().dropCall();
        set((s) => ({ caller: { ...initialCaller, focusRequest: s.caller.focusRequest } }));
      },
    };
  };
