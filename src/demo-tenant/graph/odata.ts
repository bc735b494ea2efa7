// OData system query options as Graph applies them to directory collections: parsing, the
// advanced-query rules (ConsistencyLevel: eventual + $count), $select projection and paging.
import type { GraphRequest } from '../contracts';
import { badRequest, GraphError } from './errors';
import { leaves, parseFilter, type FilterNode, type Getter } from './filter';
import { receivedQuery } from '../rules/queries';

export interface ODataQuery {
  /** Lower-cased option names ($filter, $top…) and other parameters, percent-decoded. */
  params: Map<string, string>;
  select: string[] | undefined;
  filter: FilterNode | undefined;
  filterText: string | undefined;
  search: string | undefined;
  orderby: { prop: string; desc: boolean }[];
  top: number | undefined;
  count: boolean;
  skiptoken: string | undefined;
  /** ConsistencyLevel: eventual was sent. */
  eventual: boolean;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    throw badRequest(`Invalid percent-encoding in query: ${s}`, 'BadRequest');
  }
}

export function parseQuery(req: Pick<GraphRequest, 'query' | 'headers'>): ODataQuery {
  const params = new Map<string, string>();
  // A raw '#' starts a fragment and a raw '&' a new parameter (rules/queries.ts, QUERY_ENCODING).
  for (const part of receivedQuery(req.query).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decode(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const v = eq < 0 ? '' : decode(part.slice(eq + 1));
    // Graph accepts the options without the $ prefix too.
    const key = ['select', 'filter', 'search', 'orderby', 'top', 'count', 'skiptoken', 'expand', 'skip'].includes(k)
      ? `$${k}`
      : k;
    if (params.has(key))
      throw badRequest(
        `Query option '${key}' was specified more than once. It must be specified at most once.`,
        'BadRequest',
      );
    params.set(key, v);
  }
  const topRaw = params.get('$top');
  let top: number | undefined;
  if (topRaw !== undefined) {
    if (!/^\d+$/.test(topRaw)) throw badRequest(`Invalid value '${topRaw}' for query option $top.`, 'BadRequest');
    top = Number(topRaw);
  }
  const countRaw = params.get('$count');
  if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false')
    throw badRequest(`Invalid value '${countRaw}' for $count.`, 'BadRequest');
  const filterText = params.get('$filter');
  const orderRaw = params.get('$orderby');
  const orderby = (orderRaw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [prop = '', dir = 'asc', extra] = s.split(/\s+/);
      if (extra !== undefined || (dir.toLowerCase() !== 'asc' && dir.toLowerCase() !== 'desc'))
        throw badRequest(`Invalid $orderby '${s}'.`, 'BadRequest');
      return { prop, desc: dir.toLowerCase() === 'desc' };
    });
  const selectRaw = params.get('$select');
  return {
    params,
    select:
      selectRaw === undefined
        ? undefined
        : selectRaw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    filter: filterText === undefined ? undefined : parseFilter(filterText),
    filterText,
    search: params.get('$search'),
    orderby,
    top,
    count: countRaw === 'true',
    skiptoken: params.get('$skiptoken'),
    eventual: (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual',
  };
}

export function unsupportedQuery(message: string): GraphError {
  return new GraphError(400, 'Request_UnsupportedQuery', message);
}

export function missingAdvancedParams(operator: string): GraphError {
  return unsupportedQuery(
    `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

export type Support = 'default' | 'advanced';
export type FilterOp = 'eq' | 'ne' | 'not' | 'ge' | 'le' | 'in' | 'startswith' | 'endswith' | 'null';
/** Per property: which operators work, and whether they need the advanced-query parameters. */
export type FilterSupport = Record<string, Partial<Record<FilterOp, Support>>>;

/**
 * Checks every leaf of a filter against a support table (Graph's "filter-directory-objects" table).
 * Returns whether the query needs advanced parameters; throws Graph's 400 if unsupported.
 */
export function checkFilter(node: FilterNode, table: FilterSupport, resource: string): boolean {
  let advanced = false;
  for (const { node: leaf, under, negated } of leaves(node)) {
    // Inside a lambda the variable is the element; validate against the collection property.
    const prop = (
      under.length > 0
        ? under.join('/') + (leaf.path.length > 1 ? '/' + leaf.path.slice(1).join('/') : '')
        : leaf.path.join('/')
    ).toLowerCase();
    const entry = Object.entries(table).find(([k]) => k.toLowerCase() === prop)?.[1];
    if (!entry)
      throw unsupportedQuery(
        `Unsupported or invalid query filter clause specified for property '${leaf.path.join('/')}' of resource '${resource}'.`,
      );
    const ops: FilterOp[] = [];
    if (leaf.t === 'fn') ops.push(leaf.name);
    else if (leaf.t === 'in') ops.push('in');
    else if (leaf.value === null) ops.push('null', leaf.op === 'ne' ? 'ne' : 'eq');
    else if (leaf.op === 'gt' || leaf.op === 'lt') ops.push(leaf.op === 'gt' ? 'ge' : 'le');
    else ops.push(leaf.op);
    if (negated) ops.push('not');
    for (const op of ops) {
      const s = entry[op];
      if (s === undefined)
        throw unsupportedQuery(
          `Unsupported or invalid query filter clause specified for property '${leaf.path.join('/')}' of resource '${resource}'.`,
        );
      if (s === 'advanced') advanced = true;
    }
  }
  return advanced;
}

export function requireAdvanced(q: ODataQuery, operator: string): void {
  if (!q.eventual || !q.count) throw missingAdvancedParams(operator);
}

/** A getter over plain objects: the first segment may be a lambda variable; names are case-insensitive. */
export function objectGetter(root: (record: unknown, name: string) => unknown): Getter {
  return (record, path, scope) => {
    const [head, ...rest] = path;
    if (head === undefined) return undefined;
    let v: unknown = scope.has(head) ? scope.get(head) : root(record, head);
    for (const p of rest) {
      if (v === null || typeof v !== 'object') return undefined;
      const key = Object.keys(v).find((k) => k.toLowerCase() === p.toLowerCase());
      v = key === undefined ? undefined : (v as Record<string, unknown>)[key];
    }
    return v;
  };
}

/** Picks $select-ed properties (case-insensitive) in the resource's own spelling; unknown names are dropped as Graph does. */
export function project(
  full: Record<string, unknown>,
  select: string[] | undefined,
  defaults: readonly string[],
): Record<string, unknown> {
  if (select?.includes('*')) return { ...full };
  const wanted = select ?? defaults;
  const out: Record<string, unknown> = {};
  if (typeof full['@odata.type'] === 'string' && select === undefined) out['@odata.type'] = full['@odata.type'];
  const keys = Object.keys(full);
  for (const w of wanted) {
    const k = keys.find((x) => x.toLowerCase() === w.toLowerCase());
    if (k !== undefined) out[k] = full[k];
  }
  return out;
}

export interface Page<T> {
  items: T[];
  nextLink: string | undefined;
}

/** Opaque to clients (base64url), like Graph's: it only carries the offset into the ordered result. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset })).toString('base64url');
}

export function decodeSkipToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'o' in parsed && typeof parsed.o === 'number' && parsed.o >= 0)
      return parsed.o;
  } catch {
    // fall through to Graph's error
  }
  throw badRequest('The specified page token value has expired or is invalid.', 'Directory_ExpiredPageToken');
}

/** Slices one page and builds `@odata.nextLink` (absolute, on the Graph base URL) when more remain. */
export function paginate<T>(
  all: readonly T[],
  q: ODataQuery,
  req: Pick<GraphRequest, 'path' | 'query'>,
  baseUrl: string,
  opts: { defaultTop: number; maxTop: number },
): Page<T> {
  const top = Math.min(q.top ?? opts.defaultTop, opts.maxTop);
  const offset = q.skiptoken === undefined ? 0 : decodeSkipToken(q.skiptoken);
  const items = all.slice(offset, offset + top);
  if (offset + top >= all.length) return { items, nextLink: undefined };
  const kept = receivedQuery(req.query)
    .split('&')
    .filter((p) => p && !/^\$?skiptoken=/i.test(p))
    .join('&');
  const sep = kept ? `${kept}&` : '';
  return {
    items,
    nextLink: `${baseUrl.replace(/\/$/, '')}${req.path}?${sep}$skiptoken=${encodeSkipToken(offset + top)}`,
  };
}
