// The Electron shell's decisions (src/main/app/policy.ts), proven without an Electron binary.
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAppUrl,
  isKeychainUsable,
  isPermissionGranted,
  productionLockdown,
  rendererEntryUrl,
} from '../../../src/main/app/policy';

const DEV_URL = 'http://localhost:5173';

describe('renderer entry', () => {
  it('honours the dev server address only when the app is not packaged', () => {
    expect(rendererEntryUrl({ isPackaged: false, env: { ELECTRON_RENDERER_URL: DEV_URL } })).toBe(DEV_URL);
    expect(rendererEntryUrl({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'https://evil.example/' } })).toBe(
      APP_ENTRY_URL,
    );
    expect(rendererEntryUrl({ isPackaged: false, env: {} })).toBe(APP_ENTRY_URL);
  });

  it('serves the renderer over app://resetline, not file://', () => {
    expect(APP_ENTRY_URL).toBe('app://resetline/index.html');
  });

  it('recognises our own pages by scheme and host only', () => {
    expect(isAppUrl('app://resetline/index.html#/caller', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://resetline/', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://evil/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('file:///index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('https://resetline/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl(`${DEV_URL}/`, DEV_URL)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV_URL)).toBe(false);
    expect(isAppUrl('not a url', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl(undefined, APP_ENTRY_URL)).toBe(false);
  });
});

describe('web permissions', () => {
  const ask = (permission: string, requestingUrl: string | undefined, isMainFrame = true) =>
    isPermissionGranted({ permission, requestingUrl, isMainFrame }, APP_ENTRY_URL);

  it('lets our own window write the clipboard (copy a secret, clear it 30 s later)', () => {
    expect(ask('clipboard-sanitized-write', 'app://resetline/index.html')).toBe(true);
    // The check handler is given an origin rather than a URL.
    expect(ask('clipboard-sanitized-write', 'app://resetline')).toBe(true);
  });

  it('refuses clipboard write to other origins and to sub-frames', () => {
    expect(ask('clipboard-sanitized-write', 'https://login.microsoftonline.com/')).toBe(false);
    expect(ask('clipboard-sanitized-write', 'app://resetline/index.html', false)).toBe(false);
    expect(ask('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it('refuses every other permission, even to our own window', () => {
    for (const permission of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fullscreen',
    ]) {
      expect(ask(permission, 'app://resetline/index.html')).toBe(false);
    }
  });
});

describe('OS keychain (safeStorage)', () => {
  it("treats Linux's basic_text backend (a fixed key) as no keychain, so secrets stay in memory", () => {
    expect(isKeychainUsable({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'basic_text' })).toBe(false);
    expect(isKeychainUsable({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'unknown' })).toBe(false);
    expect(isKeychainUsable({ encryptionAvailable: true, platform: 'linux' })).toBe(false);
  });

  it('uses a real keychain when one encrypts', () => {
    expect(isKeychainUsable({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'gnome_libsecret' })).toBe(
      true,
    );
    expect(isKeychainUsable({ encryptionAvailable: true, platform: 'linux', linuxBackend: 'kwallet6' })).toBe(true);
    expect(isKeychainUsable({ encryptionAvailable: true, platform: 'win32' })).toBe(true);
    expect(isKeychainUsable({ encryptionAvailable: true, platform: 'darwin' })).toBe(true);
    expect(isKeychainUsable({ encryptionAvailable: false, platform: 'darwin' })).toBe(false);
  });
});

describe('production lockdown', () => {
  it('has no DevTools and no default menu when packaged', () => {
    expect(productionLockdown(true)).toEqual({ devTools: false, defaultMenu: false });
    expect(productionLockdown(false)).toEqual({ devTools: true, defaultMenu: true });
  });
});
