// The one window factory: every BrowserWindow Resetline opens gets the same locked-down settings.
import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
import { isAllowedExternal } from './externalLinks';

export function rendererEntry(): { url: string } | { file: string } {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  return devUrl ? { url: devUrl } : { file: join(__dirname, '../renderer/index.html') };
}

export function createMainWindow(extraOrigins: () => readonly string[] = () => []): BrowserWindow {
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
    },
  });

  win.once('ready-to-show', () => win.show());
  // The window shows only our page: navigation elsewhere is refused, new windows denied, and the
  // few allow-listed https links open in the system browser instead.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, extraOrigins())) void shell.openExternal(url);
    return { action: 'deny' };
  });

  const entry = rendererEntry();
  if ('url' in entry) void win.loadURL(entry.url);
  else void win.loadFile(entry.file);
  return win;
}
