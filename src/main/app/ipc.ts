// Mounts the router on ipcMain: one handle per contract channel, answering only our own main frame.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/result';
import type { Router } from '../core/host/router';
import { isAppUrl } from './policy';
import { rendererEntry } from './window';

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url, rendererEntry());
}

export function mountIpc(router: Router): () => void {
  for (const name of router.channelNames) {
    ipcMain.handle(name, (event, input: unknown) => {
      if (!isTrustedSender(event)) return fail('forbidden', 'Calls are accepted only from the Resetline window.');
      return router.dispatch(name, input, { transport: 'ipc' });
    });
  }
  return () => router.channelNames.forEach((name) => ipcMain.removeHandler(name));
}
