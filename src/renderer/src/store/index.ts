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
import { watchSignedOut } from './signedOutWatch';
import type { Store } from './types';

/** Builds a store over any api, so tests can hand it a fake transport. */
export function createResetlineStore(rawApi: () => ResetlineApi) {
  return create<Store>()((...args) => {
    const get = args[1];
    const api = watchSignedOut(rawApi, (message) => get().sessionLost(message));
    return {
      ...createAppSlice(api)(...args),
      ...createAuthSlice(api)(...args),
      ...createCallerSlice(api)(...args),
      ...createCallSlice(api)(...args),
      ...createHistorySlice(api)(...args),
      ...createRegistrationSlice(api)(...args),
      ...createSettingsSlice(api)(...args),
      ...createSsprSlice(api)(...args),
    };
  });
}

export const useStore = createResetlineStore(getApi);

export type { Store } from './types';
export type { Screen } from './appSlice';
export { SCREENS } from './appSlice';
