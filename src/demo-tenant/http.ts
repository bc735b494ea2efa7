// Small HTTP toolkit for the demo tenant: a regex router, body readers, and the response shapes
// both halves share (Graph's error body, the request-id header every response carries).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Captured groups of the matched route pattern, percent-encoded as received. */
  params: string[];
  requestId: string;
  clientRequestId: string | undefined;
  /** The raw body, read once and cached. */
  body(): Promise<Buffer>;
}

export type RouteHandler = (ctx: RequestContext) => Promise<void>;

interface Route {
  method: HttpMethod | '*';
  pattern: RegExp;
  handler: RouteHandler;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class Router {
  private readonly routes: Route[] = [];

  add(method: HttpMethod | '*', pattern: RegExp, handler: RouteHandler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  /** The first route whose pattern matches the path and whose method matches; `methodMismatch` when only the path did. */
  match(
    method: string,
    path: string,
  ): { handler: RouteHandler; params: string[] } | { methodMismatch: true } | undefined {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method === '*' || r.method === method)
        return { handler: r.handler, params: m.slice(1).map((p) => p ?? '') };
    }
    return pathMatched ? { methodMismatch: true } : undefined;
  }
}

export function createContext(req: IncomingMessage, res: ServerResponse, origin: string): RequestContext {
  const requestId = randomUUID();
  const crid = req.headers['client-request-id'];
  const clientRequestId = typeof crid === 'string' && crid ? crid : undefined;
  // Every response carries it, errors or not, as Graph and Entra do.
  res.setHeader('request-id', requestId);
  res.setHeader('x-ms-request-id', requestId);
  if (clientRequestId) res.setHeader('client-request-id', clientRequestId);
  let cached: Promise<Buffer> | undefined;
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    // Concatenated, not resolved: a target like "//host/x" must stay a path on this origin.
    url: new URL(`${origin}${req.url?.startsWith('/') ? req.url : '/'}`),
    params: [],
    requestId,
    clientRequestId,
    body: () => (cached ??= readBody(req)),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'Request_EntityTooLarge', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function readForm(ctx: RequestContext): Promise<URLSearchParams> {
  return new URLSearchParams((await ctx.body()).toString('utf8'));
}

/** Parsed JSON body, or undefined when empty; a body that is not JSON is Graph's 400. */
export async function readJson(ctx: RequestContext): Promise<unknown> {
  const raw = (await ctx.body()).toString('utf8');
  if (!raw.trim()) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}

export function sendJson(
  ctx: RequestContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  ctx.res.end(text);
}

export function sendHtml(
  ctx: RequestContext,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  ctx.res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The pages carry no script; forbid any, and framing, so the sign-in form cannot be overlaid.
    // No form-action: the sign-in post ends in a redirect to the app's own redirect URI.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'content-length': Buffer.byteLength(html),
    ...headers,
  });
  ctx.res.end(html);
}

export function redirect(ctx: RequestContext, location: string, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(302, { location, 'cache-control': 'no-store', 'content-length': 0, ...headers });
  ctx.res.end();
}

/** Graph's `date` in error bodies: seconds precision, no zone, as the service prints it. */
function graphDate(): string {
  return new Date().toISOString().slice(0, 19);
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { 'request-id': string; date: string; 'client-request-id': string };
  };
}

export function graphErrorBody(
  code: string,
  message: string,
  requestId: string,
  clientRequestId: string | undefined,
): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: { 'request-id': requestId, date: graphDate(), 'client-request-id': clientRequestId ?? requestId },
    },
  };
}

export function sendGraphError(
  ctx: RequestContext,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(ctx, status, graphErrorBody(code, message, ctx.requestId, ctx.clientRequestId), headers);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}
