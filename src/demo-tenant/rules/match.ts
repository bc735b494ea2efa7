// A Graph request path → the permissions.json template it is listed under, so the scope and cloud
// rules can look it up. Templates are lower case with `{id}` for every key segment
// (vendor/microsoft-graph/README.md); a request is lower-cased, stripped of its query, its keys
// replaced by `{id}` and its trailing `$count` and OData cast dropped. The API pages give a cast and
// a count the permissions of the collection they apply to (api-reference/v1.0/api/
// user-list-transitivememberof.md: "OData cast is also enabled", same Permissions table).

/** A request path, normalized segment by segment. */
export interface NormalizedPath {
  /** Lower case, keys as `{id}`, e.g. ["users", "{id}", "authentication", "methods"]. */
  segments: string[];
  /** The same segments as the client wrote them (percent-decoded), for error messages. */
  original: string[];
}

export interface MatchedPath extends NormalizedPath {
  /** The permissions.json template, e.g. "/users/{id}/authentication/methods/{id}/resetpassword". */
  template: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `users('…')` or `users(…)` addressing by key; function calls carry `name=value` or are empty. */
const KEY_IN_PARENS = /^([A-Za-z][\w.]*)\((?:'((?:[^']|'')*)'|([^=()']+))\)$/;
const CAST = /^microsoft\.graph\.[a-z][\w.]*$/i;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A segment that is a key rather than a name: an object id (GUID) or a userPrincipalName. */
export function isKeySegment(decoded: string): boolean {
  return GUID.test(decoded) || decoded.includes('@');
}

export function normalizeRequestPath(rawPath: string): NormalizedPath {
  const path = rawPath.split('?')[0] ?? '';
  const segments: string[] = [];
  const original: string[] = [];
  const push = (seg: string, orig: string): void => {
    segments.push(seg);
    original.push(orig);
  };
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    const seg = decode(raw);
    const keyed = KEY_IN_PARENS.exec(seg);
    if (keyed?.[1] !== undefined) {
      push(keyed[1].toLowerCase(), keyed[1]);
      push('{id}', keyed[2] ?? keyed[3] ?? '');
    } else if (isKeySegment(seg)) push('{id}', seg);
    else push(seg.toLowerCase(), seg);
  }
  // `…/transitiveMemberOf/microsoft.graph.group/$count`: the count first, then the cast.
  if (segments.length > 1 && segments[segments.length - 1] === '$count') {
    segments.pop();
    original.pop();
  }
  if (segments.length > 1 && CAST.test(segments[segments.length - 1] ?? '')) {
    segments.pop();
    original.pop();
  }
  return { segments, original };
}

/** A function segment compares by name: `usersregisteredbyfeature(includedusertypes='all')` ~ `usersregisteredbyfeature`. */
function fnName(seg: string): string | undefined {
  const i = seg.indexOf('(');
  return i > 0 && seg.endsWith(')') ? seg.slice(0, i) : undefined;
}

function segmentMatches(template: string, request: string): 'literal' | 'key' | undefined {
  if (template === request) return 'literal';
  const tf = fnName(template);
  const rf = fnName(request);
  if (rf !== undefined && (tf ?? template) === rf) return 'literal';
  // Any key fits a key slot (FIDO2 and other non-GUID method ids too), but never `$value`, `$ref`…
  if (template === '{id}' && !request.startsWith('$') && rf === undefined) return 'key';
  return undefined;
}

/** The templates of one table, indexed for matching request paths against them. */
export class TemplateIndex {
  private readonly exact: Set<string>;
  private readonly byLength = new Map<number, string[][]>();
  private readonly cache = new Map<string, string | undefined>();

  constructor(templates: Iterable<string>) {
    this.exact = new Set(templates);
    for (const t of this.exact) {
      const segs = t.split('/').filter((s) => s !== '');
      const list = this.byLength.get(segs.length) ?? [];
      list.push(segs);
      this.byLength.set(segs.length, list);
    }
  }

  /** The matching template, preferring literal segments over key slots from the left; undefined when none. */
  match(rawPath: string): MatchedPath | undefined {
    const n = normalizeRequestPath(rawPath);
    const joined = `/${n.segments.join('/')}`;
    let template: string | undefined;
    if (this.exact.has(joined)) template = joined;
    else if (this.cache.has(joined)) template = this.cache.get(joined);
    else {
      template = this.search(n.segments);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(joined, template);
    }
    return template === undefined ? undefined : { ...n, template };
  }

  private search(segments: readonly string[]): string | undefined {
    let best: { segs: string[]; rank: string } | undefined;
    for (const segs of this.byLength.get(segments.length) ?? []) {
      let rank = '';
      for (let i = 0; i < segs.length && rank.length === i; i++) {
        const m = segmentMatches(segs[i] ?? '', segments[i] ?? '');
        if (m) rank += m === 'literal' ? '0' : '1';
      }
      if (rank.length !== segs.length) continue;
      if (!best || rank < best.rank) best = { segs, rank };
    }
    return best ? `/${best.segs.join('/')}` : undefined;
  }
}
