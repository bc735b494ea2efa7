// Which file of the built renderer an app:// request gets. No electron here, so the refusals (paths
// outside the renderer folder, encoded `..`, other hosts, missing files) are proven by unit tests.
import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './policy';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export type AppAsset = { status: 200; path: string; contentType: string } | { status: 404 };

const NOT_FOUND: AppAsset = { status: 404 };

/** The decoded path inside the root, or undefined when the address does not name one. */
function decodedPath(requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname); // search and hash are not part of the file name
  } catch {
    return undefined;
  }
  // Once decoded, `..`, `\` or NUL could only be an attempt to step out of the folder (or Windows paths).
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return undefined;
  return path === '/' ? '/index.html' : path;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** Resolves `app://resetline/<path>` to a regular file under `rendererRoot` (symlinks followed and re-checked). */
export function resolveAppAsset(requestUrl: string, rendererRoot: string): AppAsset {
  const path = decodedPath(requestUrl);
  if (path === undefined) return NOT_FOUND;
  const root = resolve(rendererRoot);
  const candidate = resolve(root, `.${path}`);
  if (!isInside(root, candidate)) return NOT_FOUND;
  try {
    const real = realpathSync(candidate);
    if (!isInside(realpathSync(root), real) || !statSync(real).isFile()) return NOT_FOUND;
    return {
      status: 200,
      path: real,
      contentType: CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
    };
  } catch {
    return NOT_FOUND;
  }
}
