// The combined store's type, kept apart so each slice can type `get()` against the whole store.
import type { AppSlice } from './appSlice';
import type { AuthSlice } from './authSlice';
import type { CallerSlice } from './callerSlice';
import type { CallSlice } from './callSlice';
import type { HistorySlice } from './historySlice';
import type { RegistrationSlice } from './registrationSlice';
import type { SettingsSlice } from './settingsSlice';
import type { SsprSlice } from './ssprSlice';

export type Store = AppSlice &
  AuthSlice &
  CallerSlice &
  CallSlice &
  HistorySlice &
  RegistrationSlice &
  SettingsSlice &
  SsprSlice;
