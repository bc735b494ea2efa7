// /me, /users and the user relationships Resetline reads (manager, memberOf, transitiveMemberOf).
import type { GraphResponse } from '../contracts';
import type { DemoUser } from '../model';
import type { Ctx } from './context';
import { json } from './context';
import { badRequest, GraphError } from './errors';
import { evaluate } from './filter';
import {
  checkFilter,
  objectGetter,
  paginate,
  project,
  requireAdvanced,
  unsupportedQuery,
  type FilterSupport,
} from './odata';
import { matchesSearch, parseSearch } from './search';
import { memberOfResponse } from './memberof';

/** Graph's default user properties (api-reference/v1.0/api/user-list.md). */
export const USER_DEFAULT_PROPS = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/**
 * $search on users. Documented in the v1.0 user resource: displayName and mobilePhone. Graph also
 * answers on mail, userPrincipalName, givenName and surname in practice; employeeId is not searchable
 * (use $filter=employeeId eq '…').
 */
export const USER_SEARCHABLE = [
  'displayName',
  'mobilePhone',
  'mail',
  'userPrincipalName',
  'givenName',
  'surname',
] as const;

const D = 'default' as const;
const A = 'advanced' as const;
/** From Graph's "filter-directory-objects" table for the properties Resetline uses. */
export const USER_FILTER: FilterSupport = {
  id: { eq: D, ne: A, not: A, in: D },
  displayName: { eq: D, ne: A, not: A, in: D, startswith: D, null: A },
  userPrincipalName: { eq: D, ne: A, not: A, le: D, in: D, startswith: D, endswith: A },
  mail: { eq: D, ne: A, not: A, ge: D, le: D, in: D, startswith: D, endswith: A, null: A },
  otherMails: { eq: D, ne: A, not: A, startswith: D, endswith: A },
  givenName: { eq: D, ne: A, not: A, ge: D, le: D, in: D, startswith: D, null: A },
  surname: { eq: D, ne: A, not: A, ge: D, le: D, in: D, startswith: D, null: A },
  employeeId: { eq: D, ne: A, not: A, in: D, startswith: D, null: A },
  mobilePhone: { eq: A, ne: A, not: A, ge: A, le: A, in: A, startswith: A, null: A },
  businessPhones: { eq: D, not: A },
  accountEnabled: { eq: D, ne: A, not: A, ge: A, le: A, in: D },
  onPremisesSyncEnabled: { eq: D, ne: A, ge: A, le: A, in: D },
  userType: { eq: D, ne: A, not: A, in: D, null: A },
  department: { eq: D, ne: A, not: A, ge: D, le: D, in: D, startswith: D, null: A },
  jobTitle: { eq: D, ne: A, not: A, ge: D, le: D, in: D, null: A },
  officeLocation: { eq: A, ne: A, not: A, ge: A, le: A, in: A, startswith: A, null: A },
  createdDateTime: { eq: D, ne: A, not: A, ge: D, le: D, in: A },
  employeeHireDate: { eq: A, ne: A, ge: A, le: A, in: A },
  passwordPolicies: { eq: A, ne: A, null: A },
};

/** The full Graph representation; $select narrows it. */
export function userResource(u: DemoUser): Record<string, unknown> {
  return {
    id: u.id,
    businessPhones: u.businessPhones,
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: u.mobilePhone,
    officeLocation: u.officeLocation,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    accountEnabled: u.accountEnabled,
    userType: u.userType,
    department: u.department,
    employeeId: u.employeeId,
    employeeHireDate: u.employeeHireDate,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
    onPremisesSamAccountName: u.onPremisesSamAccountName,
    onPremisesLastSyncDateTime: u.onPremisesLastSyncDateTime,
    lastPasswordChangeDateTime: u.lastPasswordChangeDateTime,
    passwordPolicies: u.passwordPolicies,
    // Graph never returns the password itself.
    passwordProfile: {
      password: null,
      forceChangePasswordNextSignIn: u.forceChangePasswordNextSignIn,
      forceChangePasswordNextSignInWithMfa: u.forceChangePasswordNextSignInWithMfa,
    },
    createdDateTime: u.createdDateTime,
    otherMails: u.otherMails,
    signInSessionsValidFromDateTime: u.signInSessionsValidFromDateTime,
    externalUserState: u.externalUserState,
    mailNickname: u.userPrincipalName.split('@')[0] ?? null,
    usageLocation: u.userType === 'Member' ? 'US' : null,
    creationType: u.userType === 'Guest' ? 'Invitation' : null,
    // Real properties the demo has no story for, served with plausible values so $select of them works.
    companyName: u.userType === 'Member' ? 'Contoso Ltd' : null,
    city: u.officeLocation?.split(' ')[0] ?? null,
    country: u.userType === 'Member' ? 'United States' : null,
    state: null,
    streetAddress: null,
    postalCode: null,
    faxNumber: null,
    ageGroup: null,
    employeeType: u.userType === 'Member' ? 'Employee' : null,
    imAddresses: [],
    proxyAddresses: u.mail ? [`SMTP:${u.mail}`] : [],
    showInAddressList: null,
    isResourceAccount: null,
    externalUserStateChangeDateTime: u.externalUserState ? u.createdDateTime : null,
    onPremisesDomainName: u.onPremisesSyncEnabled ? 'corp.contoso.com' : null,
    onPremisesUserPrincipalName: u.onPremisesSyncEnabled ? u.userPrincipalName : null,
    onPremisesImmutableId: u.onPremisesSyncEnabled
      ? Buffer.from(u.id.replace(/-/g, ''), 'hex').toString('base64')
      : null,
    onPremisesDistinguishedName: u.onPremisesSyncEnabled
      ? `CN=${u.displayName},OU=Users,DC=corp,DC=contoso,DC=com`
      : null,
    onPremisesSecurityIdentifier: null,
    identities: [
      {
        signInType: 'userPrincipalName',
        issuer: u.userPrincipalName.split('@')[1] ?? '',
        issuerAssignedId: u.userPrincipalName,
      },
    ],
  };
}

const USER_PROPS = new Set(
  Object.keys(
    userResource({
      userPrincipalName: 'a@b',
      id: '00000000-0000-0000-0000-000000000000',
      officeLocation: null,
    } as DemoUser),
  ).map((k) => k.toLowerCase()),
);

/** Graph answers 400 for a $select of a property the user type does not have; the demo does the same for ones it does not serve. */
function checkSelect(select: string[] | undefined): void {
  for (const p of select ?? []) {
    if (p === '*') continue;
    if (p.toLowerCase() === 'signinactivity')
      throw new GraphError(400, 'Request_UnsupportedQuery', "The demo tenant does not serve 'signInActivity'.");
    if (!USER_PROPS.has(p.toLowerCase()))
      throw badRequest(`Could not find a property named '${p}' on type 'microsoft.graph.user'.`, 'BadRequest');
  }
}

const userGetter = objectGetter((rec, name) => {
  const full = userResource(rec as DemoUser);
  const key = Object.keys(full).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : full[key];
});

/** Reads one property straight off the record for the hot path (no object building per user). */
function fastGet(u: DemoUser, prop: string): unknown {
  switch (prop) {
    case 'displayName':
      return u.displayName;
    case 'mail':
      return u.mail;
    case 'userPrincipalName':
      return u.userPrincipalName;
    case 'givenName':
      return u.givenName;
    case 'surname':
      return u.surname;
    case 'mobilePhone':
      return u.mobilePhone;
    default:
      return userResource(u)[prop];
  }
}

function contextUrl(ctx: Ctx, entitySet: string, select: string[] | undefined): string {
  return `${ctx.base}/$metadata#${entitySet}${select ? `(${select.join(',')})` : ''}`;
}

/** Validates the OData options as Graph does and returns the matching users in order. */
function queryUsers(ctx: Ctx): readonly DemoUser[] {
  ctx.requireMember();
  const q = ctx.query();
  checkSelect(q.select);
  if (q.params.has('$skip'))
    throw unsupportedQuery(
      "The query specified in the URI is not valid. Query option 'Skip' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.",
    );
  if (q.params.has('$expand')) throw unsupportedQuery('$expand is not supported on this demo tenant for /users.');
  if (q.top !== undefined && (q.top < 1 || q.top > 999))
    throw badRequest(
      `Invalid page size specified: '${q.top}'. Must be between 1 and 999 inclusive.`,
      'Request_UnsupportedQuery',
    );
  const search = q.search === undefined ? undefined : parseSearch(q.search, USER_SEARCHABLE);
  if (search && !q.eventual) {
    throw unsupportedQuery(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  if (q.filter && checkFilter(q.filter, USER_FILTER, 'User'))
    requireAdvanced(q, q.filterText?.match(/\b(ne|not|endswith)\b/i)?.[1] ?? 'eq');
  for (const o of q.orderby) {
    if (o.prop !== 'displayName' && o.prop !== 'userPrincipalName')
      throw unsupportedQuery(`Order by '${o.prop}' is not supported.`);
  }
  if (q.orderby.length > 0 && q.filter) requireAdvanced(q, 'orderby');
  if (q.orderby.length > 1) throw unsupportedQuery('Only one $orderby property is supported.');

  const order = q.orderby[0];
  let base: readonly DemoUser[] =
    order?.prop === 'displayName'
      ? ctx.dir.usersByDisplayName()
      : order?.prop === 'userPrincipalName'
        ? [...ctx.dir.users].sort((a, b) =>
            a.userPrincipalName.toLowerCase() < b.userPrincipalName.toLowerCase() ? -1 : 1,
          )
        : ctx.dir.users;
  if (order?.desc) base = [...base].reverse();
  if (!q.filter && !search) return base;
  const f = q.filter;
  return base.filter(
    (u) => (!f || evaluate(f, u, userGetter)) && (!search || matchesSearch(search, (p) => fastGet(u, p))),
  );
}

export function listUsers(ctx: Ctx): GraphResponse {
  const result = queryUsers(ctx);
  const q = ctx.query();
  const page = paginate(result, q, ctx.req, ctx.base, { defaultTop: 100, maxTop: 999 });
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, 'users', q.select) };
  // Without the advanced-query parameters Graph silently ignores $count=true.
  if (q.count && q.eventual) body['@odata.count'] = result.length;
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = page.items.map((u) => project(userResource(u), q.select, USER_DEFAULT_PROPS));
  return json(200, body);
}

/** GET /users/$count: a bare number as text/plain, advanced queries only. */
export function countUsers(ctx: Ctx): GraphResponse {
  if (!ctx.query().eventual) throw badRequest('$count is not currently supported.', 'Request_BadRequest');
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: queryUsers(ctx).length };
}

export function getUser(ctx: Ctx, target: DemoUser, asMe: boolean): GraphResponse {
  if (!asMe) ctx.requireMember();
  const q = ctx.query();
  checkSelect(q.select);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#users/$entity`,
    ...project(userResource(target), q.select, USER_DEFAULT_PROPS),
  });
}

export function getManager(ctx: Ctx, target: DemoUser, _asMe: boolean): GraphResponse {
  const mgr = target.managerId ? ctx.dir.getUser(target.managerId) : undefined;
  if (!mgr)
    throw new GraphError(
      404,
      'Request_ResourceNotFound',
      "Resource 'manager' does not exist or one of its queried reference-property objects are not present.",
    );
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#directoryObjects/$entity`,
    '@odata.type': '#microsoft.graph.user',
    ...project(userResource(mgr), ctx.query().select, USER_DEFAULT_PROPS),
  });
}

/** memberOf / transitiveMemberOf, their casts and /$count (graph/memberof.ts). */
export function listMemberOf(
  ctx: Ctx,
  target: DemoUser,
  asMe: boolean,
  transitive: boolean,
  cast: string | undefined,
  countSegment = false,
): GraphResponse {
  if (!asMe) ctx.requireMember();
  return memberOfResponse(ctx, target, transitive, cast, countSegment);
}

export { userGetter };
