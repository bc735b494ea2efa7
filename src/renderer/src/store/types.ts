// The combined store's type, kept apart so each slice can type `get()` against the whole store.
import type { AppSlice } from './appSlice';
import type { HistorySlice } from './historySlice';

export type Store = AppSlice & HistorySlice;
