// The one renderer store, combined from slices. Components read it through narrow selectors
// (`useStore((s) => s.history.chain)`) so a change re-renders only what shows it.
import { create } from 'zustand';
import type { ResetlineApi } from '../../../shared/contract';
import { getApi } from '../api/transport';
import { createAppSlice } from './appSlice';
import { createHistorySlice } from './historySlice';
import type { Store } from './types';

/** Builds a store over any api, so tests can hand it a fake transport. */
export function createResetlineStore(api: () => ResetlineApi) {
  return create<Store>()((...args) => ({
    ...createAppSlice(api)(...args),
    ...createHistorySlice(api)(...args),
  }));
}

export const useStore = createResetlineStore(getApi);

export type { Store } from './types';
export type { Screen } from './appSlice';
export { SCREENS } from './appSlice';
