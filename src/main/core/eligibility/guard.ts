// The eligibility guard: from the agent's directory roles and what is known of the target, which
// caller-flow actions the agent may take — decided before any Graph call, with the reason and the
// roles that could. Pure. Follows Microsoft's "who can reset passwords" table and the
// authentication-methods management rules (MicrosoftDocs/entra-docs docs/identity/role-based-access-control/privileged-roles-permissions.md).
import type { Eligibility, EligibilityMap, GuardedAction } from '../../../shared/caller';
import { ROLE_NAMES, ROLE_TEMPLATE_IDS as R, type RoleKey } from '../../../shared/roles';
import { assertNever } from '../../../shared/result';

/** The columns of Microsoft's table: the roles that can reset anyone at all. */
export const RESETTER_ROLES = [
  'passwordAdministrator',
  'helpdeskAdministrator',
  'authenticationAdministrator',
  'userAdministrator',
  'privilegedAuthenticationAdministrator',
  'globalAdministrator',
] as const;
type ResetterRole = (typeof RESETTER_ROLES)[number];

/** The rows of the table: what kind of account the target is. */
export const TARGET_KINDS = [
  'user',
  'basicReader', // Directory Readers, Guest Inviter, Password Administrator
  'helpdeskAdmin',
  'reportReader', // Message Center Reader, Reports Reader, UX Success Manager, Usage Summary Reports Reader
  'authenticationAdmin',
  'userAdmin', // Groups Administrator, User Administrator
  'globalAdmin',
  'privileged', // Privileged Authentication Administrator, Privileged Role Administrator
  'roleAssignableGroupMember',
  'otherRole',
] as const;
type TargetKind = (typeof TARGET_KINDS)[number];

const KIND_OF_ROLE = new Map<string, TargetKind>([
  [R.directoryReaders, 'basicReader'],
  [R.guestInviter, 'basicReader'],
  [R.passwordAdministrator, 'basicReader'],
  [R.helpdeskAdministrator, 'helpdeskAdmin'],
  [R.messageCenterReader, 'reportReader'],
  [R.reportsReader, 'reportReader'],
  [R.userExperienceSuccessManager, 'reportReader'],
  [R.usageSummaryReportsReader, 'reportReader'],
  [R.authenticationAdministrator, 'authenticationAdmin'],
  [R.groupsAdministrator, 'userAdmin'],
  [R.userAdministrator, 'userAdmin'],
  [R.globalAdministrator, 'globalAdmin'],
  [R.privilegedAuthenticationAdministrator, 'privileged'],
  [R.privilegedRoleAdministrator, 'privileged'],
]);

const ALL: readonly ResetterRole[] = RESETTER_ROLES;
const TOP: readonly ResetterRole[] = ['privilegedAuthenticationAdministrator', 'globalAdministrator'];

/** Microsoft's table: row → the columns with a tick. */
const WHO_CAN_RESET: Record<TargetKind, readonly ResetterRole[]> = {
  user: ALL,
  basicReader: ALL,
  helpdeskAdmin: ['helpdeskAdministrator', 'userAdministrator', ...TOP],
  reportReader: ['helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
  authenticationAdmin: ['authenticationAdministrator', ...TOP],
  userAdmin: ['userAdministrator', ...TOP],
  // GA → GA carries an asterisk in the table (a Global Administrator may reset another one).
  globalAdmin: TOP,
  privileged: TOP,
  roleAssignableGroupMember: TOP,
  otherRole: TOP,
};

type TargetRule = 'resetPassword' | 'manageMethods' | 'revokeSessions' | 'enableDisable';

/**
 * Which roles hold the permission at all. Method management (TAP, deleting methods): only the
 * authentication administrators and Global Administrator (Helpdesk/Password/User Admin cannot).
 * Revoke and enable/disable follow the demo tenant's documented approximation of Entra's
 * "sensitive actions" table, which the stored notes do not give cell by cell: revoke =
 * Helpdesk, Authentication, User, Privileged Authentication, Global Admin; enable/disable =
 * Authentication, User, Privileged Authentication, Global Admin. Each is then limited, per
 * target, by the same rows as a password reset.
 */
const HOLDERS: Record<TargetRule, readonly ResetterRole[]> = {
  resetPassword: ALL,
  manageMethods: ['authenticationAdministrator', ...TOP],
  revokeSessions: ['helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
  enableDisable: ['authenticationAdministrator', 'userAdministrator', ...TOP],
};

/** Reading another user's methods (includes/rbac-for-apis/rbac-authentication-methods-apis-read-others.md); not limited by the target's roles. */
const METHOD_READERS: readonly RoleKey[] = [
  'globalReader',
  'authenticationAdministrator',
  'privilegedAuthenticationAdministrator',
  'globalAdministrator',
];

/**
 * Who may read another user's reset operation (api-reference/v1.0/api/longrunningoperation-get.md lists
 * Global Reader, Authentication Administrator and Privileged Authentication Administrator; Global
 * Administrator holds every permission of those). Helpdesk, Password and User Administrators may reset
 * but not read it: their resets are confirmed through lastPasswordChangeDateTime instead.
 */
const OPERATION_READERS: readonly RoleKey[] = [
  'globalReader',
  'authenticationAdministrator',
  'privilegedAuthenticationAdministrator',
  'globalAdministrator',
];

/** Whether the agent's template ids include one of `keys`' roles. */
function holdsAny(agentRoleTemplateIds: readonly string[], keys: readonly RoleKey[]): boolean {
  const held = new Set(agentRoleTemplateIds.map((r) => r.toLowerCase()));
  return keys.some((key) => held.has(R[key]));
}

export function canReadResetOperation(agentRoleTemplateIds: readonly string[]): boolean {
  return holdsAny(agentRoleTemplateIds, OPERATION_READERS);
}

export interface GuardTarget {
  /** Active directory roles (template ids), including those held through groups when known. */
  roleTemplateIds: readonly string[];
  inRoleAssignableGroup: boolean;
  /** false when the target's memberships could not be read: every targeted action is then refused. */
  membershipsKnown: boolean;
  isSelf: boolean;
  isGuest: boolean;
  /** Synced from on-premises AD: its account state is written by the sync, not by the cloud. */
  synced?: boolean;
}

function targetKinds(target: Pick<GuardTarget, 'roleTemplateIds' | 'inRoleAssignableGroup'>): TargetKind[] {
  const kinds = new Set<TargetKind>();
  for (const id of target.roleTemplateIds) kinds.add(KIND_OF_ROLE.get(id.toLowerCase()) ?? 'otherRole');
  if (target.inRoleAssignableGroup) kinds.add('roleAssignableGroupMember');
  if (kinds.size === 0) kinds.add('user');
  return [...kinds];
}

function resetterRoles(agentRoleTemplateIds: readonly string[]): ResetterRole[] {
  const held = new Set(agentRoleTemplateIds.map((r) => r.toLowerCase()));
  return RESETTER_ROLES.filter((role) => held.has(R[role]));
}

/** An admin target: any directory role or a role-assignable group (verification needs two checks). */
export function isAdminTarget(target: Pick<GuardTarget, 'roleTemplateIds' | 'inRoleAssignableGroup'>): boolean {
  return target.roleTemplateIds.length > 0 || target.inRoleAssignableGroup;
}

/** The roles that could take this action on a target of these kinds. */
function whoCan(rule: TargetRule, kinds: readonly TargetKind[]): ResetterRole[] {
  // Each role is its own permission set: a single role must cover every row the target sits in.
  return HOLDERS[rule].filter((role) => kinds.every((k) => WHO_CAN_RESET[k].includes(role)));
}

function ruleFor(action: Exclude<GuardedAction, 'readMethods'>): TargetRule {
  switch (action) {
    case 'resetPassword':
      return 'resetPassword';
    case 'issueTap':
    case 'requireMfaReregistration':
      return 'manageMethods';
    case 'revokeSessions':
      return 'revokeSessions';
    case 'enableAccount':
      return 'enableDisable';
    default:
      return assertNever(action, 'action');
  }
}

const ACTION_LABEL: Record<GuardedAction, string> = {
  resetPassword: 'reset the password',
  issueTap: 'issue a Temporary Access Pass',
  revokeSessions: 'revoke sign-in sessions',
  enableAccount: 'enable the account',
  requireMfaReregistration: 'require MFA re-registration',
  readMethods: "read the caller's authentication methods",
};

const KIND_LABEL: Record<TargetKind, string> = {
  user: 'a user without an admin role',
  basicReader: 'a holder of a reader role',
  helpdeskAdmin: 'a Helpdesk Administrator',
  reportReader: 'a holder of a reports reader role',
  authenticationAdmin: 'an Authentication Administrator',
  userAdmin: 'a User or Groups Administrator',
  globalAdmin: 'a Global Administrator',
  privileged: 'a privileged role holder',
  roleAssignableGroupMember: 'a member of a role-assignable group',
  otherRole: 'a holder of another admin role',
};

const refuse = (reason: string, roles: readonly ResetterRole[] = []): Eligibility => ({
  allowed: false,
  reason,
  whoCan: roles.map((r) => ROLE_NAMES[r]),
});

function decideTargeted(
  action: Exclude<GuardedAction, 'readMethods'>,
  agent: readonly ResetterRole[],
  target: GuardTarget,
): Eligibility {
  if (target.isSelf) {
    // Verification means nothing when the agent is the caller; Graph also refuses resetPassword on oneself.
    return refuse(`You cannot ${ACTION_LABEL[action]} on your own account from a call. Ask a colleague.`);
  }
  if (!target.membershipsKnown) {
    return refuse(
      `The caller's roles and groups could not be read, so whether you may ${ACTION_LABEL[action]} cannot be decided.`,
    );
  }
  if (target.isGuest && action === 'resetPassword') {
    return refuse("A guest's password belongs to their home organisation; they reset it there.");
  }
  if (target.synced === true && action === 'enableAccount') {
    // resources/user.md (accountEnabled) and Entra Connect: for a synced user the on-premises account is
    // the source of authority, so enabling it in the cloud is undone at the next sync.
    return refuse(
      'This account is synced from on-premises Active Directory: enabling it here would be undone at the next sync. Enable it in Active Directory, then wait for the sync.',
    );
  }
  if (target.isGuest && action === 'revokeSessions') {
    return refuse("Revoking sessions does not reach a guest's sessions; their home organisation must do it.");
  }
  const rule = ruleFor(action);
  const kinds = targetKinds(target);
  const able = whoCan(rule, kinds);
  if (agent.some((role) => able.includes(role))) return { allowed: true };
  const blocking = kinds.find((k) => !agent.some((role) => WHO_CAN_RESET[k].includes(role)));
  const reason =
    blocking !== undefined && agent.some((role) => HOLDERS[rule].includes(role))
      ? `Your role cannot ${ACTION_LABEL[action]} for ${KIND_LABEL[blocking]}.`
      : `Your role cannot ${ACTION_LABEL[action]}.`;
  return refuse(reason, able);
}

/** What the agent may do to this target, action by action. */
export function decideEligibility(agentRoleTemplateIds: readonly string[], target: GuardTarget): EligibilityMap {
  const agent = resetterRoles(agentRoleTemplateIds);
  const readMethods: Eligibility = holdsAny(agentRoleTemplateIds, METHOD_READERS)
    ? { allowed: true }
    : {
        allowed: false,
        reason: "Your role cannot read other users' authentication methods.",
        whoCan: METHOD_READERS.map((key) => ROLE_NAMES[key]),
      };
  return {
    resetPassword: decideTargeted('resetPassword', agent, target),
    issueTap: decideTargeted('issueTap', agent, target),
    revokeSessions: decideTargeted('revokeSessions', agent, target),
    enableAccount: decideTargeted('enableAccount', agent, target),
    requireMfaReregistration: decideTargeted('requireMfaReregistration', agent, target),
    readMethods,
  };
}
