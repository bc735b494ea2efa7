// The directory roles each Graph API demands of a signed-in caller in delegated mode, one row per
// rule with the page it comes from (repository paths in microsoftgraph/microsoft-graph-docs-contrib
// unless they start with docs/, which are MicrosoftDocs/entra-docs). Routes call allowsRoles() with a
// rule key; rules that also depend on the target (who can reset whom) add graph/authorize.ts's table.
//
// Global Administrator: the permissions reference (docs/identity/role-based-access-control/
// permissions-reference.md) describes it as able to "manage all aspects of Microsoft Entra ID", and
// the pages list it as a higher-privileged role wherever they list one, so every row holds it; a note
// says so where the page itself does not name it.
import { ROLE, type RoleKey } from '../roles';

export interface RoleRule {
  /** Any one of these roles satisfies the rule. */
  roles: readonly RoleKey[];
  doc: string;
  note: string;
}

export type RoleRuleKey =
  | 'readOthersMethods'
  | 'seeFullPhoneNumbers'
  | 'readOthersOperation'
  | 'manageOthersMethods'
  | 'readAuthMethodsPolicy'
  | 'readTapPolicy'
  | 'readRoleAssignments'
  | 'readDirectoryAudits'
  | 'readRegistrationReports'
  | 'readOnPremSync'
  | 'resetPassword'
  | 'updatePasswordProfile'
  | 'revokeSessions'
  | 'enableDisable';

const GA_IMPLIED =
  'Global Administrator is not named on the page; it is allowed because it holds every Entra permission (permissions-reference.md).';

export const API_ROLES: Record<RoleRuleKey, RoleRule> = {
  readOthersMethods: {
    roles: [
      'globalReader',
      'authenticationAdministrator',
      'privilegedAuthenticationAdministrator',
      'globalAdministrator',
    ],
    doc: 'api-reference/v1.0/includes/rbac-for-apis/rbac-authentication-methods-apis-read-others.md',
    note: `Reading another user's methods. ${GA_IMPLIED}`,
  },
  seeFullPhoneNumbers: {
    roles: ['globalReader', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
    doc: 'api-reference/v1.0/api/authenticationmethod-get.md (earlier versions: "Authentication admin (only sees masked phone numbers)")',
    note: 'Of the method readers, only the Authentication Administrator sees masked phone numbers.',
  },
  readOthersOperation: {
    roles: [
      'globalReader',
      'authenticationAdministrator',
      'privilegedAuthenticationAdministrator',
      'globalAdministrator',
    ],
    doc: 'api-reference/v1.0/api/longrunningoperation-get.md (includes rbac-authentication-methods-apis-read-others.md)',
    note:
      'GET /users/{id}/authentication/operations/{id} on another user. The current page takes the roles from the ' +
      'read-others include; its earlier version lists Global administrator, Global reader, Privileged authentication ' +
      'administrator and Authentication administrator. No exception for the admin who started the reset: Helpdesk, ' +
      'Password and User Administrators may call resetPassword but may not read its operation.',
  },
  manageOthersMethods: {
    roles: ['authenticationAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
    doc: 'api-reference/v1.0/includes/rbac-for-apis/rbac-authentication-methods-apis-write-others.md',
    note: `Deleting another user's methods, creating a Temporary Access Pass. ${GA_IMPLIED}`,
  },
  readAuthMethodsPolicy: {
    roles: ['globalReader', 'authenticationPolicyAdministrator', 'globalAdministrator'],
    doc: 'api-reference/v1.0/api/authenticationmethodspolicy-get.md (rbac-authentication-methods-policy-apis-read.md)',
    note:
      'The policy and each authenticationMethodConfiguration. Authentication, Privileged Authentication and Security ' +
      'roles are not listed, so they are refused.',
  },
  readTapPolicy: {
    roles: ['globalReader', 'authenticationPolicyAdministrator', 'globalAdministrator'],
    doc: 'api-reference/v1.0/api/temporaryaccesspassauthenticationmethodconfiguration-get.md',
    note: 'The page names exactly Global Reader, Authentication Policy Administrator and Global Administrator.',
  },
  readRoleAssignments: {
    roles: ['directoryReaders', 'globalReader', 'privilegedRoleAdministrator', 'globalAdministrator'],
    doc: 'api-reference/v1.0/api/rbacapplication-list-roleassignments.md (rbac-role-assignment-apis-read.md)',
    note:
      'Sources conflict: the include says the signed-in user "must be assigned a supported Microsoft Entra role" ' +
      '(Directory Readers, Global Reader, Privileged Role Administrator least privileged), while ' +
      'docs/fundamentals/users-default-permissions.md lets every member "read all administrative roles and ' +
      `memberships". The stricter one is enforced: callers without those roles get 403. ${GA_IMPLIED}`,
  },
  readDirectoryAudits: {
    roles: ['reportsReader', 'securityReader', 'securityAdministrator', 'globalReader', 'globalAdministrator'],
    doc: 'api-reference/v1.0/includes/rbac-for-apis/rbac-directoryaudit-apis.md',
    note:
      'The include lists Reports Reader, Security Administrator and Security Reader as least privileged; Global ' +
      'Reader reads everything a Global Administrator can (permissions-reference.md).',
  },
  readRegistrationReports: {
    roles: ['reportsReader', 'securityReader', 'securityAdministrator', 'globalReader', 'globalAdministrator'],
    doc: 'api-reference/v1.0/api/authenticationmethodsroot-list-userregistrationdetails.md',
    note:
      'The stored pages name no roles for the usage and insights reports; the demo applies the directory audit ' +
      "include's readers (the reports share AuditLog.Read.All), the stricter choice over none.",
  },
  readOnPremSync: {
    roles: ['globalAdministrator'],
    doc: 'api-reference/v1.0/api/onpremisesdirectorysynchronization-get.md',
    note: '"For delegated scenarios, the user needs to be assigned the Global Administrator role."',
  },
  resetPassword: {
    roles: [
      'passwordAdministrator',
      'helpdeskAdministrator',
      'authenticationAdministrator',
      'userAdministrator',
      'privilegedAuthenticationAdministrator',
      'globalAdministrator',
    ],
    doc: 'api-reference/beta/api/authenticationmethod-resetpassword.md; docs/identity/role-based-access-control/privileged-roles-permissions.md',
    note:
      'The stored v1.0 page lists Global, Privileged Authentication and Authentication Administrator only; the beta ' +
      'page and the current Learn v1.0 page add User, Helpdesk and Password Administrators "for non-admin users and ' +
      'a limited set of admin roles as defined in Who can reset passwords". The newer text is followed, with the ' +
      'who-can-reset-whom table (graph/authorize.ts) deciding each target.',
  },
  updatePasswordProfile: {
    roles: ['userAdministrator', 'privilegedAuthenticationAdministrator', 'globalAdministrator'],
    doc: 'api-reference/v1.0/resources/user.md (passwordProfile) and api-reference/v1.0/api/user-update.md',
    note:
      '"The User Administrator Microsoft Entra role is the least privileged admin role supported to update this ' +
      "property for nonadmin users. Privileged Authentication Administrator is the least privileged role that's " +
      'allowed to update this property for all administrators." Helpdesk and Password Administrators are refused; ' +
      'the who-can-reset-whom table then decides each target.',
  },
  revokeSessions: {
    roles: [
      'helpdeskAdministrator',
      'authenticationAdministrator',
      'userAdministrator',
      'privilegedAuthenticationAdministrator',
      'globalAdministrator',
    ],
    doc: 'docs/identity/role-based-access-control/privileged-roles-permissions.md (who can perform sensitive actions)',
    note: 'microsoft.directory/users/invalidateAllRefreshTokens; the target rows follow the who-can-reset-whom table.',
  },
  enableDisable: {
    roles: [
      'authenticationAdministrator',
      'userAdministrator',
      'privilegedAuthenticationAdministrator',
      'globalAdministrator',
    ],
    doc: 'docs/identity/role-based-access-control/privileged-roles-permissions.md (who can perform sensitive actions)',
    note: 'accountEnabled is a sensitive action; the target rows follow the who-can-reset-whom table.',
  },
};

/** Template ids of the roles a rule accepts. */
export function roleTemplateIdsFor(key: RoleRuleKey): string[] {
  return API_ROLES[key].roles.map((r) => ROLE[r]);
}

/** Does a caller holding these role template ids satisfy the rule? */
export function allowsRoles(key: RoleRuleKey, callerRoleTemplateIds: readonly string[]): boolean {
  const accepted = new Set(roleTemplateIdsFor(key));
  return callerRoleTemplateIds.some((r) => accepted.has(r));
}

/**
 * Sending from another mailbox: not a directory role but the same kind of rule. The token needs
 * Mail.Send.Shared and the signed-in user needs Send As or Send on Behalf on that mailbox; sending
 * through `/users/{mailbox}/sendMail` (saved to the mailbox's Sent Items) needs Full Access too.
 */
export const SEND_FROM_OTHER_MAILBOX = {
  scopes: ['Mail.Send.Shared'],
  doc: 'concepts/outlook-send-mail-from-other-user.md',
  note:
    'Missing Send As / Send on Behalf answers the documented 403 ErrorSendAsDenied. The page names no error for a ' +
    'missing Mail.Send.Shared or Full Access; the demo answers 403 ErrorAccessDenied, Exchange\'s "Access is ' +
    'denied". The demo models the rights as grants on a shared mailbox (seeded: servicedesk@, Send As and Full ' +
    'Access for every agent holding a role).',
} as const;
