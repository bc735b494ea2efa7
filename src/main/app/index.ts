// The Electron shell: single instance, sandboxed window served over app://, permissions denied but
// clipboard write, no DevTools or menu when packaged, the shared core on IPC. Decisions live in policy.ts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, session } from 'electron';
import type { CacheEncryptor } from '../core/auth/tokenCache';
import { CONTENT_SECURITY_POLICY } from '../core/host/httpHost';
import { createRuntime, type Runtime } from '../core/runtime';
import { createLogger, logToFileAndConsole } from '../core/log';
import { resolveAppAsset } from './appAssets';
import { mountIpc } from './ipc';
import { APP_SCHEME, isKeychainUsable, isPermissionGranted, productionLockdown } from './policy';
import { openInSystemBrowser } from './systemBrowser';
import { createMainWindow, rendererEntry } from './window';

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

/** Only the clipboard-write permission, for our own main frame; every other ask is refused. */
function lockDownSessions(): void {
  const entry = rendererEntry();
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(
      isPermissionGranted(
        { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame },
        entry,
      ),
    ),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: requestingOrigin, isMainFrame: details.isMainFrame }, entry),
  );
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** The built renderer over app://resetline/, read from out/renderer (inside the asar when packaged),
 * with the browser host's CSP as a header too (a meta tag cannot carry frame-ancestors). */
function serveRenderer(): void {
  const root = join(__dirname, '../renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(request.url, root);
    if (asset.status === 404) return new Response('Not found', { status: 404 });
    const headers = {
      'content-type': asset.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    };
    return new Response(await readFile(asset.path), { status: 200, headers });
  });
}

/** The token cache is encrypted with the OS keychain (DPAPI, Keychain, libsecret) or kept in memory only. */
function safeStorageEncryptor(): CacheEncryptor | undefined {
  const usable = isKeychainUsable({
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    platform: process.platform,
    ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
  });
  if (!usable) {
    log.warn('OS keychain unavailable or plain text: the sign-in will not be remembered across restarts');
    return undefined;
  }
  return { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (data) => safeStorage.decryptString(data) };
}

let runtime: Runtime | undefined;

// Before ready: app:// is a standard, secure origin (clipboard and fetch work, no file:// privileges).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

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
      // JSON lines to <userData>/logs/resetline.log, readable lines on the console.
      logToFileAndConsole(app.getPath('userData'));
      lockDownSessions();
      serveRenderer();
      const demoPages = () => {
        const origin = runtime?.demoTenant()?.pagesOrigin;
        return origin ? [origin] : [];
      };
      if (!productionLockdown(app.isPackaged).defaultMenu) Menu.setApplicationMenu(null);
      const nativeBinding = electronNativeBinding();
      const cacheEncryptor = safeStorageEncryptor();
      runtime = createRuntime({
        dataDir: app.getPath('userData'),
        host: 'electron',
        version: app.getVersion(),
        // Interactive sign-in happens in the system browser, as Microsoft's Electron samples do.
        openBrowser: async (url) => {
          if (!(await openInSystemBrowser(url, demoPages()))) {
            throw new Error(
              'Resetline opens only Microsoft sign-in pages in your browser. Ask IT to check the sign-in settings.',
            );
          }
        },
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
      mountIpc(runtime.router, runtime.events);
      void runtime.session.restore();
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
