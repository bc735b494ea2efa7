// Entra's authorization for the calls Resetline makes: the caller's directory roles gate who may act
// on whom (Microsoft's "who can reset passwords" table, MicrosoftDocs/entra-docs
// docs/identity/role-based-access-control/privileged-roles-permissions.md); which roles each API
// accepts at all is rules/api-roles.ts, one row per page. Delegated scopes are not
// here: Microsoft's permission map gates them centrally (rules/scopes.ts). Pure functions, so every
// role pair is unit-tested.
import { ROLE } from '../roles';
import { roleTemplateIdsFor, type RoleRuleKey } from '../rules/api-roles';

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
export type TargetAction = 'resetPassword' | 'passwordProfile' | 'manageMethods' | 'revokeSessions' | 'enableDisable';

/** Which caller roles hold the permission at all: each action's row in rules/api-roles.ts (with its page). */
const ACTION_RULE: Record<TargetAction, RoleRuleKey> = {
  resetPassword: 'resetPassword',
  passwordProfile: 'updatePasswordProfile',
  manageMethods: 'manageOthersMethods',
  revokeSessions: 'revokeSessions',
  enableDisable: 'enableDisable',
};

const ACTION_CALLERS: Record<TargetAction, readonly CallerRole[]> = {
  resetPassword: callerRoles(roleTemplateIdsFor(ACTION_RULE.resetPassword)),
  passwordProfile: callerRoles(roleTemplateIdsFor(ACTION_RULE.passwordProfile)),
  manageMethods: callerRoles(roleTemplateIdsFor(ACTION_RULE.manageMethods)),
  revokeSessions: callerRoles(roleTemplateIdsFor(ACTION_RULE.revokeSessions)),
  enableDisable: callerRoles(roleTemplateIdsFor(ACTION_RULE.enableDisable)),
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

// ---- role-gated reads: derived from rules/api-roles.ts, where each row names its page ----------

export const REPORT_ROLES = roleTemplateIdsFor('readRegistrationReports');
export const AUDIT_ROLES = roleTemplateIdsFor('readDirectoryAudits');

export function holdsAny(roleTemplateIds: readonly string[], allowed: readonly string[]): boolean {
  return roleTemplateIds.some((r) => allowed.includes(r));
}
