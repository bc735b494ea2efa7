// Builds the Microsoft Graph client the gateway uses: the real @microsoft/microsoft-graph-client with
// its middleware chain, the agent's delegated token, and a retry policy that never blindly repeats a
// write whose outcome could be unknown (GET retried on 429/503/504; writes only on 429, which Graph
// sends before doing anything). Every attempt then passes the priority and reports budget (budget.ts).
// The token goes to the configured Graph origin only: absolute URLs from Graph (@odata.nextLink, a
// reset's Location, resume links kept in SQLite) and redirect hops to any other origin are refused
// before anything is sent, and logged by origin alone.
import type { Dispatcher } from 'undici';
import { ResetlineError } from '../../../shared/result';
import { createLogger } from '../log';
import { fetchOptionsWith } from '../net/trustedFetch';
import { PriorityHandler, ReportsBudget } from './budget';
import { methodOf, requestMethod, requestOf, requestUrl } from './context';
import { traceGraphRequest } from './trace';
import {
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com (no version) */
  graphOrigin: string;
  /**
   * The agent's token. A failure must already be a ResetlineError in the agent's words (core/auth maps
   * MSAL's failures before they get here): the gateway passes it on as it is and never reads MSAL's.
   */
  getAccessToken: () => Promise<string>;
  /** A dispatcher trusting the demo tenant's CA; undefined for Microsoft's clouds. */
  dispatcher?: Dispatcher;
  maxRetries?: number;
  /** Called for every HTTP request that leaves (after retries are decided), for counting and tracing. */
  onRequest?: (method: string, url: string) => void;
  /** The reports service budget shared by every request of this client (one per tenant connection). */
  budget?: ReportsBudget;
  /** Which Microsoft Graph this is, for the request trace (trace.ts). */
  cloud?: string;
}

const log = createLogger('graph-client');

/** Graph error code carrying one of our own codes through the Graph client (it rewraps thrown errors). */
const RESETLINE_CODE_PREFIX = 'Resetline.';

/**
 * Our own failure in Graph's error shape, because the Graph client would otherwise flatten a thrown
 * error into an anonymous one; mapGraphError turns it back into this ResetlineError.
 */
function ownErrorResponse(error: ResetlineError, status: number): Response {
  return new Response(
    JSON.stringify({ error: { code: `${RESETLINE_CODE_PREFIX}${error.code}`, message: error.message } }),
    { status, headers: { 'content-type': 'application/json' } },
  );
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Lets a request through only to the configured Graph origin (scheme, host and port). It stands first
 * in the chain, before the token is attached, and again last, so a redirect hop is checked too.
 */
class GraphOriginGuard implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly graphOrigin: string) {}
  async execute(context: Context): Promise<void> {
    const origin = originOf(requestUrl(context));
    if (origin !== this.graphOrigin) {
      log.warn('refused a Graph request to another origin', { origin: origin ?? '(not a URL)' });
      const refused = new ResetlineError(
        'forbidden',
        `Resetline did not send this request: its address is on ${origin ?? 'an unreadable host'}, which is ` +
          `not your tenant's Microsoft Graph (${this.graphOrigin}), so your sign-in was not sent there. ` +
          'Try again; if it happens again, tell your Resetline administrator.',
      );
      context.response = ownErrorResponse(refused, 400);
      return;
    }
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * What the agent is told when the token provider fails with something other than a ResetlineError: the
 * provider broke its contract (core/auth maps every MSAL failure), so nothing of its text is passed on.
 */
function unexplainedTokenFailure(error: unknown): ResetlineError {
  log.error("the token provider failed without saying why in the agent's words", { error });
  return new ResetlineError(
    'sign_in_failed',
    'Resetline could not get your Microsoft sign-in for this request. Try again; if it happens again, sign out and back in (the details are in the log).',
  );
}

/**
 * Puts the agent's token on each request (the guard before it has checked the origin). When no token
 * can be had (signed out, revoked, consent), it answers in Graph's error shape with the code and words
 * the token provider gave (core/auth's mapping), so mapGraphError hands the same error on.
 */
class TokenHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly getAccessToken: () => Promise<string>) {}
  async execute(context: Context): Promise<void> {
    let token: string;
    try {
      token = await this.getAccessToken();
    } catch (error) {
      const e = error instanceof ResetlineError ? error : unexplainedTokenFailure(error);
      context.response = ownErrorResponse(e, e.code === 'signed_out' ? 401 : 400);
      return;
    }
    const request = requestOf(context);
    if (typeof request === 'string') {
      const headers = new Headers(context.options?.headers);
      headers.set('Authorization', `Bearer ${token}`);
      context.options = { ...context.options, headers };
    } else {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Appends each request to the trace when RESETLINE_GRAPH_LOG_DIR is set (tests; trace.ts). */
class TraceHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly cloud: string) {}
  async execute(context: Context): Promise<void> {
    traceGraphRequest(requestMethod(context), requestUrl(context), context.options?.body, this.cloud);
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

class CountingHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly onRequest: (method: string, url: string) => void) {}
  async execute(context: Context): Promise<void> {
    this.onRequest(requestMethod(context), requestUrl(context));
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function createGraphClient(options: GraphClientOptions): Client {
  const retry = new RetryHandler(
    new RetryHandlerOptions(1, options.maxRetries ?? 3, (_delay, _attempt, request, fetchOptions, response) => {
      return response.status === 429 || methodOf(request, fetchOptions) === 'GET';
    }),
  );
  const graphOrigin = new URL(options.graphOrigin).origin;
  const chain: Middleware[] = [
    new GraphOriginGuard(graphOrigin),
    new TokenHandler(options.getAccessToken),
    retry,
    new PriorityHandler(options.budget ?? new ReportsBudget()),
    new RedirectHandler(),
    new GraphOriginGuard(graphOrigin),
    new TelemetryHandler(),
    ...(options.onRequest ? [new CountingHandler(options.onRequest)] : []),
    ...(process.env.RESETLINE_GRAPH_LOG_DIR ? [new TraceHandler(options.cloud ?? 'global')] : []),
    new HTTPMessageHandler(),
  ];
  for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext!(chain[i + 1]!);

  const host = new URL(options.graphOrigin).hostname;
  return Client.initWithMiddleware({
    baseUrl: options.graphOrigin.replace(/\/?$/, '/'),
    defaultVersion: 'v1.0',
    middleware: chain[0]!,
    // Without customHosts the client only sends the token to Microsoft's own Graph hosts.
    customHosts: new Set([host]),
    ...(options.dispatcher ? { fetchOptions: fetchOptionsWith(options.dispatcher) } : {}),
  });
}
