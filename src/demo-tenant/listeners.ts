// The demo tenant's two listeners share this plumbing: a request handler that builds the context
// for its origin and never lets a failure crash the server, the pipeline that applies the knobs
// (faults, latency) before routing, and listen/close helpers. Both bind 127.0.0.1 only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createContext, delay, HttpError, sendGraphError, type RequestContext, type Router } from './http';
import { faultErrorCode, type KnobStore } from './knobs';
import { assertNever } from './never';

export type Pipeline = (ctx: RequestContext) => Promise<void>;

/** One listener's origin and pipeline, both known only once it listens. */
export interface Endpoint {
  origin: string;
  pipeline?: Pipeline;
}

export function requestHandler(endpoint: Endpoint, label: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let ctx: RequestContext;
    try {
      ctx = createContext(req, res, endpoint.origin);
    } catch {
      // An unparseable request target: answer without a context rather than crash the server.
      res.writeHead(400, { 'content-length': 0 }).end();
      return;
    }
    const { pipeline } = endpoint;
    if (!pipeline) return sendGraphError(ctx, 503, 'serviceNotAvailable', 'The demo tenant is starting.');
    pipeline(ctx).catch((err: unknown) => {
      console.error(
        `[demo-tenant ${label}] ${ctx.method} ${ctx.url.pathname} failed (request-id ${ctx.requestId}):`,
        err,
      );
      if (!res.headersSent) sendGraphError(ctx, 500, 'generalException', 'An unspecified error has occurred.');
      else res.destroy();
    });
  };
}

/** Loopback only, by construction: there is no host parameter. */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes a server, dropping keep-alive sockets (MSAL's and the Graph client's fetch) that would hold it open. */
export function closeServer(server: Server & { closeAllConnections?: () => void }): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections?.();
  });
}

export interface PipelineOptions {
  /** Runs first, for every request (counting). */
  onRequest?: (ctx: RequestContext) => void;
  /** Runs before the knobs; returning true means it answered and the request stops there. */
  refuse?: (ctx: RequestContext) => boolean;
  /** Answers a path no route matches (`methodMismatch` when only the method was wrong). */
  unmatched: (ctx: RequestContext, methodMismatch: boolean) => void;
}

/** Faults and latency from the knobs, then the router; an HttpError from a handler becomes Graph's error body. */
export function createPipeline(router: Router, knobs: KnobStore, opts: PipelineOptions): Pipeline {
  return async (ctx) => {
    opts.onRequest?.(ctx);
    if (opts.refuse?.(ctx)) return;
    const path = ctx.url.pathname;
    // Fault patterns see Graph paths relative to /v1.0 (as the Graph handler does) and others whole.
    const faultPath = path.startsWith('/v1.0/') ? path.slice('/v1.0'.length) : path;
    const fault = knobs.takeFault(ctx.method, faultPath);
    if (fault) {
      switch (fault.kind) {
        case 'connection-reset':
          ctx.req.socket.destroy();
          return;
        case 'status': {
          const { code, message } = faultErrorCode(fault.status);
          const retry: Record<string, string> =
            fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
          return sendGraphError(ctx, fault.status, code, message, retry);
        }
        case 'slow':
          await delay(fault.delayMs);
          break;
        default:
          assertNever(fault, 'fault');
      }
    }
    await delay(knobs.latencyFor());
    const match = router.match(ctx.method, path);
    if (!match) return opts.unmatched(ctx, false);
    if ('methodMismatch' in match) return opts.unmatched(ctx, true);
    ctx.params = match.params;
    try {
      await match.handler(ctx);
    } catch (err) {
      if (err instanceof HttpError) return sendGraphError(ctx, err.status, err.code, err.message);
      throw err;
    }
  };
}
