// Every Microsoft Graph request Resetline makes, in one table: what it is for, which feature needs it,
// whether an agent waits for it, the delegated permission Resetline relies on for it and the
// documentation page it follows (a path in microsoftgraph/microsoft-graph-docs-contrib). Each function
// in core/graph names its entry (`// catalogue: caller.methods`). Paths are written as in Microsoft's
// permission map (vendor/microsoft-graph/permissions-delegated.json): lower case, `{id}` for every key,
// no query; a trailing OData cast or `$count` is kept here and dropped when matched against the map
// (the API pages give a cast the permissions of its collection: user-list-transitivememberof.md).
// `POST /$batch` is transport, not a call: it needs no permission and each item is its own entry
// (concepts/json-batching.md). core/graph/permissions.ts derives the scopes from this table.

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export const GRAPH_FEATURES = [
  'agent',
  'search',
  'caller-card',
  'verification',
  'handover',
  'reset',
  'tap',
  'revoke',
  'enable',
  'mfa-reregistration',
  'registration-report',
  'registration-fallback',
  'self-service',
  'policy',
  'writeback',
] as const;
export type GraphFeature = (typeof GRAPH_FEATURES)[number];

export interface GraphCall {
  /** `area.name`, named by the function that makes the call. */
  id: string;
  method: GraphMethod;
  /** Lower case, `{id}` for keys, no query (permissions.json style). */
  path: string;
  /** One line for people. */
  purpose: string;
  feature: GraphFeature;
  /** 'caller': someone at the screen waits for the answer (a call, sign-in, a drill-down); 'background': nobody does. */
  flow: 'caller' | 'background';
  /**
   * `x-ms-throttle-priority`: high only for requests a user initiated, as concepts/throttling-limits.md
   * recommends ("Other headers"); background work low, so it is throttled first.
   */
  priority: 'high' | 'low';
  /** The delegated permission from Resetline's list that grants this call in Microsoft's permission map. */
  scope: string;
  /** Permissions the API page requires on top for a complete answer (not expressed in the permission map). */
  alsoNeeds?: readonly string[];
  /** Made only when the agent's settings ask for it; its alsoNeeds are then asked separately, not by default. */
  onlyWhen?: string;
  /** An advanced query: `ConsistencyLevel: eventual` and `$count=true` (concepts/aad-advanced-queries.md). */
  advancedQuery?: boolean;
  /** Documentation page, repository path in microsoftgraph/microsoft-graph-docs-contrib. */
  doc: string;
}

type Flow = GraphCall['flow'];
type Extra = Pick<GraphCall, 'alsoNeeds' | 'onlyWhen' | 'advancedQuery'>;
type Row = readonly [
  id: string,
  request: string,
  feature: GraphFeature,
  flow: Flow,
  scope: string,
  page: string,
  purpose: string,
  extra?: Extra,
];

/** Full directory-role objects need a permission that reads roles (concepts/permissions-overview.md, limited information). */
const ROLES: Extra = { alsoNeeds: ['RoleManagement.Read.Directory'], advancedQuery: true };
const ADVANCED: Extra = { advancedQuery: true };
/** Sending as another mailbox needs Mail.Send.Shared (concepts/outlook-send-mail-from-other-user.md). */
const SHARED: Extra = {
  alsoNeeds: ['Mail.Send.Shared'],
  onlyWhen: 'a shared mailbox is set as the sender (verification policy)',
};
const UAM = 'UserAuthenticationMethod.ReadWrite.All';
const del = (kind: string, collection: string): Row => [
  `mfa.delete.${kind}`,
  `DELETE /users/{id}/authentication/${collection}/{id}`,
  'mfa-reregistration',
  'caller',
  UAM,
  `${kind.toLowerCase()}authenticationmethod-delete.md`,
  `Removes the caller's ${kind} method so they register again.`,
];

// Pages are under api-reference/v1.0/api/ unless they name a folder.
// prettier-ignore
const ROWS: readonly Row[] = [
  // The signed-in agent (core/graph/me.ts)
  ['agent.profile', 'GET /me', 'agent', 'caller', 'User.Read.All', 'user-get.md',
    "The agent's id, name, UPN and mail after sign-in."],
  ['agent.roles', 'GET /me/transitivememberof/microsoft.graph.directoryrole', 'agent', 'caller', 'User.Read.All',
    'user-list-transitivememberof.md', "The agent's tenant-wide directory roles, incl. through role-assignable groups.", ROLES],
  ['agent.roleAssignments', 'GET /rolemanagement/directory/roleassignments', 'agent', 'caller', 'RoleManagement.Read.Directory',
    'rbacapplication-list-roleassignments.md', "The agent's role assignments: roles scoped to administrative units."],
  // Search and the caller card (core/graph/users.ts, core/graph/callerCard.ts, core/graph/auditLogs.ts)
  ['search.users', 'GET /users', 'search', 'caller', 'User.Read.All', 'user-list.md',
    'Finds the caller by UPN, mail, employee id, phone or name.', ADVANCED],
  ['search.organization', 'GET /organization', 'search', 'caller', 'User.Read.All', 'organization-list.md',
    "The tenant's country, for phone numbers typed without a country code (read once per sign-in)."],
  ['caller.profile', 'GET /users/{id}', 'caller-card', 'caller', 'User.Read.All', 'user-get.md',
    "The caller's account: enabled, synced, password age and policies."],
  ['caller.manager', 'GET /users/{id}/manager', 'caller-card', 'caller', 'User.Read.All', 'user-list-manager.md',
    "The caller's manager."],
  ['caller.methods', 'GET /users/{id}/authentication/methods', 'caller-card', 'caller', UAM, 'authentication-list-methods.md',
    "The caller's registered sign-in methods."],
  ['caller.roles', 'GET /users/{id}/transitivememberof/microsoft.graph.directoryrole', 'caller-card', 'caller', 'User.Read.All',
    'user-list-transitivememberof.md', "The caller's directory roles (who may reset whom).", ROLES],
  ['caller.groups', 'GET /users/{id}/memberof/microsoft.graph.group', 'caller-card', 'caller', 'GroupMember.Read.All',
    'user-list-memberof.md', "The caller's role-assignable groups.", ADVANCED],
  ['caller.roleAssignments', 'GET /rolemanagement/directory/roleassignments', 'caller-card', 'caller', 'RoleManagement.Read.Directory',
    'rbacapplication-list-roleassignments.md', "The caller's role assignments, incl. roles scoped to administrative units."],
  ['caller.administrativeUnits', 'GET /users/{id}/memberof/microsoft.graph.administrativeunit', 'caller-card', 'caller',
    'GroupMember.Read.All', 'user-list-memberof.md', "The caller's administrative units (ids), for unit-scoped roles.", ADVANCED],
  ['caller.registration', 'GET /reports/authenticationmethods/userregistrationdetails/{id}', 'caller-card', 'caller',
    'AuditLog.Read.All', 'userregistrationdetails-get.md', "The caller's SSPR and MFA registration as Entra reports it."],
  ['caller.selfServiceAttempts', 'GET /auditlogs/directoryaudits', 'caller-card', 'caller', 'AuditLog.Read.All',
    'directoryaudit-list.md', "The caller's recent self-service password reset attempts."],
  // Verification codes and the hand-over (core/graph/contacts.ts, core/graph/actions.ts)
  ['verify.contacts', 'GET /users/{id}', 'verification', 'caller', 'User.Read.All', 'user-get.md',
    "The caller's profile mobile and other mail addresses, where a code can go."],
  ['verify.manager', 'GET /users/{id}/manager', 'verification', 'caller', 'User.Read.All', 'user-list-manager.md',
    "The manager's mail address."],
  ['verify.phoneMethods', 'GET /users/{id}/authentication/phonemethods', 'verification', 'caller', UAM,
    'authentication-list-phonemethods.md', "The caller's registered phones, where an SMS code can go."],
  ['verify.emailMethods', 'GET /users/{id}/authentication/emailmethods', 'verification', 'caller', UAM,
    'authentication-list-emailmethods.md', "The caller's authentication email, where an email code can go."],
  ['verify.sendMail', 'POST /me/sendmail', 'verification', 'caller', 'Mail.Send', 'user-sendmail.md',
    "Sends a verification code by email from the agent's mailbox."],
  ['verify.sendMailShared', 'POST /users/{id}/sendmail', 'verification', 'caller', 'Mail.Send',
    'concepts/outlook-send-mail-from-other-user.md', 'Sends a verification code from the shared helpdesk mailbox.', SHARED],
  ['handover.sendMail', 'POST /me/sendmail', 'handover', 'caller', 'Mail.Send', 'user-sendmail.md',
    "Hands a new password or pass to an address the caller proved, from the agent's mailbox."],
  ['handover.sendMailShared', 'POST /users/{id}/sendmail', 'handover', 'caller', 'Mail.Send',
    'concepts/outlook-send-mail-from-other-user.md', 'Hands a password or pass over from the shared helpdesk mailbox.', SHARED],
  // Actions (core/graph/actions.ts)
  ['reset.password', 'POST /users/{id}/authentication/methods/{id}/resetpassword', 'reset', 'caller', UAM,
    'authenticationmethod-resetpassword.md', "Resets the caller's password (cloud and synced users alike)."],
  ['reset.operation', 'GET /users/{id}/authentication/operations/{id}', 'reset', 'caller', UAM, 'longrunningoperation-get.md',
    "Confirms a reset through its long-running operation, where the agent's role may read it."],
  ['reset.lastPasswordChange', 'GET /users/{id}', 'reset', 'caller', 'User.Read.All', 'user-get.md',
    "Confirms a reset by the caller's lastPasswordChangeDateTime when the operation cannot be read."],
  ['tap.create', 'POST /users/{id}/authentication/temporaryaccesspassmethods', 'tap', 'caller', UAM,
    'authentication-post-temporaryaccesspassmethods.md', 'Issues a Temporary Access Pass to the caller.'],
  ['policy.tap', 'GET /policies/authenticationmethodspolicy/authenticationmethodconfigurations/{id}', 'tap', 'caller',
    'Policy.Read.AuthenticationMethod', 'temporaryaccesspassauthenticationmethodconfiguration-get.md',
    'The Temporary Access Pass policy: on or off, lifetimes, one-time use.'],
  ['revoke.sessions', 'POST /users/{id}/revokesigninsessions', 'revoke', 'caller', 'User.RevokeSessions.All',
    'user-revokesigninsessions.md', "Revokes the caller's sign-in sessions and refresh tokens."],
  ['enable.account', 'PATCH /users/{id}', 'enable', 'caller', 'User.EnableDisableAccount.All', 'user-update.md',
    "Re-enables the caller's account (accountEnabled only)."],
  ['mfa.methods', 'GET /users/{id}/authentication/methods', 'mfa-reregistration', 'caller', UAM,
    'authentication-list-methods.md', "Lists the caller's methods before removing them for MFA re-registration."],
  del('phone', 'phonemethods'),
  del('email', 'emailmethods'),
  del('microsoftAuthenticator', 'microsoftauthenticatormethods'),
  del('fido2', 'fido2methods'),
  del('windowsHelloForBusiness', 'windowshelloforbusinessmethods'),
  del('softwareOath', 'softwareoathmethods'),
  del('temporaryAccessPass', 'temporaryaccesspassmethods'),
  del('platformCredential', 'platformcredentialmethods'),
  // Registration snapshot (core/graph/registration.ts)
  ['registration.userCount', 'GET /users/$count', 'registration-report', 'background', 'User.Read.All', 'user-list.md',
    'How many users the ingest will read (progress, the fallback estimate).', ADVANCED],
  ['registration.users', 'GET /users', 'registration-report', 'background', 'User.Read.All', 'user-list.md',
    'Every user with department, password age and sync state, page by page.'],
  ['registration.report', 'GET /reports/authenticationmethods/userregistrationdetails', 'registration-report', 'background',
    'AuditLog.Read.All', 'authenticationmethodsroot-list-userregistrationdetails.md',
    "Every user's registered methods and capabilities (Entra ID P1 or P2)."],
  ['registration.userMethods', 'GET /users/{id}/authentication/methods', 'registration-report', 'caller', UAM,
    'authentication-list-methods.md', "One user's methods for the Registration screen's drill-down."],
  ['fallback.methods', 'GET /users/{id}/authentication/methods', 'registration-fallback', 'background', UAM,
    'authentication-list-methods.md', "Each user's methods when the tenant has no registration report."],
  ['fallback.roles', 'GET /users/{id}/transitivememberof/microsoft.graph.directoryrole', 'registration-fallback', 'background',
    'User.Read.All', 'user-list-transitivememberof.md', 'Whether each user holds a directory role (isAdmin).', ADVANCED],
  // Self-service activity (core/graph/auditLogs.ts)
  ['selfService.directoryAudits', 'GET /auditlogs/directoryaudits', 'self-service', 'background', 'AuditLog.Read.All',
    'directoryaudit-list.md', 'Self-service password reset activity and admin resets.'],
  // Tenant policy and writeback (core/graph/policy.ts)
  ['policy.authMethods', 'GET /policies/authenticationmethodspolicy', 'policy', 'background', 'Policy.Read.AuthenticationMethod',
    'authenticationmethodspolicy-get.md', 'Which authentication methods the tenant enables, and for whom.'],
  ['policy.domains', 'GET /domains', 'policy', 'background', 'Domain.Read.All', 'domain-list.md',
    'Password validity and notification window per verified domain.'],
  ['policy.licences', 'GET /subscribedskus', 'policy', 'background', 'LicenseAssignment.Read.All', 'subscribedsku-list.md',
    'Whether the tenant has Entra ID P1 or P2.'],
  ['writeback.organization', 'GET /organization', 'writeback', 'background', 'User.Read.All', 'organization-list.md',
    'Whether the tenant syncs from on-premises AD, and when it last did.'],
  ['writeback.onPremisesSynchronization', 'GET /directory/onpremisessynchronization', 'writeback', 'background',
    'OnPremDirectorySynchronization.Read.All', 'onpremisesdirectorysynchronization-get.md',
    "The tenant's directory synchronization features (Global Administrator only)."],
];

export const GRAPH_CATALOGUE: readonly GraphCall[] = ROWS.map(
  ([id, request, feature, flow, scope, page, purpose, extra]) => {
    const [method, path] = request.split(' ') as [GraphMethod, string];
    return {
      id,
      method,
      path,
      purpose,
      feature,
      flow,
      priority: flow === 'caller' ? 'high' : 'low',
      scope,
      ...extra,
      doc: page.includes('/') ? page : `api-reference/v1.0/api/${page}`,
    };
  },
);

const BY_ID = new Map(GRAPH_CATALOGUE.map((c) => [c.id, c]));

/** The entry with this id; throws for an id the catalogue does not hold (a typo is a bug). */
export function graphCall(id: string): GraphCall {
  const call = BY_ID.get(id);
  if (!call) throw new Error(`No Graph call "${id}" in core/graph/catalogue.ts`);
  return call;
}

const CAST = /^microsoft\.graph\.[a-z]\w*$/i;

/** The catalogue path as the permission map lists it: a trailing `$count`, then a trailing cast, dropped. */
export function permissionPath(path: string): string {
  const segs = path.split('/');
  if (segs.length > 2 && segs[segs.length - 1] === '$count') segs.pop();
  if (segs.length > 2 && CAST.test(segs[segs.length - 1] ?? '')) segs.pop();
  return segs.join('/');
}

/**
 * The entries a request matches: same method, and each path segment equal (ignoring case, after
 * percent-decoding) or standing in a `{id}` slot. An absolute URL or one with /v1.0 is accepted.
 */
export function callsFor(method: string, url: string): GraphCall[] {
  const path = url
    .replace(/^https?:\/\/[^/]+/i, '')
    .split('?')[0]!
    .replace(/^\/v1\.0(?=\/)/i, '');
  const segs = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s).toLowerCase();
      } catch {
        return s.toLowerCase();
      }
    });
  const m = method.toUpperCase();
  return GRAPH_CATALOGUE.filter((c) => {
    if (c.method !== m) return false;
    const t = c.path.split('/').filter((s) => s !== '');
    return t.length === segs.length && t.every((s, i) => s === segs[i] || (s === '{id}' && !segs[i]!.startsWith('$')));
  });
}
