// The preload: exposes the contract as one typed `window.resetline` object of named methods, plus `on`
// for the contract's events. No ipcRenderer, no generic invoke: each method sends exactly its own
// channel, and `on` listens only to an event the contract declares.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/contract';
import type { Result } from '../shared/result';
import { ipcSubscriptions } from './events';

const api = buildApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  ipcSubscriptions(ipcRenderer),
);

contextBridge.exposeInMainWorld('resetline', api);
