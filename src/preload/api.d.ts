import type { ResetlineApi } from '../shared/contract';

declare global {
  interface Window {
    /**
     * Present in Electron (the preload), its `on` and `onStream` included (contract.ts `events`); absent
     * in the browser host, where a fetch client and an EventSource stand in.
     */
    readonly resetline?: ResetlineApi;
  }
}

export {};
