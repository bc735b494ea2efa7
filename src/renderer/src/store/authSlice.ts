// The agent's session as main reports it (`auth:get-session`), and the sign-in actions. `auth:sign-in`
// only answers when sign-in ends, so it runs in the background while the session is followed to learn
// where the agent must finish (the authorize link or the device code): read again at each `auth:session`
// event, or polled where the transport has no events.
import type { StateCreator } from 'zustand';
import type { AuthState } from '../../../shared/auth';
import type { EventSubscriptions, ResetlineApi } from '../../../shared/contract';
import { idle, loading, settle, type Loadable } from './loadable';
import { delay, pollUntil } from './poll';
import type { Store } from './types';

export type SignInMethod = 'interactive' | 'device-code';

/** How often the session is read while a sign-in is out and no events come: often enough that the link shows at once. */
export const SIGN_IN_POLL_MS = 500;

/** With events, the session is still read this often (an event lost while the stream reconnects). */
export const SIGN_IN_SAFETY_MS = 3_000;

export interface SignInRun {
  method: SignInMethod;
  /** Cancel was asked for; the flow ends when main's next device-code poll sees the flag. */
  cancelling: boolean;
}

export interface AuthSlice {
  auth: Loadable<AuthState>;
  /** A sign-in call this window started and is still waiting on. */
  signInRun: SignInRun | null;
  signOutConfirmOpen: boolean;
  loadSession: () => Promise<void>;
  signIn: (method: SignInMethod) => Promise<void>;
  cancelSignIn: () => Promise<void>;
  setSignOutConfirmOpen: (open: boolean) => void;
  signOut: () => Promise<void>;
  /** A channel answered signed_out: forget the agent so the sign-in screen shows, then ask main why. */
  sessionLost: (message: string) => void;
}

export const createAuthSlice =
  (api: () => ResetlineApi): StateCreator<Store, [], [], AuthSlice> =>
  (set, get) => {
    // Aborted whenever a sign-in ends or the session is replaced, so a late poll answer cannot
    // overwrite a newer state (e.g. show "pending" again after sign-in finished).
    let following: AbortController | null = null;
    const stopFollowing = () => following?.abort();

    const setSession = (state: AuthState) => {
      const before = get().auth;
      const previousAgent =
        before.status === 'ready' && before.value.status === 'signed-in' ? before.value.agent.id : null;
      set({ auth: { status: 'ready', value: state } });
      // Another agent may sign in next: nothing this one looked at (callers, filters, searches, loaded
      // rows, export banners) may carry over.
      const nextAgent = state.status === 'signed-in' ? state.agent.id : null;
      if (previousAgent !== null && previousAgent !== nextAgent) get().resetAgentState();
    };

    const readSession = async (): Promise<AuthState | null> => {
      const result = await settle(() => api().auth.getSession());
      return result.ok ? result.value : null;
    };

    // A follow started for a sign-in found at load (not one this window runs) ends with it.
    const followDone = (state: AuthState) => state.status !== 'pending' && get().signInRun === null;

    /** Follows the session while a sign-in is pending; a failed read is tried again at the next tick. */
    const followPending = (): AbortController => {
      stopFollowing();
      const controller = new AbortController();
      following = controller;
      const { on, onStream } = api();
      if (on && onStream) void followByEvents({ on, onStream }, controller.signal);
      else
        void pollUntil({
          read: () => api().auth.getSession(),
          onAnswer: setSession,
          until: followDone,
          intervalMs: SIGN_IN_POLL_MS,
          signal: controller.signal,
          onError: 'retry',
        });
      return controller;
    };

    /**
     * Reads the session at once, then at each `auth:session` event until the sign-in is over; also every
     * SIGN_IN_SAFETY_MS while the stream is up, and every SIGN_IN_POLL_MS while it is down (events sent
     * meanwhile are lost), and once more when it comes back up.
     */
    const followByEvents = async (events: Required<EventSubscriptions>, signal: AbortSignal) => {
      let wake: (() => void) | null = null;
      let changed = false;
      let up = false;
      const poke = () => {
        changed = true;
        wake?.();
      };
      // Subscribed before the first read: a change between a read and the wait is not lost.
      const offEvent = events.on('auth:session', poke);
      const offStream = events.onStream((state) => {
        up = state === 'up';
        if (up) poke();
      });
      try {
        while (!signal.aborted) {
          changed = false;
          const state = await readSession();
          if (signal.aborted) return;
          if (state !== null) {
            setSession(state);
            if (followDone(state)) return;
          }
          if (changed) continue;
          const stop = new AbortController();
          const onAbort = () => stop.abort();
          signal.addEventListener('abort', onAbort, { once: true });
          await Promise.race([
            new Promise<void>((resolve) => (wake = resolve)),
            delay(up ? SIGN_IN_SAFETY_MS : SIGN_IN_POLL_MS, stop.signal),
          ]);
          wake = null;
          stop.abort();
          signal.removeEventListener('abort', onAbort);
        }
      } finally {
        offEvent();
        offStream();
      }
    };

    return {
      auth: idle,
      signInRun: null,
      signOutConfirmOpen: false,

      loadSession: async () => {
        if (get().auth.status === 'idle') set({ auth: loading });
        const result = await settle(() => api().auth.getSession());
        if (!result.ok) return set({ auth: { status: 'error', error: result.error } });
        setSession(result.value);
        // A sign-in already under way (the window was reloaded meanwhile): keep following it.
        if (result.value.status === 'pending' && get().signInRun === null) followPending();
      },

      signIn: async (method) => {
        if (get().signInRun !== null) return;
        set({ signInRun: { method, cancelling: false } });
        const follow = followPending();
        const result = await settle(() =>
          method === 'interactive' ? api().auth.signIn() : api().auth.signInDeviceCode(),
        );
        follow.abort();
        set({ signInRun: null });
        if (result.ok) {
          setSession(result.value);
          return;
        }
        // Main keeps the reason as lastError; read it back so the screen and main agree. If main is
        // unreachable, show the call's own error instead of a stale "pending".
        const state = await readSession();
        if (state !== null && state.status === 'signed-out' && state.lastError !== null) setSession(state);
        else {
          const tenant = state?.tenant ?? null;
          setSession({ status: 'signed-out', tenant, lastError: `${result.error.message} (${result.error.code})` });
        }
      },

      cancelSignIn: async () => {
        const run = get().signInRun;
        if (run === null || run.cancelling) return;
        set({ signInRun: { ...run, cancelling: true } });
        // The running sign-in call ends by itself once main sees the flag; signIn() then reads the outcome.
        await api().auth.cancelSignIn();
      },

      setSignOutConfirmOpen: (signOutConfirmOpen) => set({ signOutConfirmOpen }),

      signOut: async () => {
        set({ signOutConfirmOpen: false });
        // A call that sent a code or passed a check is not dropped without the agent's word (AbandonDialog).
        if (get().holdForOpenCall({ kind: 'sign-out' })) return;
        stopFollowing();
        const result = await settle(() => api().auth.signOut());
        if (result.ok) return setSession(result.value);
        // Whatever main managed, this window must not keep acting as the agent.
        const current = get().auth;
        const tenant = current.status === 'ready' ? current.value.tenant : null;
        setSession({ status: 'signed-out', tenant, lastError: `Sign-out failed: ${result.error.message}` });
      },

      sessionLost: (message) => {
        const current = get().auth;
        if (current.status !== 'ready' || current.value.status !== 'signed-in') return;
        setSession({ status: 'signed-out', tenant: current.value.tenant, lastError: message });
        void readSession().then((state) => {
          // Main may still hold the account (a refresh token refused mid-call); this window stays signed out.
          if (state === null || state.status === 'signed-in') return;
          setSession(
            state.status === 'signed-out' && state.lastError === null ? { ...state, lastError: message } : state,
          );
        });
      },
    };
  };

export function isSignedIn(auth: Loadable<AuthState>): boolean {
  return auth.status === 'ready' && auth.value.status === 'signed-in';
}
