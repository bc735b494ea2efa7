// The server side of the Graph seam: authenticate the bearer token as Graph does (401 with Graph's
// body otherwise), apply the throttle knob and Microsoft's documented limits (rules/throttling.ts),
// and hand the call to the Graph handler (graph/).
import type { GraphHandler, GraphRequest, GraphResponse } from './contracts';
import { HttpError, readJson, sendGraphError, type RequestContext } from './http';
import type { KnobStore } from './knobs';
import { assertNever } from './never';
import type { DocumentedThrottle } from './rules/throttling';
import type { AccessTokenProblem, TokenService } from './tokens';

const GRAPH_METHODS: ReadonlySet<string> = new Set<GraphRequest['method']>(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

function isGraphMethod(m: string): m is GraphRequest['method'] {
  return GRAPH_METHODS.has(m);
}

/** Graph's 401 messages (InvalidAuthenticationToken), by what was wrong with the token. */
export function unauthorizedMessage(problem: AccessTokenProblem): string {
  switch (problem) {
    case 'missing':
      return 'Access token is empty.';
    case 'malformed':
      return 'IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE Compact Serialization Format.';
    case 'expired':
      return 'Lifetime validation failed, the token is expired.';
    case 'bad-signature':
      return 'Access token validation failure. Signature validation failed.';
    case 'wrong-audience':
      return 'Access token validation failure. Invalid audience.';
    case 'wrong-issuer':
      return 'Access token validation failure. Invalid issuer.';
    default:
      return assertNever(problem, 'problem');
  }
}

export function sendUnauthorized(ctx: RequestContext, problem: AccessTokenProblem): void {
  sendGraphError(ctx, 401, 'InvalidAuthenticationToken', unauthorizedMessage(problem), {
    'www-authenticate': `Bearer realm="", authorization_uri="${ctx.url.origin}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
  });
}

export function writeGraphResponse(ctx: RequestContext, r: GraphResponse): void {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  // The handler may not override the request-id the server already stamped on the response.
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'request-id') delete headers[k];
  if (r.body === undefined) {
    ctx.res.writeHead(r.status, { 'content-length': 0, ...headers });
    ctx.res.end();
    return;
  }
  const text = JSON.stringify(r.body);
  ctx.res.writeHead(r.status, {
    'content-type':
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    'cache-control': 'no-cache',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  ctx.res.end(text);
}

export interface GraphGateway {
  tokens: TokenService;
  knobs: KnobStore;
  handler: GraphHandler;
  /** Microsoft's documented limits, per app per tenant; absent = none (unit harnesses). */
  limits?: DocumentedThrottle;
}

/** `path` is relative to /v1.0, still percent-encoded. */
export async function serveGraph(gw: GraphGateway, ctx: RequestContext, path: string): Promise<void> {
  const auth = await gw.tokens.verifyAccessToken(ctx.req.headers.authorization);
  if (!auth.ok) return sendUnauthorized(ctx, auth.problem);
  if (!isGraphMethod(ctx.method)) {
    return sendGraphError(ctx, 405, 'Request_BadRequest', `The HTTP method '${ctx.method}' is not allowed.`);
  }
  const raw = ctx.req.url ?? '';
  const q = raw.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(ctx.req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  // $batch items are throttled one by one inside the handler; the envelope itself is not counted.
  let limitHeaders: Record<string, string> = {};
  if (path !== '/$batch') {
    const limited = gw.knobs.throttle();
    if (limited) {
      const retryAfter =
        Object.entries(limited.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1] ?? '1';
      return sendGraphError(ctx, 429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': retryAfter });
    }
    const verdict = gw.limits?.check({
      method: ctx.method,
      path,
      query: q >= 0 ? raw.slice(q + 1) : '',
      headers,
      clientId: auth.caller.clientId,
      requestId: ctx.requestId,
      clientRequestId: ctx.clientRequestId,
    });
    if (verdict?.limited) {
      gw.knobs.countDocumentedThrottle();
      return writeGraphResponse(ctx, verdict.response);
    }
    limitHeaders = verdict?.headers ?? {};
  }
  let body: unknown;
  try {
    body = ctx.method === 'GET' || ctx.method === 'DELETE' ? undefined : await readJson(ctx);
  } catch (err) {
    if (err instanceof HttpError) return sendGraphError(ctx, err.status, err.code, err.message);
    throw err;
  }
  const response = await gw.handler({
    method: ctx.method,
    path,
    query: q >= 0 ? raw.slice(q + 1) : '',
    headers,
    body,
    caller: auth.caller,
    requestId: ctx.requestId,
    clientRequestId: ctx.clientRequestId,
  });
  writeGraphResponse(ctx, { ...response, headers: { ...limitHeaders, ...(response.headers ?? {}) } });
}
