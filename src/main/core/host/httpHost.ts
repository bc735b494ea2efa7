// The browser host's transport: the same router over HTTP on 127.0.0.1 only. Every API call needs the
// per-launch secret; Host and Origin are checked (DNS rebinding, cross-site calls); bodies are capped.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { fail, type ErrorCode, type Result } from '../../../shared/result';
import { createLogger } from '../log';
import type { Router } from './router';
import { readStaticFile } from './staticFiles';

const log = createLogger('http-host');

export const SECRET_HEADER = 'x-resetline-secret';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI (Griffel) injects style elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface HttpHostOptions {
  router: Router;
  rendererDir: string;
  /** 0 or undefined: a random free port. */
  port?: number;
  maxBodyBytes?: number;
  /** Finished CSV exports, each handed out once by its token (GET /download/<token>). */
  downloads?: { takeDownload(token: string): { path: string; fileName: string } | null };
}

export interface HttpHost {
  port: number;
  origin: string;
  /** The address to open once: it carries the secret in the fragment, which never reaches a server log. */
  url: string;
  secret: string;
  close(): Promise<void>;
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new HttpRefusal(413, 'invalid_input', `Request body over ${limit} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep reading (and dropping) so the client gets the 413 instead of a reset connection.
        chunks.length = 0;
        reject(new HttpRefusal(413, 'invalid_input', `Request body over ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function secretMatches(expected: Buffer, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const candidate = Buffer.from(given, 'utf8');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const secret = randomBytes(32).toString('hex');
  const secretBytes = Buffer.from(secret, 'utf8');
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  const checkHeaders = (req: IncomingMessage): void => {
    // A DNS-rebinding page reaches us with its own name in Host; only our loopback names pass.
    if (!allowedHosts.has(req.headers.host ?? '')) throw new HttpRefusal(403, 'forbidden', 'Unknown Host header.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      throw new HttpRefusal(403, 'forbidden', 'Cross-origin calls are refused.');
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      throw new HttpRefusal(403, 'forbidden', 'Cross-site calls are refused.');
    }
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') throw new HttpRefusal(405, 'invalid_input', 'API calls must be POST.');
    if (!secretMatches(secretBytes, req.headers[SECRET_HEADER])) {
      throw new HttpRefusal(401, 'unauthorized', 'Missing or wrong session key.');
    }
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      throw new HttpRefusal(415, 'invalid_input', 'API calls must send application/json.');
    }
    const raw = await readBody(req, maxBody);
    let envelope: unknown;
    try {
      envelope = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpRefusal(400, 'invalid_input', 'The request body is not valid JSON.');
    }
    if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) {
      throw new HttpRefusal(400, 'invalid_input', 'The request body must be an object { "input": … }.');
    }
    const result = await options.router.dispatch(channel, (envelope as { input?: unknown }).input, {
      transport: 'http',
    });
    sendJson(res, 200, result);
  };

  // One route besides the API: a finished export, once, with the session key like any API call.
  // The renderer fetches it with the header and saves the blob; the file is deleted once sent.
  const handleDownload = async (req: IncomingMessage, res: ServerResponse, token: string): Promise<void> => {
    if (req.method !== 'GET') throw new HttpRefusal(405, 'invalid_input', 'Downloads must be GET.');
    if (!secretMatches(secretBytes, req.headers[SECRET_HEADER])) {
      throw new HttpRefusal(401, 'unauthorized', 'Missing or wrong session key.');
    }
    const file = /^[A-Za-z0-9_-]{16,64}$/.test(token) ? options.downloads?.takeDownload(token) : null;
    if (!file) throw new HttpRefusal(404, 'not_found', 'No such download, or it was already taken.');
    const size = (await stat(file.path)).size;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/csv; charset=utf-8',
      'content-length': size,
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    });
    try {
      await pipeline(createReadStream(file.path), res);
    } finally {
      await rm(file.path, { force: true });
    }
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HttpRefusal(405, 'invalid_input', 'Method not allowed.');
    const file = await readStaticFile(options.rendererDir, path);
    if (!file) throw new HttpRefusal(404, 'not_found', 'Not found.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'content-length': file.body.length,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const work = async () => {
      checkHeaders(req);
      if (url.pathname.startsWith('/download/')) {
        await handleDownload(req, res, url.pathname.slice('/download/'.length));
      } else if (url.pathname.startsWith('/api/')) {
        await handleApi(req, res, decodeURIComponent(url.pathname.slice('/api/'.length)));
      } else {
        await handleStatic(req, res, url.pathname);
      }
    };
    work().catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof HttpRefusal) {
        // A refused request's body is drained, never buffered, and the connection is not reused.
        res.setHeader('connection', 'close');
        req.resume();
        sendJson(res, error.status, fail(error.code, error.message));
        return;
      }
      log.error('request failed', { path: url.pathname, error });
      sendJson(res, 500, fail('internal', 'The browser host failed to answer.'));
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // Loopback only, by construction: there is no option to bind anywhere else.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  log.info('browser host listening', { origin });

  return {
    port,
    origin,
    url: `${origin}/#secret=${secret}`,
    secret,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
