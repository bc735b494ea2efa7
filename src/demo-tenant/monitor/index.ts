// Azure Monitor in the demo tenant: the Logs Ingestion API (POST /dataCollectionRules/{dcr}/streams/{stream})
// and the Logs query API (POST /v1/workspaces/{id}/query), in the shapes Microsoft documents:
// articles/azure-monitor/logs/logs-ingestion-api-overview.md, articles/azure-monitor/logs/api/request-format.md,
// response-format.md and errors.md (all in MicrosoftDocs/azure-monitor-docs).
import { gunzipSync } from 'node:zlib';
import { HttpError, sendJson, type RequestContext, type Router } from '../http';
import type { TokenService } from '../tokens';
import { KqlSyntaxError, parseKql, type Column, type Row } from './kql';
import { runKql } from './kqlRun';
import {
  COLUMN_NAME,
  INGESTION_API_VERSION,
  INGESTION_AUDIENCE,
  INGESTION_LIMITS,
  QUERY_AUDIENCE,
  RESERVED_COLUMNS,
  type MonitorErrorBody,
} from './rules';
import {
  DEMO_STREAM,
  DEMO_TABLE,
  DemoWorkspace,
  fitsType,
  type IngestionRecord,
  type MonitorFaults,
} from './workspace';
import { filterTimespan, TimespanError } from './timespan';
import { holdsWorkspaceRead, QUERY_LIMITS, QueryRate } from './queryRules';

export { DEMO_COLUMNS, DEMO_STREAM, DEMO_TABLE, DemoWorkspace } from './workspace';
export type { IngestionRecord, MonitorFaults } from './workspace';

export interface DemoMonitor {
  /** The Data Collection Endpoint / DCR ingestion URL: the demo's own origin. */
  ingestionEndpoint: string;
  dcrImmutableId: string;
  streamName: string;
  tableName: string;
  /** Give LogsQueryClient `{ endpoint: queryEndpoint }` (the SDK appends /workspaces/…). */
  queryEndpoint: string;
  workspaceId: string;
  faults: MonitorFaults;
  /** Every ingestion call answered so far (a copy), oldest first. */
  ingestions(): IngestionRecord[];
  /** The rows of the custom table as stored (a copy). */
  rows(): Row[];
}

function sendMonitorError(
  ctx: RequestContext,
  status: number,
  code: string,
  message: string,
  extra: { inner?: { code: string; message: string }; headers?: Record<string, string> } = {},
): void {
  const body: MonitorErrorBody = { error: { code, message, ...(extra.inner ? { innererror: extra.inner } : {}) } };
  sendJson(ctx, status, body, extra.headers ?? {});
}

async function readBodyWithin(ctx: RequestContext): Promise<Buffer | 'too-large'> {
  try {
    return await ctx.body();
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) return 'too-large';
    throw err;
  }
}

/** The request body as JSON text, refused over the 1 MB call limit compressed or not (service-limits.md). */
async function ingestionJson(ctx: RequestContext): Promise<{ text: string; wire: number } | { error: string }> {
  const raw = await readBodyWithin(ctx);
  const limit = INGESTION_LIMITS.maxCallBytes;
  const tooLarge = (n: number | string): { error: string } => ({
    error: `Maximum allowed content length: ${limit} bytes (1 MB). Provided content length: ${n} bytes.`,
  });
  if (raw === 'too-large' || raw.length > limit)
    return tooLarge(raw === 'too-large' ? 'more than 4194304' : raw.length);
  const encoding = String(ctx.req.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') {
    try {
      const plain = gunzipSync(raw, { maxOutputLength: limit + 1 });
      if (plain.length > limit) return tooLarge(`more than ${limit}`);
      return { text: plain.toString('utf8'), wire: raw.length };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(`more than ${limit}`);
      return { error: 'The request body could not be decompressed as gzip.' };
    }
  }
  if (encoding && encoding !== 'identity') return { error: `Content-Encoding '${encoding}' is not supported.` };
  return { text: raw.toString('utf8'), wire: raw.length };
}

function checkRows(value: unknown, columns: readonly Column[]): Row[] | string {
  if (!Array.isArray(value)) return 'The request body must be a JSON array.';
  for (const [i, row] of value.entries()) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return `Item ${i} is not a JSON object.`;
    for (const [key, v] of Object.entries(row as Row)) {
      const col = columns.find((c) => c.name === key);
      if (!COLUMN_NAME.test(key) || RESERVED_COLUMNS.includes(key) || !col)
        return `Item ${i}: '${key}' is not a column of stream ${DEMO_STREAM}.`;
      if (!fitsType(v, col.type)) return `Item ${i}: '${key}' is not a ${col.type}.`;
    }
  }
  return value as Row[];
}

function createIngestionHandler(ws: DemoWorkspace, tokens: TokenService) {
  return async (ctx: RequestContext): Promise<void> => {
    const dcr = decodeURIComponent(ctx.params[0] ?? '');
    const stream = decodeURIComponent(ctx.params[1] ?? '');
    const record = (status: number, rows = 0, wire = 0, json = 0): void => {
      ws.ingestions.push({ at: Date.now(), dcr, stream, status, rows, wireBytes: wire, jsonBytes: json });
    };
    if (ws.pending.unreachable) {
      ctx.req.socket.destroy();
      return;
    }
    if (ctx.url.searchParams.get('api-version') !== INGESTION_API_VERSION) {
      record(400);
      return sendMonitorError(ctx, 400, 'InvalidApiVersion', `Use api-version=${INGESTION_API_VERSION}.`);
    }
    const auth = await tokens.verifyAccessToken(ctx.req.headers.authorization, [INGESTION_AUDIENCE]);
    if (!auth.ok) {
      record(401);
      const message =
        auth.problem === 'missing'
          ? "Authentication failed. The 'Authorization' header is missing."
          : auth.problem === 'wrong-audience'
            ? `The access token's audience must be ${INGESTION_AUDIENCE}.`
            : 'The access token is invalid.';
      return sendMonitorError(
        ctx,
        401,
        auth.problem === 'missing' ? 'AuthenticationFailed' : 'InvalidAuthenticationToken',
        message,
      );
    }
    const target = ws.streamTable(dcr, stream);
    if (target === 'no-dcr' || target === 'no-stream') {
      record(404);
      return sendMonitorError(
        ctx,
        404,
        target === 'no-dcr' ? 'DataCollectionRuleNotFound' : 'InvalidStream',
        target === 'no-dcr'
          ? `Data collection rule ${dcr} was not found.`
          : `Stream ${stream} is not declared in ${dcr}.`,
      );
    }
    if (ws.pending.throttle > 0) {
      ws.pending.throttle--;
      record(429);
      return sendMonitorError(ctx, 429, 'TooManyRequests', 'Too many requests for this data collection rule.', {
        headers: { 'retry-after': String(ws.pending.retryAfter) },
      });
    }
    if (ws.pending.fail > 0) {
      ws.pending.fail--;
      record(ws.pending.failStatus);
      return sendMonitorError(ctx, ws.pending.failStatus, 'ServiceUnavailable', 'The service is unavailable.');
    }
    const contentType = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('application/json')) {
      record(415);
      return sendMonitorError(ctx, 415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
    }
    const body = await ingestionJson(ctx);
    if ('error' in body) {
      const status = body.error.startsWith('Maximum allowed') ? 413 : 400;
      record(status);
      return sendMonitorError(
        ctx,
        status,
        status === 413 ? 'ContentLengthLimitExceeded' : 'InvalidContentEncoding',
        body.error,
      );
    }
    const jsonBytes = Buffer.byteLength(body.text);
    const wait = ws.rateLimited(Date.now(), Math.max(jsonBytes, body.wire));
    if (wait !== undefined) {
      record(429);
      return sendMonitorError(ctx, 429, 'TooManyRequests', 'The data collection rule passed its per-minute limit.', {
        headers: { 'retry-after': String(wait) },
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      record(400);
      return sendMonitorError(ctx, 400, 'InvalidPayload', 'The request body is not valid JSON.');
    }
    const rows = checkRows(parsed, target.columns);
    if (typeof rows === 'string') {
      record(400);
      return sendMonitorError(ctx, 400, 'InvalidPayload', rows);
    }
    const now = new Date().toISOString();
    ws.append(
      target.table,
      rows.map((r) => ({ TimeGenerated: now, ...r })),
    );
    record(204, rows.length, body.wire, jsonBytes);
    ctx.res.writeHead(204, { 'content-length': 0 });
    ctx.res.end();
  };
}

/** A dynamic value is returned as its JSON text, a datetime as ISO-8601 (response-format.md shows types per column). */
function cell(value: unknown, type: Column['type']): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'dynamic') return typeof value === 'string' ? value : JSON.stringify(value);
  if (type === 'datetime' && typeof value === 'string') return new Date(value).toISOString();
  return value;
}

function createQueryHandler(ws: DemoWorkspace, tokens: TokenService) {
  const rate = new QueryRate();
  return async (ctx: RequestContext): Promise<void> => {
    // errors.md: a missing header is 401 AuthenticationFailed; a bad token or audience is 403.
    const auth = await tokens.verifyAccessToken(ctx.req.headers.authorization, [QUERY_AUDIENCE]);
    if (!auth.ok) {
      if (auth.problem === 'missing')
        return sendMonitorError(
          ctx,
          401,
          'AuthenticationFailed',
          "Authentication failed. The 'Authorization' header is missing.",
        );
      if (auth.problem === 'wrong-audience')
        return sendMonitorError(
          ctx,
          403,
          'InvalidAuthenticationTokenAudience',
          `The access token has been obtained from wrong audience or resource. It should exactly match (including forward slash) with one of the allowed audiences '${QUERY_AUDIENCE}'.`,
        );
      return sendMonitorError(ctx, 403, 'InvalidAuthenticationToken', 'The access token is invalid.');
    }
    if (decodeURIComponent(ctx.params[0] ?? '') !== ws.workspaceId)
      return sendMonitorError(ctx, 404, 'PathNotFoundError', 'The requested path does not exist');
    // queryRules.ts: read access to the workspace (Log Analytics Reader), then the per-user query rate.
    if (!holdsWorkspaceRead(auth.caller))
      return sendMonitorError(
        ctx,
        403,
        'InsufficientAccessError',
        'The provided credentials have insufficient access to perform the requested operation',
      );
    const wait = rate.take(auth.caller.userId, Date.now());
    if (wait !== undefined)
      return sendMonitorError(ctx, 429, 'ThrottledError', 'Too many queries from this user; try again later.', {
        headers: { 'retry-after': String(wait) },
      });
    // errors.md: "a POST request that's missing either JSON body or the Content-Type header" gets an empty 200.
    const raw = (await ctx.body()).toString('utf8');
    if (
      !String(ctx.req.headers['content-type'] ?? '')
        .toLowerCase()
        .startsWith('application/json') ||
      !raw.trim()
    ) {
      ctx.res.writeHead(200, { 'content-length': 0 });
      ctx.res.end();
      return;
    }
    const bad = (message: string): void =>
      sendMonitorError(ctx, 400, 'BadArgumentError', 'The request had some invalid properties', {
        inner: { code: 'SyntaxError', message },
      });
    let request: { query?: unknown; timespan?: unknown };
    try {
      request = JSON.parse(raw) as typeof request;
    } catch {
      return bad('The request body is not valid JSON.');
    }
    if (typeof request.query !== 'string' || !request.query.trim()) return bad('The query is missing.');
    try {
      const parsed = parseKql(request.query);
      const table = ws.table(parsed.table);
      if (!table) return bad(`'${parsed.table}' is not a table in this workspace.`);
      // errors.md: a workspace with no data answers 204 No Content.
      if (ws.totalRows() === 0) {
        ctx.res.writeHead(204, { 'content-length': 0 });
        ctx.res.end();
        return;
      }
      const rows = filterTimespan(
        table.rows,
        typeof request.timespan === 'string' ? request.timespan : undefined,
        Date.now(),
      );
      const result = runKql(parsed, [...table.columns], rows);
      const cut = result.rows.length > QUERY_LIMITS.maxRows;
      sendJson(ctx, 200, {
        tables: [
          {
            name: 'PrimaryResult',
            columns: result.columns,
            rows: result.rows
              .slice(0, QUERY_LIMITS.maxRows)
              .map((r) => r.map((v, i) => cell(v, result.columns[i]?.type ?? 'string'))),
          },
        ],
        ...(cut
          ? {
              error: {
                code: 'PartialError',
                message: 'There were some errors when processing your query.',
                details: [
                  {
                    code: 'EngineError',
                    message: 'Something went wrong processing your query on the server.',
                    innererror: {
                      code: '-2133196797',
                      message: `Query result set has exceeded the internal record count limit ${QUERY_LIMITS.maxRows}`,
                    },
                  },
                ],
              },
            }
          : {}),
      });
    } catch (err) {
      if (err instanceof KqlSyntaxError || err instanceof TimespanError) return bad(err.message);
      throw err;
    }
  };
}

/** Mounts both endpoints on the demo tenant's HTTPS router. */
export function mountMonitor(
  router: Router,
  deps: { tokens: TokenService; tenantId: string; origin: string; workspace?: DemoWorkspace },
): DemoMonitor {
  const ws = deps.workspace ?? new DemoWorkspace(deps.tenantId);
  router
    .add('POST', /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)$/, createIngestionHandler(ws, deps.tokens))
    .add('POST', /^\/v1\/workspaces\/([^/]+)\/query$/, createQueryHandler(ws, deps.tokens));
  return {
    ingestionEndpoint: deps.origin,
    dcrImmutableId: ws.dcrImmutableId,
    streamName: DEMO_STREAM,
    tableName: DEMO_TABLE,
    queryEndpoint: `${deps.origin}/v1`,
    workspaceId: ws.workspaceId,
    faults: ws.faults(),
    ingestions: () => ws.ingestions.map((r) => ({ ...r })),
    rows: () => (ws.table(DEMO_TABLE)?.rows ?? []).map((r) => ({ ...r })),
  };
}
