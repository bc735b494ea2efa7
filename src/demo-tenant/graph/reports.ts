// /reports/authenticationMethods: per-user registration details and the two summaries, derived
// live from the directory (so a deleted method or new TAP shows immediately). Needs Entra ID P1.
import type { GraphResponse } from '../contracts';
import type { DemoDirectory, DemoUser, PolicyMethodId } from '../model';
import { ROLE } from '../roles';
import { REPORT_ROLES, holdsAny } from './authorize';
import { json, type Ctx } from './context';
import { GraphError } from './errors';
import { evaluate } from './filter';
import { checkFilter, objectGetter, paginate, unsupportedQuery, type FilterSupport } from './odata';
import { assertNever } from '../never';

export interface RegistrationDetails {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  userType: 'member' | 'guest';
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  isSystemPreferredAuthenticationMethodEnabled: boolean;
  systemPreferredAuthenticationMethods: string[];
  userPreferredMethodForSecondaryAuthentication: 'push' | 'oath' | 'voiceMobile' | 'sms' | 'none';
  methodsRegistered: string[];
  lastUpdatedDateTime: string;
}

const PRIVILEGED = new Set<string>([
  ROLE.globalAdministrator,
  ROLE.privilegedRoleAdministrator,
  ROLE.privilegedAuthenticationAdministrator,
]);

/** methodsRegistered vocabulary, in Graph's spelling. */
function registered(u: DemoUser): string[] {
  const out = new Set<string>();
  for (const m of u.methods) {
    switch (m.kind) {
      case 'phone':
        out.add(
          m.phoneType === 'mobile'
            ? 'mobilePhone'
            : m.phoneType === 'alternateMobile'
              ? 'alternateMobilePhone'
              : 'officePhone',
        );
        break;
      case 'email':
        out.add('email');
        break;
      case 'microsoftAuthenticator':
        out.add('microsoftAuthenticatorPush');
        break;
      case 'softwareOath':
        out.add('softwareOneTimePasscode');
        break;
      case 'fido2':
        out.add('fido2');
        break;
      case 'windowsHelloForBusiness':
        out.add('windowsHelloForBusiness');
        break;
      case 'platformCredential':
        out.add('macOsSecureEnclaveKey');
        break;
      case 'temporaryAccessPass':
        out.add('temporaryAccessPass');
        break;
      case 'password':
        break;
      default:
        assertNever(m, 'method kind');
    }
  }
  return [...out];
}

const POLICY_OF: Record<string, PolicyMethodId | 'always'> = {
  mobilePhone: 'Sms',
  alternateMobilePhone: 'Voice',
  officePhone: 'Voice',
  email: 'Email',
  microsoftAuthenticatorPush: 'MicrosoftAuthenticator',
  softwareOneTimePasscode: 'SoftwareOath',
  fido2: 'Fido2',
  windowsHelloForBusiness: 'always',
  macOsSecureEnclaveKey: 'always',
  temporaryAccessPass: 'TemporaryAccessPass',
};
const SSPR_METHODS = new Set([
  'mobilePhone',
  'officePhone',
  'email',
  'microsoftAuthenticatorPush',
  'softwareOneTimePasscode',
]);
const MFA_METHODS = new Set([
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'microsoftAuthenticatorPush',
  'softwareOneTimePasscode',
  'fido2',
  'windowsHelloForBusiness',
  'macOsSecureEnclaveKey',
]);
const PASSWORDLESS = new Set(['fido2', 'windowsHelloForBusiness', 'macOsSecureEnclaveKey']);

export function registrationDetails(dir: DemoDirectory, u: DemoUser): RegistrationDetails {
  const methods = registered(u);
  const allowed = (m: string): boolean => {
    const p = POLICY_OF[m];
    return p === 'always' || (p !== undefined && dir.policy.states[p] === 'enabled');
  };
  const roles = dir.effectiveRoleTemplateIds(u.id);
  const isAdmin = roles.length > 0;
  const member = u.userType === 'Member';
  // Admins always get the "strong two-gate" policy (two methods).
  const needed = isAdmin ? 2 : dir.tenant.ssprMethodsRequired;
  const ssprCount = methods.filter((m) => SSPR_METHODS.has(m)).length;
  const isSsprRegistered = ssprCount >= needed;
  const isSsprEnabled = member && u.accountEnabled;
  const isMfaRegistered = methods.some((m) => MFA_METHODS.has(m));
  const preferred = methods.includes('microsoftAuthenticatorPush')
    ? 'push'
    : methods.includes('mobilePhone')
      ? 'sms'
      : methods.includes('softwareOneTimePasscode')
        ? 'oath'
        : methods.includes('officePhone')
          ? 'voiceMobile'
          : 'none';
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    userDisplayName: u.displayName,
    userType: member ? 'member' : 'guest',
    isAdmin,
    isSsprRegistered,
    isSsprEnabled,
    isSsprCapable: isSsprRegistered && isSsprEnabled,
    isMfaRegistered,
    isMfaCapable: methods.some((m) => MFA_METHODS.has(m) && allowed(m)),
    isPasswordlessCapable: methods.some((m) => PASSWORDLESS.has(m) && allowed(m)),
    isSystemPreferredAuthenticationMethodEnabled: false,
    systemPreferredAuthenticationMethods: [],
    userPreferredMethodForSecondaryAuthentication: preferred,
    methodsRegistered: methods,
    lastUpdatedDateTime: u.lastPasswordChangeDateTime,
  };
}

const D = 'default' as const;
export const REGISTRATION_FILTER: FilterSupport = {
  id: { eq: D },
  userPrincipalName: { eq: D, startswith: D },
  userDisplayName: { eq: D, startswith: D },
  userType: { eq: D },
  isAdmin: { eq: D },
  isSsprRegistered: { eq: D },
  isSsprEnabled: { eq: D },
  isSsprCapable: { eq: D },
  isMfaRegistered: { eq: D },
  isMfaCapable: { eq: D },
  isPasswordlessCapable: { eq: D },
  methodsRegistered: { eq: D },
  userPreferredMethodForSecondaryAuthentication: { eq: D },
};

const getter = objectGetter((rec, name) => {
  const r = rec as Record<string, unknown>;
  const key = Object.keys(r).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : r[key];
});

function requireReports(ctx: Ctx): void {
  if (!ctx.dir.tenant.premium) {
    throw new GraphError(
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    );
  }
  if (!holdsAny(ctx.roles, REPORT_ROLES))
    throw new GraphError(403, 'Authentication_RequestFromUnsupportedUserRole', 'User is not in the allowed roles');
}

export function listRegistrationDetails(ctx: Ctx): GraphResponse {
  requireReports(ctx);
  const q = ctx.query();
  if (q.search !== undefined || q.select !== undefined)
    throw unsupportedQuery('Only $filter and $orderby are supported on userRegistrationDetails.');
  if (q.top !== undefined && (q.top < 1 || q.top > 1000))
    throw unsupportedQuery(`Invalid page size specified: '${q.top}'.`);
  if (q.filter) checkFilter(q.filter, REGISTRATION_FILTER, 'userRegistrationDetails');
  const order = q.orderby[0];
  if (order && order.prop !== 'userPrincipalName' && order.prop !== 'userDisplayName') {
    throw unsupportedQuery(`Order by '${order.prop}' is not supported.`);
  }
  const f = q.filter;
  let page: { items: RegistrationDetails[]; nextLink: string | undefined };
  if (!f && !order) {
    // Unfiltered, unordered: derive only the rows of this page (100,000 users stay cheap to page through).
    const users = paginate(ctx.dir.users, q, ctx.req, ctx.base, { defaultTop: 1000, maxTop: 1000 });
    page = { items: users.items.map((u) => registrationDetails(ctx.dir, u)), nextLink: users.nextLink };
  } else {
    let rows = ctx.dir.users.map((u) => registrationDetails(ctx.dir, u));
    if (f) rows = rows.filter((r) => evaluate(f, r, getter));
    if (order) {
      const key = order.prop as 'userPrincipalName' | 'userDisplayName';
      const dir = order.desc ? -1 : 1;
      rows.sort(
        (a, b) =>
          (a[key].toLowerCase() < b[key].toLowerCase() ? -1 : a[key].toLowerCase() > b[key].toLowerCase() ? 1 : 0) *
          dir,
      );
    }
    page = paginate(rows, q, ctx.req, ctx.base, { defaultTop: 1000, maxTop: 1000 });
  }
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.base}/$metadata#reports/authenticationMethods/userRegistrationDetails`,
  };
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = page.items;
  return json(200, body);
}

export function getRegistrationDetails(ctx: Ctx, id: string): GraphResponse {
  requireReports(ctx);
  const u = ctx.target(id);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#reports/authenticationMethods/userRegistrationDetails/$entity`,
    ...registrationDetails(ctx.dir, u),
  });
}

/** `usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='all')` → the two arguments. */
export function parseSummaryArgs(args: string | undefined): {
  userTypes: 'all' | 'member' | 'guest';
  userRoles: 'all' | 'privilegedAdmin' | 'admin' | 'user';
} {
  const out = {
    userTypes: 'all' as 'all' | 'member' | 'guest',
    userRoles: 'all' as 'all' | 'privilegedAdmin' | 'admin' | 'user',
  };
  for (const part of (args ?? '').split(',').filter(Boolean)) {
    const m = /^\s*(includedUserTypes|includedUserRoles)\s*=\s*'([^']*)'\s*$/i.exec(decodeURIComponent(part));
    if (!m) throw new GraphError(400, 'BadRequest', `Invalid function argument '${part}'.`);
    const [, name = '', value = ''] = m;
    if (name.toLowerCase() === 'includedusertypes') {
      if (value !== 'all' && value !== 'member' && value !== 'guest')
        throw new GraphError(400, 'BadRequest', `Invalid includedUserTypes '${value}'.`);
      out.userTypes = value;
    } else {
      if (value !== 'all' && value !== 'privilegedAdmin' && value !== 'admin' && value !== 'user')
        throw new GraphError(400, 'BadRequest', `Invalid includedUserRoles '${value}'.`);
      out.userRoles = value;
    }
  }
  return out;
}

function summaryRows(ctx: Ctx, args: ReturnType<typeof parseSummaryArgs>): RegistrationDetails[] {
  return ctx.dir.users
    .filter((u) => {
      if (args.userTypes === 'member' && u.userType !== 'Member') return false;
      if (args.userTypes === 'guest' && u.userType !== 'Guest') return false;
      const roles = ctx.dir.effectiveRoleTemplateIds(u.id);
      switch (args.userRoles) {
        case 'all':
          return true;
        case 'admin':
          return roles.length > 0;
        case 'privilegedAdmin':
          return roles.some((r) => PRIVILEGED.has(r));
        case 'user':
          return roles.length === 0;
        default:
          return assertNever(args.userRoles, 'role filter');
      }
    })
    .map((u) => registrationDetails(ctx.dir, u));
}

export function usersRegisteredByFeature(ctx: Ctx, rawArgs: string | undefined): GraphResponse {
  requireReports(ctx);
  const args = parseSummaryArgs(rawArgs);
  const rows = summaryRows(ctx, args);
  const count = (pred: (r: RegistrationDetails) => boolean): number => rows.filter(pred).length;
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#microsoft.graph.userRegistrationFeatureSummary`,
    totalUserCount: rows.length,
    userTypes: args.userTypes,
    userRoles: args.userRoles,
    userRegistrationFeatureCounts: [
      { feature: 'ssprRegistered', userCount: count((r) => r.isSsprRegistered) },
      { feature: 'ssprEnabled', userCount: count((r) => r.isSsprEnabled) },
      { feature: 'ssprCapable', userCount: count((r) => r.isSsprCapable) },
      { feature: 'passwordlessCapable', userCount: count((r) => r.isPasswordlessCapable) },
      { feature: 'mfaCapable', userCount: count((r) => r.isMfaCapable) },
    ],
  });
}

export function usersRegisteredByMethod(ctx: Ctx, rawArgs: string | undefined): GraphResponse {
  requireReports(ctx);
  const args = parseSummaryArgs(rawArgs);
  const rows = summaryRows(ctx, args);
  const counts = new Map<string, number>();
  for (const r of rows) for (const m of r.methodsRegistered) counts.set(m, (counts.get(m) ?? 0) + 1);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#microsoft.graph.userRegistrationMethodSummary`,
    totalUserCount: rows.length,
    userTypes: args.userTypes,
    userRoles: args.userRoles,
    userRegistrationMethodCounts: [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([authenticationMethod, userCount]) => ({ authenticationMethod, userCount })),
  });
}
