// Events to the Electron window, kept free of electron so unit tests can prove who receives them: each
// event of the core's bus goes, under its contract name, to every live window showing our own app
// (never to a page the window navigated to). ipc.ts hands in the real windows.
import type { BusEvent, EventBus } from '../core/host/events';

/** What ipc.ts exposes of a BrowserWindow's webContents. */
export interface EventWindow {
  isDestroyed(): boolean;
  /** The URL of the window's main frame now. */
  url(): string;
  send(channel: string, payload: unknown): void;
}

export function forwardEventsToWindows(
  bus: EventBus,
  windows: () => readonly EventWindow[],
  isOurPage: (url: string) => boolean,
): () => void {
  return bus.subscribe({
    send: (event: BusEvent) => {
      for (const win of windows()) {
        if (!win.isDestroyed() && isOurPage(win.url())) win.send(event.name, event.payload);
      }
    },
  });
}
