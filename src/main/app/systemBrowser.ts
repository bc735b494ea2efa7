// The one place Resetline hands an address to the system browser: always through the allow-list.
import { shell } from 'electron';
import { createLogger } from '../core/log';
import { isAllowedExternal } from './externalLinks';

const log = createLogger('app');

/**
 * Opens an allow-listed https link (or the running demo tenant's pages) in the system browser.
 * @returns false when the address was refused (logged by origin only: a sign-in link carries state).
 */
export async function openInSystemBrowser(url: string, extraOrigins: readonly string[] = []): Promise<boolean> {
  if (!isAllowedExternal(url, extraOrigins)) {
    log.warn('refused to open an address outside the allow-list', { origin: originOf(url) });
    return false;
  }
  await shell.openExternal(new URL(url).href);
  return true;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'not a URL';
  }
}
