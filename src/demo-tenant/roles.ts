// Entra built-in directory role template ids (MicrosoftDocs/entra-docs
// docs/identity/role-based-access-control/permissions-reference.md, "All roles" table).
// Template ids are the same in every tenant, so the app and the demo tenant can both key on them.

export const ROLE = {
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
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
} as const;

export type RoleKey = keyof typeof ROLE;
export type RoleTemplateId = (typeof ROLE)[RoleKey];

export const ROLE_DISPLAY_NAMES: Record<RoleTemplateId, string> = {
  [ROLE.globalAdministrator]: 'Global Administrator',
  [ROLE.privilegedAuthenticationAdministrator]: 'Privileged Authentication Administrator',
  [ROLE.privilegedRoleAdministrator]: 'Privileged Role Administrator',
  [ROLE.authenticationAdministrator]: 'Authentication Administrator',
  [ROLE.authenticationPolicyAdministrator]: 'Authentication Policy Administrator',
  [ROLE.userAdministrator]: 'User Administrator',
  [ROLE.helpdeskAdministrator]: 'Helpdesk Administrator',
  [ROLE.passwordAdministrator]: 'Password Administrator',
  [ROLE.globalReader]: 'Global Reader',
  [ROLE.reportsReader]: 'Reports Reader',
  [ROLE.securityReader]: 'Security Reader',
  [ROLE.groupsAdministrator]: 'Groups Administrator',
  [ROLE.exchangeAdministrator]: 'Exchange Administrator',
  [ROLE.securityAdministrator]: 'Security Administrator',
  [ROLE.directoryReaders]: 'Directory Readers',
  [ROLE.guestInviter]: 'Guest Inviter',
  [ROLE.messageCenterReader]: 'Message Center Reader',
};

export function isKnownRole(templateId: string): templateId is RoleTemplateId {
  return Object.prototype.hasOwnProperty.call(ROLE_DISPLAY_NAMES, templateId);
}

export function roleDisplayName(templateId: string): string {
  return isKnownRole(templateId) ? ROLE_DISPLAY_NAMES[templateId] : `Role ${templateId}`;
}
