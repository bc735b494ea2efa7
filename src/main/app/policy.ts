// The shell's security decisions, kept free of electron so unit tests can prove each one: where the
// renderer is loaded from, whose IPC is answered, which web permission is granted, whether the OS
// keychain really encrypts, and what production turns off. index.ts, window.ts and ipc.ts only wire them.

/** The renderer is served from this privileged, standard scheme (see appAssets.ts), never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'resetline';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The one permission the window needs: writing the clipboard (copy a secret, then clear it after 30 s). */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Linux keychain backends that really encrypt; `basic_text` is a hard-coded key, `unknown` is not yet chosen. */
const REAL_LINUX_BACKENDS: ReadonlySet<string> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export interface ShellFacts {
  /** app.isPackaged: true in an installed build, false under `npm start` / electron-vite dev. */
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** The page the window loads: the dev server only while developing, the bundled files otherwise. */
export function rendererEntryUrl({ isPackaged, env }: ShellFacts): string {
  const devUrl = env.ELECTRON_RENDERER_URL;
  return !isPackaged && devUrl ? devUrl : APP_ENTRY_URL;
}

/** Same scheme and host (with port) as the entry page; URL.origin is "null" for custom schemes, so compare parts. */
export function isAppUrl(url: string | undefined, entryUrl: string): boolean {
  if (!url) return false;
  try {
    const candidate = new URL(url);
    const entry = new URL(entryUrl);
    return candidate.protocol === entry.protocol && candidate.host === entry.host && candidate.host !== '';
  } catch {
    return false;
  }
}

export interface PermissionAsk {
  permission: string;
  /** The asking frame's URL (request handler) or origin (check handler). */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

/** Web permissions: clipboard write for our own main frame only; everything else, for anyone, is refused. */
export function isPermissionGranted(ask: PermissionAsk, entryUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(ask.permission) && ask.isMainFrame && isAppUrl(ask.requestingUrl, entryUrl);
}

export interface KeychainFacts {
  encryptionAvailable: boolean;
  platform: NodeJS.Platform;
  /** safeStorage.getSelectedStorageBackend(), asked on Linux only. */
  linuxBackend?: string;
}

/** Whether secrets may be sealed with safeStorage; when not, they stay in memory for this run only. */
export function isKeychainUsable({ encryptionAvailable, platform, linuxBackend }: KeychainFacts): boolean {
  if (!encryptionAvailable) return false;
  return platform !== 'linux' || (linuxBackend !== undefined && REAL_LINUX_BACKENDS.has(linuxBackend));
}

export interface ProductionLockdown {
  devTools: boolean;
  /** false: Menu.setApplicationMenu(null), so no View > Toggle Developer Tools or Reload. */
  defaultMenu: boolean;
}

/** Developer tools and Electron's default menu exist only while developing. */
export function productionLockdown(isPackaged: boolean): ProductionLockdown {
  return { devTools: !isPackaged, defaultMenu: !isPackaged };
}
