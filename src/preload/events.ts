// The preload's half of push events, kept free of electron so unit tests can prove it: `on` accepts
// only an event the contract declares and hands the listener only a payload its schema accepts; IPC
// never drops while the window lives, so the stream is always up.
import { isEventName, parseEventPayload, type EventSubscriptions } from '../shared/contract';

/** What the preload uses of ipcRenderer. */
export interface IpcEvents {
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function ipcSubscriptions(ipc: IpcEvents): EventSubscriptions {
  return {
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`Resetline sends no event named ${String(event).slice(0, 80)}.`);
      const handler = (_event: unknown, payload: unknown) => {
        const checked = parseEventPayload(event, payload);
        if (checked !== null) listener(checked);
      };
      ipc.on(event, handler);
      return () => void ipc.removeListener(event, handler);
    },
    onStream(listener) {
      listener('up');
      return () => undefined;
    },
  };
}
