// A user's memberships (memberOf, transitiveMemberOf): groups, administrative units and directory
// roles, with the OData casts, $count, $filter/$search/$orderby and paging the pages document, and
// the limited-information rule for types the token cannot read (rules/limited-info.ts).
import type { GraphResponse } from '../contracts';
import type { DemoAdministrativeUnit, DemoDirectory, DemoGroup, DemoUser } from '../model';
import { visibleObject, type MemberObjectType } from '../rules/limited-info';
import { MEMBER_OF_CASTS, MEMBER_OF_PAGE, missingAdvancedMessage, type MEMBER_OF_ADVANCED } from '../rules/queries';
import type { Ctx } from './context';
import { json } from './context';
import { badRequest } from './errors';
import { evaluate } from './filter';
import { checkFilter, objectGetter, paginate, project, unsupportedQuery, type FilterSupport } from './odata';
import { matchesSearch, parseSearch } from './search';

interface MemberEntry {
  type: MemberObjectType;
  full: Record<string, unknown> & { id: string };
}

function groupObject(g: DemoGroup): MemberEntry['full'] {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: g.id,
    deletedDateTime: null,
    createdDateTime: g.createdDateTime,
    description: g.description,
    displayName: g.displayName,
    groupTypes: [],
    isAssignableToRole: g.isAssignableToRole,
    mailEnabled: false,
    mailNickname: g.mailNickname,
    securityEnabled: true,
  };
}

function unitObject(a: DemoAdministrativeUnit): MemberEntry['full'] {
  return {
    '@odata.type': '#microsoft.graph.administrativeUnit',
    id: a.id,
    deletedDateTime: null,
    description: a.description,
    displayName: a.displayName,
    visibility: null,
  };
}

/**
 * Direct memberships: groups, administrative units, directly assigned (tenant-wide) roles. Transitive
 * adds the roles assigned to role-assignable groups the user is in. A role scoped to an administrative
 * unit is no directoryRole membership: it shows only in roleAssignments (directoryScopeId).
 */
export function memberEntries(dir: DemoDirectory, u: DemoUser, transitive: boolean): MemberEntry[] {
  const out: MemberEntry[] = [];
  const roleIds = new Set(u.roleTemplateIds);
  for (const gid of u.groupIds) {
    const g = dir.groups.get(gid);
    if (!g) continue;
    out.push({ type: 'group', full: groupObject(g) });
    if (transitive) for (const r of g.roleTemplateIds) roleIds.add(r);
  }
  for (const a of dir.administrativeUnitsOf(u.id)) out.push({ type: 'administrativeUnit', full: unitObject(a) });
  for (const r of roleIds)
    out.push({
      type: 'directoryRole',
      full: { '@odata.type': '#microsoft.graph.directoryRole', deletedDateTime: null, ...dir.directoryRole(r) },
    });
  return out;
}

const A = 'advanced' as const;
/** What the demo filters memberships on (every memberOf filter needs the advanced parameters anyway). */
const MEMBER_FILTER: FilterSupport = {
  id: { eq: A, in: A },
  displayName: { eq: A, in: A, startswith: A },
};

type Trigger = (typeof MEMBER_OF_ADVANCED.triggers)[number];

export function memberOfResponse(
  ctx: Ctx,
  target: DemoUser,
  transitive: boolean,
  castSegment: string | undefined,
  countSegment: boolean,
): GraphResponse {
  const q = ctx.query();
  const cast = castSegment === undefined ? undefined : MEMBER_OF_CASTS[castSegment.toLowerCase()];
  if (castSegment !== undefined && !cast)
    throw badRequest(`Resource not found for the segment '${castSegment}'.`, 'BadRequest');
  if (countSegment && !q.eventual) throw badRequest('$count is not currently supported.', 'Request_BadRequest');
  // A cast, $search, $filter or $orderby needs ConsistencyLevel: eventual and $count=true (a /$count
  // segment brings its own count). rules/queries.ts, MEMBER_OF_ADVANCED.
  const triggers: Trigger[] = [];
  if (cast) triggers.push('cast');
  if (q.search !== undefined) triggers.push('$search');
  if (q.filter) triggers.push('$filter');
  if (q.orderby.length > 0) triggers.push('$orderby');
  const first = triggers[0];
  if (first !== undefined && !(q.eventual && (q.count || countSegment)))
    throw unsupportedQuery(missingAdvancedMessage(first === 'cast' ? `OData cast '${castSegment ?? ''}'` : first));

  const scopes = ctx.req.caller.scopes;
  let items = memberEntries(ctx.dir, target, transitive)
    .filter((e) => !cast || e.type === cast.type)
    .map((e) => visibleObject(scopes, e.type, e.full));
  if (q.search !== undefined) {
    const search = parseSearch(q.search, ['displayName']);
    items = items.filter((o) => matchesSearch(search, (p) => o[p]));
  }
  if (q.filter) {
    const f = q.filter;
    checkFilter(f, MEMBER_FILTER, cast ? cast.type : 'DirectoryObject');
    const get = objectGetter((rec, name) => (rec as Record<string, unknown>)[name]);
    items = items.filter((o) => evaluate(f, o, get));
  }
  for (const o of q.orderby)
    if (o.prop.toLowerCase() !== 'displayname') throw unsupportedQuery(`Order by '${o.prop}' is not supported.`);
  const order = q.orderby[0];
  if (order) {
    const key = (o: Record<string, unknown>): string => (typeof o.displayName === 'string' ? o.displayName : '');
    items = [...items].sort((a, b) => key(a).localeCompare(key(b)) * (order.desc ? -1 : 1));
  }
  if (countSegment) return { status: 200, headers: { 'content-type': 'text/plain' }, body: items.length };

  const shaped = items.map((o) => {
    const { '@odata.type': type, ...rest } = o;
    const picked = q.select ? project(rest, q.select, []) : rest;
    // Cast results are typed by their entity set; a directoryObject collection types each item.
    return cast ? picked : { '@odata.type': type, ...picked };
  });
  const page = paginate(shaped, q, ctx.req, ctx.base, MEMBER_OF_PAGE);
  const set = cast ? cast.entitySet : 'directoryObjects';
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.base}/$metadata#${set}${q.select ? `(${q.select.join(',')})` : ''}`,
  };
  if (q.count && q.eventual) body['@odata.count'] = items.length;
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = page.items;
  return json(200, body);
}
