// Entra built-in directory roles Resetline reasons about, by template id (MicrosoftDocs/entra-docs docs/identity/role-based-access-control/privileged-roles-permissions.md,
// learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).

export const ROLE_TEMPLATE_IDS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  authenticationPolicyAdministrator: '0526716b-113d-4c15-b2c8-68e3c22b9f80',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  // Roles the reset guard sorts targets by (core/eligibility/guard.ts: rows of "who can reset passwords").
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  userExperienceSuccessManager: '27460883-1df1-4691-b032-3b79643e5e63',
  usageSummaryReportsReader: '75934031-6c7e-415a-99d7-48dbd49e875e',
} as const;

export type RoleKey = keyof typeof ROLE_TEMPLATE_IDS;

export const ROLE_NAMES: Record<RoleKey, string> = {
  globalAdministrator: 'Global Administrator',
  privilegedAuthenticationAdministrator: 'Privileged Authentication Administrator',
  privilegedRoleAdministrator: 'Privileged Role Administrator',
  authenticationAdministrator: 'Authentication Administrator',
  authenticationPolicyAdministrator: 'Authentication Policy Administrator',
  userAdministrator: 'User Administrator',
  helpdeskAdministrator: 'Helpdesk Administrator',
  passwordAdministrator: 'Password Administrator',
  globalReader: 'Global Reader',
  reportsReader: 'Reports Reader',
  securityReader: 'Security Reader',
  securityAdministrator: 'Security Administrator',
  groupsAdministrator: 'Groups Administrator',
  directoryReaders: 'Directory Readers',
  guestInviter: 'Guest Inviter',
  messageCenterReader: 'Message Center Reader',
  userExperienceSuccessManager: 'User Experience Success Manager',
  usageSummaryReportsReader: 'Usage Summary Reports Reader',
};

const BY_TEMPLATE = new Map<string, RoleKey>(
  Object.entries(ROLE_TEMPLATE_IDS).map(([key, id]) => [id, key as RoleKey]),
);

export function roleKeyForTemplate(templateId: string): RoleKey | undefined {
  return BY_TEMPLATE.get(templateId.toLowerCase());
}

/** A directory role as the app shows it: known roles by key, others by template id and Graph's name. */
export interface AgentRole {
  templateId: string;
  key: RoleKey | null;
  displayName: string;
}

/**
 * A role limited to an administrative unit (`unifiedRoleAssignment.directoryScopeId` =
 * `/administrativeUnits/{id}`): it counts only for users inside that unit.
 */
export interface ScopedRole extends AgentRole {
  administrativeUnitId: string;
}

/**
 * Who may change Resetline's verification policy, the recorded SSPR policy and the SMS provider: the
 * roles Entra lets change authentication policy. A helpdesk agent must not lower the checks they are held to.
 */
export const POLICY_ADMIN_ROLES: readonly RoleKey[] = [
  'globalAdministrator',
  'privilegedAuthenticationAdministrator',
  'authenticationPolicyAdministrator',
];

/** "A, B or C", for messages. */
export function roleNameList(keys: readonly RoleKey[]): string {
  return keys
    .map((k) => ROLE_NAMES[k])
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');
}

export const POLICY_ADMIN_NAMES = roleNameList(POLICY_ADMIN_ROLES);

/** Whether one of the agent's tenant-wide roles is among `keys` (scoped roles never count here). */
export function holdsAnyRole(roles: readonly AgentRole[], keys: readonly RoleKey[]): boolean {
  return roles.some((r) => r.key !== null && keys.includes(r.key));
}

export function canChangePolicy(roles: readonly AgentRole[]): boolean {
  return holdsAnyRole(roles, POLICY_ADMIN_ROLES);
}

/**
 * Who may see the Registration screens (the snapshot of every user's methods and admin flags, password
 * age, their exports): the roles Entra lets read the authentication methods registration report
 * (api-reference/v1.0/api/authenticationmethodsroot-list-userregistrationdetails.md, which shares
 * AuditLog.Read.All and the audit include's readers: Reports Reader, Security Reader, Security
 * Administrator, Global Reader; Global Administrator reads everything). A snapshot another agent took
 * is the same report, so the same roles apply to the stored copy.
 */
export const REGISTRATION_READER_ROLES: readonly RoleKey[] = [
  'reportsReader',
  'securityReader',
  'securityAdministrator',
  'globalReader',
  'globalAdministrator',
];

export const REGISTRATION_READER_NAMES = roleNameList(REGISTRATION_READER_ROLES);
