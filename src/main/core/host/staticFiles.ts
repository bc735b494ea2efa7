// Serves the built renderer for the browser host: only files under one folder, never a path outside it.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  immutable: boolean;
}

/** Resolves a URL path to a file under `root`; undefined for anything missing or outside it. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const rootAbs = resolve(root);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : normalize(decoded).replace(/^([/\\])+/, '');
  const full = resolve(join(rootAbs, relative));
  if (full !== rootAbs && !full.startsWith(rootAbs + sep)) return undefined;
  try {
    const info = await stat(full);
    if (!info.isFile()) return undefined;
    return {
      body: await readFile(full),
      contentType: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
      // Vite fingerprints everything under assets/, so those can be cached for good.
      immutable: relative.startsWith('assets' + sep) || relative.startsWith('assets/'),
    };
  } catch {
    return undefined;
  }
}
