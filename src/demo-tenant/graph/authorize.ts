// Entra's authorization for the calls Resetline makes: delegated scopes gate endpoints, and the
// caller's directory roles gate who may act on whom (Microsoft's "who can reset passwords" table,
// GRAPH-NOTES A7). Pure functions, so every role pair is unit-tested.
import { ROLE } from '../roles';

// ---- scopes ----------------------------------------------------------------------------------

/** Any one of these delegated scopes satisfies the endpoint (higher-privileged ones included). */
export const SCOPES = {
  readSelf: [
    'User.Read',
    'User.ReadWrite',
    'User.ReadBasic.All',
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  readUsers: [
    'User.ReadBasic.All',
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  readUserRelations: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readMethods: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
  writeMethods: ['UserAuthenticationMethod.ReadWrite.All'],
  writeTap: ['UserAuthenticationMethod.ReadWrite.All', 'UserAuthMethod-TAP.ReadWrite.All'],
  resetPassword: ['UserAuthenticationMethod.ReadWrite.All'],
  // User.ReadWrite.All alone does not cover password changes (GRAPH-NOTES A3b).
  passwordProfile: ['User-PasswordProfile.ReadWrite.All', 'Directory.AccessAsUser.All'],
  enableDisable: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  revokeSessions: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  auditLogs: ['AuditLog.Read.All'],
  policies: ['Policy.Read.All', 'Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod'],
  domains: ['Domain.Read.All', 'Domain.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  organization: [
    'User.Read',
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  subscribedSkus: [
    'LicenseAssignment.Read.All',
    'Organization.Read.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  sendMail: ['Mail.Send'],
  onPremSync: ['OnPremDirectorySynchronization.Read.All', 'OnPremDirectorySynchronization.ReadWrite.All'],
} as const satisfies Record<string, readonly string[]>;

export type ScopeRequirement = keyof typeof SCOPES;

export function hasScope(granted: readonly string[], need: ScopeRequirement): boolean {
  const g = new Set(granted.map((s) => s.toLowerCase()));
  return SCOPES[need].some((s) => g.has(s.toLowerCase()));
}

// ---- roles: who may act on whom -------------------------------------------------------------

/** The caller columns of Microsoft's table (plus the readers the app also signs in as). */
export type CallerRole =
  | 'passwordAdmin'
  | 'helpdeskAdmin'
  | 'authenticationAdmin'
  | 'userAdmin'
  | 'privilegedAuthenticationAdmin'
  | 'globalAdmin';

/** The target rows of Microsoft's table. */
export type TargetTier =
  | 'user'
  | 'basicReaders' // Directory Readers, Guest Inviter, Password Administrator
  | 'helpdeskAdmin'
  | 'reportReaders' // Message Center Reader, Reports Reader, UX Success Manager, Usage Summary Reports Reader
  | 'authenticationAdmin'
  | 'userAdmin' // Groups Administrator, User Administrator
  | 'globalAdmin'
  | 'privileged' // Privileged Authentication Administrator, Privileged Role Administrator
  | 'roleAssignableGroupMember'
  | 'otherRole';

export const CALLER_ROLES: readonly CallerRole[] = [
  'passwordAdmin',
  'helpdeskAdmin',
  'authenticationAdmin',
  'userAdmin',
  'privilegedAuthenticationAdmin',
  'globalAdmin',
];
export const TARGET_TIERS: readonly TargetTier[] = [
  'user',
  'basicReaders',
  'helpdeskAdmin',
  'reportReaders',
  'authenticationAdmin',
  'userAdmin',
  'globalAdmin',
  'privileged',
  'roleAssignableGroupMember',
  'otherRole',
];

const CALLER_ROLE_TEMPLATE: Record<CallerRole, string> = {
  passwordAdmin: ROLE.passwordAdministrator,
  helpdeskAdmin: ROLE.helpdeskAdministrator,
  authenticationAdmin: ROLE.authenticationAdministrator,
  userAdmin: ROLE.userAdministrator,
  privilegedAuthenticationAdmin: ROLE.privilegedAuthenticationAdministrator,
  globalAdmin: ROLE.globalAdministrator,
};

/** Row → callers allowed to reset that target's password (✅ cells of the table). */
export const RESET_TABLE: Record<TargetTier, readonly CallerRole[]> = {
  user: CALLER_ROLES,
  basicReaders: CALLER_ROLES,
  helpdeskAdmin: ['helpdeskAdmin', 'userAdmin', 'privilegedAuthenticationAdmin', 'globalAdmin'],
  reportReaders: ['helpdeskAdmin', 'authenticationAdmin', 'userAdmin', 'privilegedAuthenticationAdmin', 'globalAdmin'],
  authenticationAdmin: ['authenticationAdmin', 'privilegedAuthenticationAdmin', 'globalAdmin'],
  userAdmin: ['userAdmin', 'privilegedAuthenticationAdmin', 'globalAdmin'],
  globalAdmin: ['privilegedAuthenticationAdmin', 'globalAdmin'],
  privileged: ['privilegedAuthenticationAdmin', 'globalAdmin'],
  roleAssignableGroupMember: ['privilegedAuthenticationAdmin', 'globalAdmin'],
  otherRole: ['privilegedAuthenticationAdmin', 'globalAdmin'],
};

export function targetTiers(targetRoleTemplateIds: readonly string[], inRoleAssignableGroup: boolean): TargetTier[] {
  const tiers = new Set<TargetTier>();
  for (const r of targetRoleTemplateIds) tiers.add(tierOfRole(r));
  if (inRoleAssignableGroup) tiers.add('roleAssignableGroupMember');
  if (tiers.size === 0) tiers.add('user');
  return [...tiers];
}

function tierOfRole(templateId: string): TargetTier {
  switch (templateId) {
    case ROLE.directoryReaders:
    case ROLE.guestInviter:
    case ROLE.passwordAdministrator:
      return 'basicReaders';
    case ROLE.helpdeskAdministrator:
      return 'helpdeskAdmin';
    case ROLE.messageCenterReader:
    case ROLE.reportsReader:
      return 'reportReaders';
    case ROLE.authenticationAdministrator:
      return 'authenticationAdmin';
    case ROLE.groupsAdministrator:
    case ROLE.userAdministrator:
      return 'userAdmin';
    case ROLE.globalAdministrator:
      return 'globalAdmin';
    case ROLE.privilegedAuthenticationAdministrator:
    case ROLE.privilegedRoleAdministrator:
      return 'privileged';
    default:
      return 'otherRole';
  }
}

export function callerRoles(roleTemplateIds: readonly string[]): CallerRole[] {
  return CALLER_ROLES.filter((c) => roleTemplateIds.includes(CALLER_ROLE_TEMPLATE[c]));
}

/** The actions whose target rules differ. */
export type TargetAction = 'resetPassword' | 'manageMethods' | 'revokeSessions' | 'enableDisable';

/**
 * Which caller roles hold the permission at all:
 * - resetPassword: the six columns of the table.
 * - manageMethods (TAP, delete methods): Authentication Admin (for the rows its column allows),
 *   Privileged Authentication Admin and Global Admin; Helpdesk/Password/User Admin cannot.
 * - revokeSessions (users/invalidateAllRefreshTokens): Helpdesk, User, Authentication, Privileged Authentication, Global Admin.
 * - enableDisable (a sensitive action): User, Authentication, Privileged Authentication, Global Admin.
 */
const ACTION_CALLERS: Record<TargetAction, readonly CallerRole[]> = {
  resetPassword: CALLER_ROLES,
  manageMethods: ['authenticationAdmin', 'privilegedAuthenticationAdmin', 'globalAdmin'],
  revokeSessions: ['helpdeskAdmin', 'authenticationAdmin', 'userAdmin', 'privilegedAuthenticationAdmin', 'globalAdmin'],
  enableDisable: ['authenticationAdmin', 'userAdmin', 'privilegedAuthenticationAdmin', 'globalAdmin'],
};

/** May a caller holding these roles take this action on a target with these tiers? */
export function canActOn(action: TargetAction, caller: readonly CallerRole[], tiers: readonly TargetTier[]): boolean {
  // Each of the caller's roles is its own permission set; one of them must cover every tier of the target.
  return caller.some(
    (role) => ACTION_CALLERS[action].includes(role) && tiers.every((t) => RESET_TABLE[t].includes(role)),
  );
}

/** Convenience over template ids, as the handler has them. */
export function mayActOn(
  action: TargetAction,
  callerRoleTemplateIds: readonly string[],
  target: { roleTemplateIds: readonly string[]; inRoleAssignableGroup: boolean },
): boolean {
  return canActOn(
    action,
    callerRoles(callerRoleTemplateIds),
    targetTiers(target.roleTemplateIds, target.inRoleAssignableGroup),
  );
}

// ---- role-gated reads -----------------------------------------------------------------------

/** Reading other users' methods (GRAPH-NOTES A2: Global Reader, Authentication Admin, Privileged Authentication Admin). */
export const READ_METHODS_ROLES = [
  ROLE.globalAdministrator,
  ROLE.globalReader,
  ROLE.authenticationAdministrator,
  ROLE.privilegedAuthenticationAdministrator,
] as const;
/** "The authentication administrator only sees masked phone numbers" — unless another role shows them in full. */
export const FULL_PHONE_ROLES = [
  ROLE.globalAdministrator,
  ROLE.globalReader,
  ROLE.privilegedAuthenticationAdministrator,
] as const;
/** Usage & insights reports (GRAPH-NOTES A6). */
export const REPORT_ROLES = [
  ROLE.globalAdministrator,
  ROLE.globalReader,
  ROLE.reportsReader,
  ROLE.securityReader,
  ROLE.securityAdministrator,
] as const;
/** Directory audit logs. */
export const AUDIT_ROLES = REPORT_ROLES;
/** Authentication methods policy (GRAPH-NOTES A7), plus the method administrators who work under it. */
export const POLICY_ROLES = [
  ROLE.globalAdministrator,
  ROLE.globalReader,
  ROLE.authenticationPolicyAdministrator,
  ROLE.authenticationAdministrator,
  ROLE.privilegedAuthenticationAdministrator,
  ROLE.securityReader,
  ROLE.securityAdministrator,
] as const;

/** Directory synchronization settings: "Global Administrator is the only role supported" (Graph docs). */
export const ONPREM_SYNC_ROLES = [ROLE.globalAdministrator] as const;

export function holdsAny(roleTemplateIds: readonly string[], allowed: readonly string[]): boolean {
  return roleTemplateIds.some((r) => allowed.includes(r));
}
