// POST /$batch as Graph runs it: at most 20 requests, unique ids, relative URLs, per-item
// throttling (a 429 inside a 200 batch) and dependsOn ordering with 424 for failed dependencies.
import type { GraphRequest, GraphResponse } from '../contracts';
import { badRequest, graphErrorBody, GraphError } from './errors';
import { json } from './context';
import { splitTarget } from '../rules/queries';

export const MAX_BATCH_REQUESTS = 20;

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const CANONICAL: Record<string, string> = {
  'content-type': 'Content-Type',
  'retry-after': 'Retry-After',
  location: 'Location',
  'cache-control': 'Cache-Control',
};

/** Graph spells item headers canonically ("Content-Type"); the Graph client's BatchResponseContent looks for exactly that. */
function itemHeaders(headers: Record<string, string> | undefined, hasBody: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'request-id') continue;
    out[CANONICAL[k.toLowerCase()] ?? k] = v;
  }
  if (hasBody) out['Content-Type'] = JSON_TYPE;
  return out;
}

interface BatchItem {
  id: string;
  method: GraphRequest['method'];
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

function parseItems(body: unknown): BatchItem[] {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { requests?: unknown }).requests)) {
    throw badRequest('Invalid batch payload format.', 'BadRequest');
  }
  const raw = (body as { requests: unknown[] }).requests;
  if (raw.length === 0) throw badRequest('Invalid batch payload format: the requests array is empty.', 'BadRequest');
  if (raw.length > MAX_BATCH_REQUESTS)
    throw badRequest(
      `Invalid batch payload format: the number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
      'BadRequest',
    );
  const seen = new Set<string>();
  const items = raw.map((r): BatchItem => {
    if (typeof r !== 'object' || r === null) throw badRequest('Invalid batch payload format.', 'BadRequest');
    const o = r as Record<string, unknown>;
    const id = typeof o.id === 'number' ? String(o.id) : o.id;
    if (typeof id !== 'string' || id === '')
      throw badRequest('Request Id is required for every request in the batch.', 'BadRequest');
    if (seen.has(id))
      throw badRequest(`Request Id '${id}' is duplicated. Request Ids must be unique within a batch.`, 'BadRequest');
    seen.add(id);
    const method = typeof o.method === 'string' ? o.method.toUpperCase() : '';
    if (!METHODS.has(method))
      throw badRequest(`Invalid method '${String(o.method)}' for request '${id}'.`, 'BadRequest');
    if (typeof o.url !== 'string' || o.url === '')
      throw badRequest(`Url is required for request '${id}'.`, 'BadRequest');
    if (/^[a-z]+:\/\//i.test(o.url))
      throw badRequest(`Request '${id}': the url must be relative to the version root.`, 'BadRequest');
    const headers: Record<string, string> = {};
    if (o.headers !== undefined) {
      if (typeof o.headers !== 'object' || o.headers === null)
        throw badRequest(`Invalid headers for request '${id}'.`, 'BadRequest');
      for (const [k, v] of Object.entries(o.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
    const deps = o.dependsOn === undefined ? [] : o.dependsOn;
    if (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string'))
      throw badRequest(`Invalid dependsOn for request '${id}'.`, 'BadRequest');
    return {
      id,
      method: method as GraphRequest['method'],
      url: o.url,
      headers,
      body: o.body,
      dependsOn: deps as string[],
    };
  });
  for (const it of items) {
    for (const d of it.dependsOn)
      if (!seen.has(d))
        throw badRequest(`Request '${it.id}' depends on '${d}', which is not in the batch.`, 'BadRequest');
  }
  return items;
}

/** Dependencies first, otherwise in the order given; a cycle is Graph's 400. */
function order(items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: BatchItem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (it: BatchItem): void => {
    const s = state.get(it.id);
    if (s === 'done') return;
    if (s === 'visiting') throw badRequest('The batch contains a circular dependsOn chain.', 'BadRequest');
    state.set(it.id, 'visiting');
    for (const d of it.dependsOn) {
      const dep = byId.get(d);
      if (dep) visit(dep);
    }
    state.set(it.id, 'done');
    out.push(it);
  };
  items.forEach(visit);
  return out;
}

export async function runBatch(
  outer: GraphRequest,
  inner: (req: GraphRequest) => Promise<GraphResponse>,
  throttle: (item: GraphRequest) => GraphResponse | undefined,
): Promise<GraphResponse> {
  const items = order(parseItems(outer.body));
  const results = new Map<string, { id: string; status: number; headers: Record<string, string>; body?: unknown }>();
  for (const it of items) {
    const failedDep = it.dependsOn.find((d) => (results.get(d)?.status ?? 500) >= 400);
    if (failedDep !== undefined) {
      results.set(it.id, {
        id: it.id,
        status: 424,
        headers: itemHeaders({}, true),
        body: graphErrorBody(outer, 'FailedDependency', `Dependency '${failedDep}' failed.`),
      });
      continue;
    }
    if (it.body !== undefined && it.headers['content-type'] === undefined) {
      results.set(it.id, {
        id: it.id,
        status: 400,
        headers: itemHeaders({}, true),
        body: graphErrorBody(outer, 'BadRequest', 'A Content-Type header is required when the request has a body.'),
      });
      continue;
    }
    const url = it.url.startsWith('/') ? it.url : `/${it.url}`;
    // Each item is parsed as its own request target: a raw '#' ends it (rules/queries.ts).
    const { path, query } = splitTarget(url.replace(/^\/v1\.0(?=\/)/i, ''));
    const req: GraphRequest = {
      method: it.method,
      path,
      query,
      headers: { ...it.headers },
      body: it.body,
      caller: outer.caller,
      requestId: outer.requestId,
      clientRequestId: outer.clientRequestId,
    };
    // Each item counts against the limits on its own (concepts/json-batching.md).
    const limited = throttle(req);
    if (limited) {
      results.set(it.id, {
        id: it.id,
        status: 429,
        headers: itemHeaders(limited.headers, limited.body !== undefined),
        body: limited.body,
      });
      continue;
    }
    const res = await inner(req);
    results.set(it.id, {
      id: it.id,
      status: res.status,
      headers: itemHeaders(res.headers, res.body !== undefined),
      ...(res.body !== undefined ? { body: res.body } : {}),
    });
  }
  // Graph may answer out of order; we keep the request order for readability.
  return json(200, {
    responses: parseOrder(outer.body)
      .map((id) => results.get(id))
      .filter((r) => r !== undefined),
  });
}

function parseOrder(body: unknown): string[] {
  return ((body as { requests: { id: unknown }[] }).requests ?? []).map((r) => String(r.id));
}

export class NestedBatchError extends GraphError {
  constructor() {
    super(400, 'BadRequest', 'A $batch request cannot contain another $batch request.');
    this.name = 'NestedBatchError';
  }
}
