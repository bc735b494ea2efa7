// Mounts the router on ipcMain: one handle per contract channel, answering only our own main frame;
// and sends the core's events (a job's progress) to the window with webContents.send.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/result';
import type { EventBus } from '../core/host/events';
import type { Router } from '../core/host/router';
import { forwardEventsToWindows } from './ipcEvents';
import { isAppUrl } from './policy';
import { rendererEntry } from './window';

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url, rendererEntry());
}

export function mountIpc(router: Router, events?: EventBus): () => void {
  for (const name of router.channelNames) {
    ipcMain.handle(name, (event, input: unknown) => {
      if (!isTrustedSender(event)) return fail('forbidden', 'Calls are accepted only from the Resetline window.');
      return router.dispatch(name, input, { transport: 'ipc' });
    });
  }
  const stopEvents = events
    ? forwardEventsToWindows(
        events,
        () =>
          BrowserWindow.getAllWindows().map((win) => ({
            isDestroyed: () => win.isDestroyed() || win.webContents.isDestroyed(),
            url: () => win.webContents.mainFrame.url,
            send: (channel: string, payload: unknown) => win.webContents.send(channel, payload),
          })),
        (url) => isAppUrl(url, rendererEntry()),
      )
    : () => undefined;
  return () => {
    stopEvents();
    router.channelNames.forEach((name) => ipcMain.removeHandler(name));
  };
}
