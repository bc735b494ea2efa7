// The Electron shell: single instance, sandboxed window, permissions denied, the shared core on IPC.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron';
import type { CacheEncryptor } from '../core/auth/tokenCache';
import { createRuntime, type Runtime } from '../core/runtime';
import { createLogger } from '../core/log';
import { mountIpc } from './ipc';
import { createMainWindow } from './window';

const log = createLogger('app');

/** In development the Electron-ABI build of better-sqlite3 lives beside node_modules (npm run rebuild:electron). */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined; // electron-builder rebuilds native modules for Electron itself
  const candidate = join(
    app.getAppPath(),
    '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  );
  return existsSync(candidate) ? candidate : undefined;
}

function lockDownSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** The token cache is encrypted with the OS keychain (DPAPI, Keychain, libsecret) or kept in memory only. */
function safeStorageEncryptor(): CacheEncryptor | undefined {
  if (!safeStorage.isEncryptionAvailable()) {
    log.warn('OS encryption unavailable: the sign-in will not be remembered across restarts');
    return undefined;
  }
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (data) => safeStorage.decryptString(data) };
}

let runtime: Runtime | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app
    .whenReady()
    .then(() => {
      lockDownSessions();
      const nativeBinding = electronNativeBinding();
      const cacheEncryptor = safeStorageEncryptor();
      runtime = createRuntime({
        dataDir: app.getPath('userData'),
        host: 'electron',
        version: app.getVersion(),
        // Interactive sign-in happens in the system browser, as Microsoft's Electron samples do.
        openBrowser: (url) => shell.openExternal(url),
        // CSV exports go where the agent chooses, not to a download.
        chooseExportPath: async (suggestedName) => {
          const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
          const options = { defaultPath: suggestedName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
          const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
          return choice.canceled || !choice.filePath ? null : choice.filePath;
        },
        ...(cacheEncryptor ? { cacheEncryptor } : {}),
        ...(nativeBinding ? { nativeBinding } : {}),
      });
      mountIpc(runtime.router);
      void runtime.session.restore();
      const demoPages = () => {
        const origin = runtime?.demoTenant()?.pagesOrigin;
        return origin ? [origin] : [];
      };
      createMainWindow(demoPages);
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow(demoPages);
      });
    })
    .catch((error: unknown) => {
      log.error('startup failed', { error });
      dialog.showErrorBox('Resetline could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void runtime?.close();
  });
}
