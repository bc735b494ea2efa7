// What the renderer sees of a directory user: search hits and the caller card. Phone numbers and
// emails of authentication methods arrive masked; the full values stay in main.
import { z } from 'zod';
import type { AgentRole, ScopedRole } from './roles';
import { SEARCH_MAX_CHARS } from './searchWords';

export const UserSearchInput = z
  .object({
    text: z.string().trim().min(2, 'Type at least two characters.').max(SEARCH_MAX_CHARS),
  })
  .strict();

export const UserIdInput = z
  .object({
    id: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[\w.@#%+\-']+$/, 'Not a user id or user principal name.'),
  })
  .strict();

export interface UserSummary {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  employeeId: string | null;
  accountEnabled: boolean | null;
  /** true for accounts synced from on-premises AD (password writeback applies). */
  synced: boolean;
  userType: 'Member' | 'Guest' | null;
}

export interface UserSearchResult {
  users: UserSummary[];
  /** Graph's @odata.count where it gave one. */
  total: number | null;
  /** How the text was read: by name, by UPN/mail, by employee id or phone. */
  matchedBy: 'name' | 'upn-or-mail' | 'employee-id-or-phone';
  /** Said instead of "no users match" when main did not search at all (no letter or digit typed). */
  note?: string;
}

export const METHOD_KINDS = [
  'password',
  'phone',
  'email',
  'microsoftAuthenticator',
  'fido2',
  'windowsHelloForBusiness',
  'softwareOath',
  'temporaryAccessPass',
  'platformCredential',
  'other',
] as const;
export type MethodKind = (typeof METHOD_KINDS)[number];

export interface AuthMethodSummary {
  id: string;
  kind: MethodKind;
  /** Human label, masked: "Mobile ••• •• 34", "k•••@contoso.com", "Pixel 8 (Authenticator)". */
  label: string;
  phoneType?: 'mobile' | 'alternateMobile' | 'office';
  createdDateTime: string | null;
}

export interface RegistrationSummary {
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isAdmin: boolean;
  methodsRegistered: string[];
}

export interface CallerCard {
  user: UserSummary & {
    officeLocation: string | null;
    createdDateTime: string | null;
    lastPasswordChangeDateTime: string | null;
    passwordPolicies: string | null;
    employeeHireDate: string | null;
  };
  manager: { id: string; displayName: string; userPrincipalName: string } | null;
  methods: AuthMethodSummary[];
  /** Active directory roles held by the caller. */
  roles: AgentRole[];
  /** Role-assignable groups the caller belongs to (they change who may reset them). */
  roleAssignableGroups: { id: string; displayName: string }[];
  /** Roles the caller holds only within an administrative unit (they still make the caller an admin). */
  scopedRoles: ScopedRole[];
  /** Administrative units the caller belongs to, when the agent holds a role scoped to one; else null. */
  administrativeUnitIds: string[] | null;
  /** null when the tenant's licence or the agent's role does not give the registration report. */
  registration: RegistrationSummary | null;
  registrationUnavailable: string | null;
  /** Parts that could not be read, with why (the card still shows the rest). */
  partial: { part: 'manager' | 'methods' | 'memberships'; message: string }[];
  /**
   * true while the parts read from Microsoft's reports service (authentication methods, registration
   * details) are still on their way: `call:open` answers before them, and `call:get-methods` answers
   * once they are in. Absent or false: the card is whole.
   */
  reportsPending?: boolean;
  fetchedAt: string;
}
