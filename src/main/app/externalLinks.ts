// Which links leave the app for the system browser. Pure, so it is tested without Electron.

/** https links the app may hand to the system browser: sign-in pages, docs, the self-service page. */
const EXTERNAL_ALLOW_LIST = [
  'https://login.microsoftonline.com/',
  'https://login.microsoftonline.us/',
  'https://login.chinacloudapi.cn/',
  'https://microsoft.com/devicelogin',
  'https://login.microsoft.com/device',
  'https://aka.ms/',
  'https://passwordreset.microsoftonline.com/',
  'https://mysignins.microsoft.com/',
  'https://learn.microsoft.com/',
];

/**
 * @param extraOrigins origins allowed for this run only: the in-process demo tenant's sign-in pages
 * (plain HTTP on loopback), which exist only while it runs.
 */
export function isAllowedExternal(url: string, extraOrigins: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (extraOrigins.includes(parsed.origin)) return true;
  // Compared on the parsed form (what is handed to the browser): no user-info, case or whitespace tricks.
  return parsed.protocol === 'https:' && EXTERNAL_ALLOW_LIST.some((prefix) => parsed.href.startsWith(prefix));
}
