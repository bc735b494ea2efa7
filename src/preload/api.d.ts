import type { ResetlineApi } from '../shared/contract';

declare global {
  interface Window {
    /** Present in Electron (the preload); absent in the browser host, where a fetch client stands in. */
    readonly resetline?: ResetlineApi;
  }
}

export {};
