// The identity and access service's request costs in resource units, from the table in
// concepts/throttling-limits.md + includes/throttling-identity-and-access.md (the rules of
// throttling.ts charge each request what this table says).

export interface CostRow {
  method: 'GET' | 'POST';
  /** Lower-case template; `me/...` rows also apply to `users/{id}/...` (the page's note). */
  path: string;
  resourceUnits: number;
  writeCost: number;
}

/** The base request costs table (identity and access service limits); anything else costs 1. */
export const REQUEST_COSTS: readonly CostRow[] = [
  { method: 'GET', path: 'applications', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'applications/{id}/extensionproperties', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'contracts', resourceUnits: 3, writeCost: 0 },
  { method: 'POST', path: 'directoryobjects/getbyids', resourceUnits: 5, writeCost: 0 },
  { method: 'GET', path: 'domains/{id}/domainnamereferences', resourceUnits: 4, writeCost: 0 },
  { method: 'POST', path: 'getobjectsbyid', resourceUnits: 5, writeCost: 0 },
  { method: 'GET', path: 'groups/{id}/members', resourceUnits: 3, writeCost: 0 },
  { method: 'GET', path: 'groups/{id}/transitivemembers', resourceUnits: 5, writeCost: 0 },
  { method: 'POST', path: 'ismemberof', resourceUnits: 4, writeCost: 0 },
  { method: 'POST', path: 'users/{id}/checkmembergroups', resourceUnits: 4, writeCost: 0 },
  { method: 'POST', path: 'users/{id}/checkmemberobjects', resourceUnits: 4, writeCost: 0 },
  { method: 'POST', path: 'users/{id}/getmembergroups', resourceUnits: 2, writeCost: 0 },
  { method: 'POST', path: 'users/{id}/getmemberobjects', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'users/{id}/licensedetails', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'users/{id}/memberof', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'users/{id}/ownedobjects', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'users/{id}/transitivememberof', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'oauth2permissiongrants', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'oauth2permissiongrants/{id}', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'serviceprincipals/{id}/approleassignments', resourceUnits: 2, writeCost: 0 },
  { method: 'GET', path: 'subscribedskus', resourceUnits: 3, writeCost: 0 },
  { method: 'GET', path: 'users', resourceUnits: 2, writeCost: 0 },
];

/** The path's cost templates: as sent, with its key segment as {id}, /me as /users/{id}; a trailing cast dropped. */
function costTemplates(path: string): string[] {
  const segs = path.toLowerCase().split('/').filter(Boolean);
  if (segs.length > 1 && segs[segs.length - 1]!.startsWith('microsoft.graph.')) segs.pop();
  if (segs[0] === 'me') segs.splice(0, 1, 'users', '{id}');
  const keyed = segs.length > 1 ? [segs[0]!, '{id}', ...segs.slice(2)] : segs;
  return [segs.join('/'), keyed.join('/')];
}

function queryOptions(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    let key = eq >= 0 ? part.slice(0, eq) : part;
    try {
      key = decodeURIComponent(key);
    } catch {
      /* keep it raw */
    }
    out.set(key.toLowerCase(), eq >= 0 ? part.slice(eq + 1) : '');
  }
  return out;
}

/**
 * A request's resource-unit and write cost: the base cost, $select −1, $expand +1, $top under 20 −1,
 * never below 1 (the page's "Other factors"; the Learn page adds: getByIds and getObjectsById with
 * $select cost 2).
 */
export function requestCost(method: string, path: string, query: string): { resourceUnits: number; writeCost: number } {
  const m = method.toUpperCase();
  const templates = costTemplates(path);
  const row = REQUEST_COSTS.find((r) => r.method === m && templates.includes(r.path));
  const base = row?.resourceUnits ?? 1;
  const writeCost = row ? row.writeCost : m === 'GET' ? 0 : 1;
  const q = queryOptions(query);
  if (row && (row.path === 'directoryobjects/getbyids' || row.path === 'getobjectsbyid') && q.has('$select'))
    return { resourceUnits: 2, writeCost };
  let cost = base;
  if (q.has('$select')) cost -= 1;
  if (q.has('$expand')) cost += 1;
  const top = Number(q.get('$top'));
  if (q.has('$top') && Number.isFinite(top) && top < 20) cost -= 1;
  return { resourceUnits: Math.max(1, cost), writeCost };
}
