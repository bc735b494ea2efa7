// The preload: exposes the contract as one typed `window.resetline` object of named methods.
// No ipcRenderer, no generic invoke: each method sends exactly its own channel.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/contract';
import type { Result } from '../shared/result';

const api = buildApi((channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>);

contextBridge.exposeInMainWorld('resetline', api);
