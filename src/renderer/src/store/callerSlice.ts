// The Caller screen's state: the search box (debounced `users:search`), the opened caller's card
// (from `call:open`: opening a caller opens a call; its methods follow from `call:get-methods`) and
// the last few callers opened this session — in memory only, never stored. Leaving a call that sent a
// code, passed a check or ran an action (another caller, the card's close button, sign-out) waits for
// the agent to confirm; calls main still holds after a reload are offered back (`call:list-open`).
import type { StateCreator } from 'zustand';
import type { CallOutcome, CallView, OpenCallSummary } from '../../../shared/caller';
import type { ResetlineApi } from '../../../shared/contract';
import { assertNever } from '../../../shared/result';
import type { SsprCallerAttempts } from '../../../shared/sspr';
import type { CallerCard, UserSearchResult } from '../../../shared/users';
import type { CallFlowState } from './callSlice';
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
  /** The caller's own self-service attempts (`sspr:get-caller-attempts`); its failure never touches the card. */
  attempts: Loadable<SsprCallerAttempts>;
  recent: CallerRef[];
  /** Bumped by Ctrl+K; the search box focuses itself when it changes. */
  focusRequest: number;
  /** Leaving the open call waits for the agent's answer (AbandonDialog): what was asked for. */
  leave: LeaveRequest | null;
  /** Calls main still holds for this agent that this window does not show (after a reload). */
  resumable: OpenCallSummary[];
  /** The last call closed here, for its confirmation toast; `seq` tells one closing from the next. */
  closed: { seq: number; name: string; outcome: CallOutcome } | null;
}

/** What the agent asked for while a call they would lose was open. */
export type LeaveRequest = { kind: 'open'; ref: CallerRef; fresh: boolean } | { kind: 'close' } | { kind: 'sign-out' };

/**
 * What the open call would lose if it ended now ("A code was sent", "1 check passed"…), or [] when
 * nothing: a caller only looked at ends without a question.
 */
export function callAtStake(call: Pick<CallFlowState, 'view' | 'challenges' | 'run' | 'codesBefore'>): string[] {
  if (call.view === null) return [];
  const out: string[] = [];
  const codes = call.codesBefore + Object.values(call.challenges).filter((c) => c.type !== 'knowledge').length;
  if (codes > 0) out.push(codes === 1 ? 'A code was sent' : `${codes} codes were sent`);
  const passed = call.view.verification.passed.length;
  if (passed > 0) out.push(passed === 1 ? '1 check passed' : `${passed} checks passed`);
  if (call.run !== null) out.push('Actions were run');
  return out;
}

export interface CallerSlice {
  caller: CallerState;
  setQuery: (text: string) => void;
  runSearch: () => Promise<void>;
  /** Enter in the search box: searches now, and opens the caller when exactly one user matches. */
  openSingleMatch: () => Promise<void>;
  /**
   * Opens a caller (and a call). The caller whose call is open keeps that call; `fresh` starts a new
   * one (the card's Reload). Asks first when another call would be lost.
   */
  openCaller: (ref: CallerRef, options?: { fresh?: boolean }) => Promise<void>;
  reloadCaller: () => Promise<void>;
  /** The card's close button: asks first when the open call would be lost. */
  closeCaller: () => void;
  /** True (and the question is asked) when leaving the open call would lose something. */
  holdForOpenCall: (request: LeaveRequest) => boolean;
  /** "Keep the call": the request that asked is dropped. */
  keepCall: () => void;
  /** "End as abandoned": main closes the call as abandoned, then the request goes ahead. */
  endCallAndLeave: () => Promise<void>;
  /** Asks main which calls it still holds for this agent (app load, sign-in). */
  loadResumable: () => Promise<void>;
  /** Re-opens a call main still holds: the card and the call as main has them (`call:get`). */
  resumeCall: (callId: string) => Promise<void>;
  /** Ends a call main still holds, as abandoned, without showing it. */
  endResumable: (callId: string) => Promise<void>;
  /** A call was closed: the toast names it; the search is emptied and focused for the next caller. */
  callClosed: (closed: { name: string; outcome: CallOutcome }) => void;
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
  leave: null,
  resumable: [],
  closed: null,
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
    // abandoned, so main forgets its secrets; a caller only looked at leaves no record (call/service.ts).
    const abandonOpenCall = async (): Promise<void> => {
      const callId = get().call.view?.callId;
      if (callId === undefined) return;
      get().dropCall();
      await settle(() => api().call.close({ callId, outcome: 'abandoned' }));
    };

    /** Shows the card of `ref` and reads the call with `read` (open a new one, or get one main holds). */
    const showCall = async (ref: CallerRef, read: () => ReturnType<ResetlineApi['call']['open']>) => {
      const generation = ++cardGeneration;
      const recent = [ref, ...get().caller.recent.filter((r) => r.id !== ref.id)].slice(0, RECENT_CALLERS_MAX);
      void abandonOpenCall();
      patch({ opened: ref, card: loading, attempts: loading, recent });
      // Alongside the card, not after it: Entra's audit log is the slowest read and the least needed.
      const isCurrent = () => generation === cardGeneration;
      void track(patch, 'attempts', () => api().sspr.getCallerAttempts({ userId: ref.id }), {
        loading: false,
        isCurrent,
      });
      const opened = await settle(read);
      if (opened.ok && !isCurrent()) {
        // Another caller was opened meanwhile: this call was never shown, so end it in main too.
        void api().call.close({ callId: opened.value.callId, outcome: 'abandoned' });
        return null;
      }
      if (!isCurrent()) return null;
      if (!opened.ok) {
        patch({ card: { status: 'error', error: opened.error } });
        return null;
      }
      patch({ card: { status: 'ready', value: opened.value.card } });
      return opened.value;
    };

    /**
     * A call shown before its methods and registration details were in (`card.reportsPending`): they
     * fill in when main has them (`call:get-methods`). If that fails, the card stays, saying the
     * methods could not be read.
     */
    const fillReports = async (view: CallView) => {
      if (view.card.reportsPending !== true) return;
      const whole = await settle(() => api().call.getMethods({ callId: view.callId }));
      if (get().call.view?.callId !== view.callId) return;
      const completed: CallView = whole.ok
        ? whole.value
        : {
            ...view,
            card: {
              ...view.card,
              reportsPending: false,
              partial: [...view.card.partial, { part: 'methods', message: whole.error.message }],
              registrationUnavailable: whole.error.message,
            },
          };
      get().completeCall(completed);
      patch({ card: { status: 'ready', value: completed.card } });
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

      openCaller: async (ref, options) => {
        const fresh = options?.fresh === true;
        // The caller whose call is open (a reopened caller): that call goes on.
        if (!fresh && get().call.view?.card.user.id === ref.id) {
          patch({ opened: get().caller.opened ?? ref });
          return;
        }
        if (get().holdForOpenCall({ kind: 'open', ref, fresh })) return;
        // The card shows as soon as its identity part is in; the methods follow (fillReports).
        const view = await showCall(ref, () => api().call.open({ targetId: ref.id }));
        if (view === null) return;
        get().beginCall(view);
        void fillReports(view);
      },

      reloadCaller: async () => {
        const opened = get().caller.opened;
        if (opened !== null) await get().openCaller(opened, { fresh: true });
      },

      closeCaller: () => {
        if (get().holdForOpenCall({ kind: 'close' })) return;
        cardGeneration++;
        void abandonOpenCall();
        patch({ opened: null, card: idle, attempts: idle });
      },

      holdForOpenCall: (request) => {
        if (callAtStake(get().call).length === 0) return false;
        patch({ leave: request });
        return true;
      },

      keepCall: () => patch({ leave: null }),

      endCallAndLeave: async () => {
        const leave = get().caller.leave;
        if (leave === null) return;
        patch({ leave: null });
        // Main records the end before the next step (sign-out drops every call it holds).
        await abandonOpenCall();
        switch (leave.kind) {
          case 'open':
            return get().openCaller(leave.ref, { fresh: leave.fresh });
          case 'close':
            return get().closeCaller();
          case 'sign-out':
            return get().signOut();
          default:
            return assertNever(leave, 'leave request');
        }
      },

      loadResumable: async () => {
        const listed = await settle(() => api().call.listOpen());
        if (!listed.ok) return;
        const shown = get().call.view?.callId;
        patch({ resumable: listed.value.filter((c) => c.callId !== shown) });
      },

      resumeCall: async (callId) => {
        const summary = get().caller.resumable.find((c) => c.callId === callId);
        if (summary === undefined) return;
        patch({ resumable: get().caller.resumable.filter((c) => c.callId !== callId) });
        get().setScreen('caller');
        const ref = {
          id: summary.targetId,
          displayName: summary.displayName,
          userPrincipalName: summary.userPrincipalName,
        };
        const view = await showCall(ref, () => api().call.get({ callId }));
        if (view === null) return;
        get().beginCall(view, { codesBefore: summary.codesSent });
        void fillReports(view);
      },

      endResumable: async (callId) => {
        patch({ resumable: get().caller.resumable.filter((c) => c.callId !== callId) });
        await settle(() => api().call.close({ callId, outcome: 'abandoned' }));
      },

      callClosed: ({ name, outcome }) => {
        clearTimeout(debounce);
        searchGeneration++;
        cardGeneration++;
        const { focusRequest, closed } = get().caller;
        patch({
          opened: null,
          card: idle,
          attempts: idle,
          query: '',
          searchedText: null,
          results: idle,
          leave: null,
          focusRequest: focusRequest + 1,
          closed: { seq: (closed?.seq ?? 0) + 1, name, outcome },
        });
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
