// The one renderer store, combined from slices. Components read it through narrow selectors
// (`useStore((s) => s.history.chain)`) so a change re-renders only what shows it.
import { create } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import { getApi } from '../api/transport';
import { createAppSlice } from './appSlice';
import { createAuthSlice } from './authSlice';
import { createCallerSlice } from './callerSlice';
import { createCallSlice } from './callSlice';
import { createHistorySlice } from './historySlice';
import { createRegistrationSlice } from './registrationSlice';
import { createSettingsSlice } from './settingsSlice';
import { createSsprSlice } from './ssprSlice';
import { createTeamHistorySlice } from './teamHistorySlice';
import { watchSignedOut } from './signedOutWatch';
import type { Store } from './types';

/** Builds a store over any api, so tests can hand it a fake transport. */
export function createResetlineStore(rawApi: () => ResetlineApi) {
  let agentFree: Partial<Store> = {};
  const store = create<Store>()((...args) => {
    const [set, get] = args;
    const api = watchSignedOut(rawApi, (message) => get().sessionLost(message));
    return {
      resetAgentState: () => {
        // The caller slice first: it also stops its debounce and drops the open call.
        get().resetCaller();
        // Jobs belong to the agent who started them: stop following them.
        get().dismissHistoryExport();
        get().dismissTeamExport();
        get().dismissSsprRefresh();
        get().forgetRegistrationJobs();
        set((current) => ({ ...agentFree, ...windowParts(agentFree, current) }));
      },
      ...createAppSlice(api)(...args),
      ...createAuthSlice(api)(...args),
      ...createCallerSlice(api)(...args),
      ...createCallSlice(api)(...args),
      ...createHistorySlice(api)(...args),
      ...createRegistrationSlice(api)(...args),
      ...createSettingsSlice(api)(...args),
      ...createSsprSlice(api)(...args),
      ...createTeamHistorySlice(api)(...args),
    };
  });
  agentFree = agentFreeState(store.getState());
  return store;
}

/**
 * What an agent leaves behind on every screen (filters, searches, loaded rows, export banners): every
 * value of the fresh store except what belongs to the window rather than to an agent — which screen is
 * showing (Settings stays open signed out: saving another tenant there is what signs the agent out),
 * About, the sign-in state. Sign-out and a change of agent put these back (authSlice).
 */
const WINDOW_KEYS: ReadonlySet<string> = new Set<keyof Store>([
  'screen',
  'auth',
  'signInRun',
  'signOutConfirmOpen',
  'info',
  'aboutOpen',
]);

/**
 * Parts of agent slices that belong to the window: the tenant form and its "Settings saved." (Settings
 * stays reachable signed out, and saving another tenant is what signs the agent out), and the search
 * box's focus counter.
 */
function windowParts(fresh: Partial<Store>, current: Store): Partial<Store> {
  return {
    settings: { ...current.settings, ...fresh.settings, tenant: current.settings.tenant, save: current.settings.save },
    caller: { ...current.caller, ...fresh.caller, focusRequest: current.caller.focusRequest },
  };
}

function agentFreeState(fresh: Store): Partial<Store> {
  return Object.fromEntries(
    Object.entries(fresh).filter(([key, value]) => typeof value !== 'function' && !WINDOW_KEYS.has(key)),
  );
}

export const useStore = createResetlineStore(getApi);

export type { Store } from './types';
export type { Screen } from './appSlice';
export { SCREENS } from './appSlice';
