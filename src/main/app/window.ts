// The one window factory: every BrowserWindow Resetline opens gets the same locked-down settings.
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { isAppUrl, productionLockdown, rendererEntryUrl } from './policy';
import { openInSystemBrowser } from './systemBrowser';

/** The dev server's address under `npm start`; app://resetline/index.html in a packaged build. */
export function rendererEntry(): string {
  return rendererEntryUrl({ isPackaged: app.isPackaged, env: process.env });
}

export function createMainWindow(extraOrigins: () => readonly string[] = () => []): BrowserWindow {
  const entry = rendererEntry();
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Resetline',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: productionLockdown(app.isPackaged).devTools,
      // A middle click would otherwise open links as new windows behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  win.once('ready-to-show', () => win.show());
  // The window shows only our page: navigation elsewhere is refused, new windows denied, and the
  // few allow-listed https links open in the system browser instead.
  win.webContents.on('will-navigate', (event) => {
    event.preventDefault();
    if (!isAppUrl(event.url, entry)) void openInSystemBrowser(event.url, extraOrigins());
  });
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    void openInSystemBrowser(url, extraOrigins());
    return { action: 'deny' };
  });

  void win.loadURL(entry);
  return win;
}
