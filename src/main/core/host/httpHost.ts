// The browser host's transport: the same router over HTTP on 127.0.0.1 only. Every API call needs a
// session key, which a tab gets by trading the one-time bootstrap token in its address (POST /session);
// Host and Origin are checked (DNS rebinding, cross-site calls); bodies are capped; a malformed request
// is answered 400, never allowed to take the host down. Events (a job's progress) go to each tab over
// server-sent events, opened with a one-time ticket the tab gets with its session key.
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { fail, ok, type ErrorCode, type Result } from '../../../shared/result';
import {
  API_PREFIX,
  BOOTSTRAP_PARAM,
  DOWNLOAD_PREFIX,
  EVENTS_PATH,
  EVENTS_TICKET_PARAM,
  EVENTS_TICKET_PATH,
  SECRET_HEADER,
  SESSION_PATH,
} from '../../../shared/wire';
import { createLogger } from '../log';
import type { BusEvent, EventBus } from './events';
import type { Router } from './router';
import { createSessionKeys } from './sessionKeys';
import { readStaticFile } from './staticFiles';
import { createStreamTickets } from './streamTickets';

const log = createLogger('http-host');

export const BOOTSTRAP_REFUSED_MESSAGE =
  'This address was already used (or is not from this Resetline), so it no longer opens Resetline. ' +
  'Each address works once: press Enter in the window running `npm start` to print a new one, and open that.';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** An open event stream gets a comment line this often, so idle connections are not dropped. */
export const EVENT_HEARTBEAT_MS = 15_000;

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
  port?: number | undefined;
  maxBodyBytes?: number;
  /** Finished CSV exports, each handed out once by its token (GET /download/<token>). */
  downloads?: { takeDownload(token: string): { path: string; fileName: string } | null };
  /** Events to send each tab's open stream (GET /events); without it the stream answers 404. */
  events?: EventBus;
  /** Tests only: the heartbeat interval (default EVENT_HEARTBEAT_MS). */
  eventHeartbeatMs?: number;
}

export interface HttpHost {
  port: number;
  origin: string;
  /**
   * The address printed at start. Its fragment (never sent to a server, so never in a log) carries a
   * one-time bootstrap token: once a tab has opened it, the address left in history opens nothing.
   */
  url: string;
  /** Another one-time address (the terminal's Enter key; tests opening the app more than once). */
  newUrl(): string;
  /** A session key for callers inside this process (tests, tools); never printed or put in an address. */
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

/** The path of an origin-form request target; anything else (absolute-form, `*`, unparsable) is a 400. */
function requestPath(target: string | undefined): string {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) {
    throw new HttpRefusal(400, 'invalid_input', 'The request target must be a path on this host.');
  }
  try {
    return new URL(target, 'http://placeholder').pathname;
  } catch {
    throw new HttpRefusal(400, 'invalid_input', 'The request target is not a valid path.');
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpRefusal(400, 'invalid_input', 'The request path has bad percent-encoding.');
  }
}

async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new HttpRefusal(415, 'invalid_input', 'API calls must send application/json.');
  }
  const raw = await readBody(req, limit);
  let body: unknown;
  try {
    body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpRefusal(400, 'invalid_input', 'The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpRefusal(400, 'invalid_input', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const keys = createSessionKeys();
  const requireSession = (req: IncomingMessage): void => {
    if (!keys.isSession(req.headers[SECRET_HEADER])) {
      throw new HttpRefusal(401, 'unauthorized', 'Missing or wrong session key.');
    }
  };
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tickets = createStreamTickets();
  const streams = new Set<ServerResponse>();
  let eventId = 0;
  const endStreams = () => {
    for (const stream of streams) stream.end();
    streams.clear();
  };
  const stopEvents = options.events?.subscribe({
    send: (event: BusEvent) => {
      if (streams.size === 0) return;
      // One line per field; JSON never contains a raw newline.
      const frame = `id: ${++eventId}\nevent: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    end: endStreams,
  });
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
    requireSession(req);
    const envelope = await readJsonObject(req, maxBody);
    const result = await options.router.dispatch(channel, envelope.input, { transport: 'http' });
    sendJson(res, 200, result);
  };

  // The tab's first call: its address's one-time token for a session key it keeps in memory only.
  const handleSession = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new HttpRefusal(405, 'invalid_input', 'The session exchange must be POST.');
    const body = await readJsonObject(req, 4096);
    const sessionKey = keys.exchange(body[BOOTSTRAP_PARAM]);
    if (sessionKey === null) {
      log.warn('refused a used or unknown bootstrap token');
      throw new HttpRefusal(401, 'unauthorized', BOOTSTRAP_REFUSED_MESSAGE);
    }
    sendJson(res, 200, ok({ sessionKey }));
  };

  // The ticket is the session key's stand-in for EventSource, which cannot send headers: one use, short-lived.
  const handleEventTicket = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'POST') throw new HttpRefusal(405, 'invalid_input', 'Event tickets must be POST.');
    requireSession(req);
    if (!options.events) throw new HttpRefusal(404, 'not_found', 'This host sends no events.');
    req.resume();
    sendJson(res, 200, ok({ ticket: tickets.issue() }));
  };

  // The event stream: events as they are published, a heartbeat comment meanwhile; it ends when the agent
  // signs out or changes, or the host closes (the tab then asks for a new ticket).
  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') throw new HttpRefusal(405, 'invalid_input', 'The event stream must be GET.');
    const ticket = new URL(req.url ?? '/', 'http://placeholder').searchParams.get(EVENTS_TICKET_PARAM);
    if (!tickets.take(ticket)) throw new HttpRefusal(401, 'unauthorized', 'Missing, used or expired event ticket.');
    if (!options.events) throw new HttpRefusal(404, 'not_found', 'This host sends no events.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': stream open\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.eventHeartbeatMs ?? EVENT_HEARTBEAT_MS);
    const forget = () => {
      clearInterval(heartbeat);
      streams.delete(res);
    };
    // A tab gone mid-write is forgotten, never an unhandled error.
    res.on('error', forget);
    res.on('close', forget);
  };

  // One route besides the API: a finished export, once, with the session key like any API call.
  // The renderer fetches it with the header and saves the blob; the file is deleted once sent.
  const handleDownload = async (req: IncomingMessage, res: ServerResponse, token: string): Promise<void> => {
    if (req.method !== 'GET') throw new HttpRefusal(405, 'invalid_input', 'Downloads must be GET.');
    requireSession(req);
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

  const route = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    checkHeaders(req);
    if (path === SESSION_PATH) {
      await handleSession(req, res);
    } else if (path === EVENTS_TICKET_PATH) {
      handleEventTicket(req, res);
    } else if (path === EVENTS_PATH) {
      handleEvents(req, res);
    } else if (path.startsWith(DOWNLOAD_PREFIX)) {
      await handleDownload(req, res, path.slice(DOWNLOAD_PREFIX.length));
    } else if (path.startsWith(API_PREFIX)) {
      await handleApi(req, res, decodeSegment(path.slice(API_PREFIX.length)));
    } else {
      await handleStatic(req, res, path);
    }
  };

  const server = createServer((req, res) => {
    // Everything that reads the request, the target included, runs inside the promise: whatever a
    // local process sends becomes an answer, never an exception that stops the host.
    let path = '(unparsed)';
    const work = async () => {
      path = requestPath(req.url);
      await route(req, res, path);
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
      log.error('request failed', { path: path.slice(0, 200), error });
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

  const newUrl = () => `${origin}/#${BOOTSTRAP_PARAM}=${keys.issueBootstrap()}`;

  return {
    port,
    origin,
    url: newUrl(),
    newUrl,
    secret: keys.issueSession(),
    close: () =>
      new Promise<void>((resolveClose) => {
        stopEvents?.();
        endStreams();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
