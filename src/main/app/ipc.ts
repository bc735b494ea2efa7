// Mounts the router on ipcMain: one handle per contract channel, answering only our own main frame.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import { fail } from '../../shared/result';
import type { Router } from '../core/host/router';
import { rendererEntry } from './window';

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  const entry = rendererEntry();
  if ('url' in entry) return new URL(frame.url).origin === new URL(entry.url).origin;
  return frame.url.split('#')[0] === pathToFileURL(entry.file).href;
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
