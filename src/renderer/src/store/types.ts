// The combined store's type, kept apart so each slice can type `get()` against the whole store.
import type { AppSlice } from './appSlice';
import type { AuthSlice } from './authSlice';
import type { CallerSlice } from './callerSlice';
import type { CallSlice } from './callSlice';
import type { HistorySlice } from './historySlice';
import type { RegistrationSlice } from './registrationSlice';
import type { SettingsSlice } from './settingsSlice';
import type { SsprSlice } from './ssprSlice';
import type { TeamHistorySlice } from './teamHistorySlice';

/** Puts every screen's agent state back to a fresh store's (store/index.ts). */
export interface StoreReset {
  resetAgentState: () => void;
}

export type Store = StoreReset &
  AppSlice &
  AuthSlice &
  CallerSlice &
  CallSlice &
  HistorySlice &
  RegistrationSlice &
  SettingsSlice &
  SsprSlice &
  TeamHistorySlice;
