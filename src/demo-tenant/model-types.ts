// Plain data shapes of the demo directory. Kept apart from the DemoDirectory class so the seed,
// the Graph routes and the identity side can share them without pulling in behaviour.
import type { DirectoryAudit } from '@microsoft/microsoft-graph-types';

/** Graph's documented fixed method ids (api-reference/v1.0/api/phoneauthenticationmethod-delete.md, resources/passwordauthenticationmethod.md). */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
export const EMAIL_METHOD_ID = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f';
export const PHONE_METHOD_IDS = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const;

export type PhoneType = keyof typeof PHONE_METHOD_IDS;

export type DemoAuthMethod =
  | { kind: 'password'; id: typeof PASSWORD_METHOD_ID; createdDateTime: string }
  | {
      kind: 'phone';
      id: string;
      phoneType: PhoneType;
      phoneNumber: string;
      smsSignInState:
        'notSupported' | 'notAllowedByPolicy' | 'notEnabled' | 'phoneNumberNotUnique' | 'ready' | 'notConfigured';
    }
  | { kind: 'email'; id: typeof EMAIL_METHOD_ID; emailAddress: string }
  | {
      kind: 'microsoftAuthenticator';
      id: string;
      displayName: string;
      deviceTag: string;
      phoneAppVersion: string;
      createdDateTime: string;
    }
  | {
      kind: 'fido2';
      id: string;
      displayName: string;
      aaGuid: string;
      model: string;
      attestationCertificates: string[];
      attestationLevel: 'attested' | 'notAttested';
      createdDateTime: string;
    }
  | {
      kind: 'windowsHelloForBusiness';
      id: string;
      displayName: string;
      keyStrength: 'normal' | 'weak' | 'unknown';
      createdDateTime: string;
    }
  | { kind: 'softwareOath'; id: string; createdDateTime: string }
  | {
      kind: 'temporaryAccessPass';
      id: string;
      /** Plain pass kept so the identity side can accept it; Graph only returns it at creation. */
      temporaryAccessPass: string;
      createdDateTime: string;
      startDateTime: string;
      lifetimeInMinutes: number;
      isUsableOnce: boolean;
      usedDateTime: string | null;
    }
  | {
      kind: 'platformCredential';
      id: string;
      displayName: string;
      keyStrength: 'normal' | 'weak' | 'unknown';
      platform: 'unknown' | 'windows' | 'macOS' | 'iOS' | 'android' | 'linux';
      createdDateTime: string;
    };

export type AuthMethodKind = DemoAuthMethod['kind'];

/** userRegistrationDetails.userPreferredMethodForSecondaryAuthentication values the demo uses. */
export type DefaultMfaMethod = 'push' | 'sms' | 'oath' | 'voiceAlternateMobile' | 'voiceOffice' | 'none';

export interface DemoUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  otherMails: string[];
  mobilePhone: string | null;
  businessPhones: string[];
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  employeeId: string | null;
  employeeHireDate: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  /** null for cloud-only users, as Graph returns it. */
  onPremisesSyncEnabled: boolean | null;
  onPremisesSamAccountName: string | null;
  onPremisesLastSyncDateTime: string | null;
  /**
   * The on-premises AD account's enabled state (null for cloud-only users). AD is the source of
   * authority for a synced user's accountEnabled: the sync cycle (DemoDirectory.syncTick) writes it
   * back over any change made in the cloud.
   */
  onPremisesAccountEnabled: boolean | null;
  /** The user's default MFA method, as userRegistrationDetails names it (rules/methods.ts picks it). */
  defaultMfaMethod: DefaultMfaMethod;
  lastPasswordChangeDateTime: string;
  /** e.g. "DisablePasswordExpiration" or "DisablePasswordExpiration, DisableStrongPassword"; null when none. */
  passwordPolicies: string | null;
  createdDateTime: string;
  managerId: string | null;
  /** Directly assigned, active directory roles (template ids). Roles via groups live on the group. */
  roleTemplateIds: string[];
  groupIds: string[];
  /** Plain text: it is a demo. */
  password: string;
  forceChangePasswordNextSignIn: boolean;
  forceChangePasswordNextSignInWithMfa: boolean;
  signInSessionsValidFromDateTime: string;
  methods: DemoAuthMethod[];
  /** Accepted/PendingAcceptance for guests; null for members. */
  externalUserState: string | null;
}

export interface DemoGroup {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  isAssignableToRole: boolean;
  /** Roles assigned to the group; members hold them transitively. */
  roleTemplateIds: string[];
  memberIds: string[];
  createdDateTime: string;
}

/** An administrative unit; roles can be assigned scoped to it (directoryScopeId `/administrativeUnits/{id}`). */
export interface DemoAdministrativeUnit {
  id: string;
  displayName: string;
  description: string;
  memberIds: string[];
  /** Role assignments scoped to this unit. */
  scopedRoles: { roleTemplateId: string; principalId: string }[];
}

/** Exchange mailbox permissions another user holds on a mailbox (concepts/outlook-send-mail-from-other-user.md). */
export interface DemoMailboxPermissions {
  /** The mailbox owner (a user object, e.g. a shared mailbox). */
  mailboxUserId: string;
  sendAs: string[];
  sendOnBehalf: string[];
  fullAccess: string[];
}

export interface DemoDomain {
  id: string;
  isDefault: boolean;
  isInitial: boolean;
  isVerified: boolean;
  authenticationType: 'Managed' | 'Federated';
  passwordValidityPeriodInDays: number;
  passwordNotificationWindowInDays: number;
  supportedServices: string[];
}

export interface DemoSku {
  skuId: string;
  skuPartNumber: string;
  prepaidUnits: number;
  consumedUnits: number;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

export interface DemoTenant {
  tenantId: string;
  displayName: string;
  /** Entra ID P1 (or P2): unlocks the authentication-methods reports. */
  premium: boolean;
  /** Password writeback configured: admin resets of synced users reach on-premises AD. */
  writeback: boolean;
  /** "Microsoft Entra Connect" or "CloudSync": what the audit's OnPremisesAgent detail shows when writeback is on. */
  syncAgent: 'Microsoft Entra Connect' | 'CloudSync';
  domains: DemoDomain[];
  skus: DemoSku[];
  createdDateTime: string;
  city: string;
  countryLetterCode: string;
  /** SSPR: how many methods a member needs (admins always need 2 — "strong two-gate"). */
  ssprMethodsRequired: 1 | 2;
}

export interface TapPolicy {
  state: 'enabled' | 'disabled';
  defaultLength: number;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  /** True = every pass in the tenant is one-time. */
  isUsableOnce: boolean;
}

export type PolicyMethodId =
  | 'Fido2'
  | 'MicrosoftAuthenticator'
  | 'Sms'
  | 'Voice'
  | 'Email'
  | 'TemporaryAccessPass'
  | 'SoftwareOath'
  | 'X509Certificate';

export interface AuthMethodsPolicy {
  /** Per method configuration state; TAP has its own richer config. */
  states: Record<PolicyMethodId, 'enabled' | 'disabled'>;
  tap: TapPolicy;
  lastModifiedDateTime: string;
}

export type OperationOutcome = 'succeed' | 'fail' | 'hang';

export interface DemoOperation {
  id: string;
  userId: string;
  createdDateTime: string;
  /**
   * The 202's moment in ms since the epoch. createdDateTime is written at second precision, so timing
   * measured from it would start the operation up to a second early.
   */
  createdAtMs: number;
  lastActionDateTime: string;
  /** How many times it has been polled; the status advances at least one step per poll. */
  polls: number;
  /**
   * When the operation finishes on the directory clock without anyone polling it (ms since the
   * epoch); null while a fault holds it running, so it finishes on the tick after the fault is lifted.
   */
  completesAtMs: number | null;
  outcome: OperationOutcome;
  /** Why it fails, when outcome is 'fail'. */
  failureDetail: string | null;
  /** The password to apply on success. */
  newPassword: string;
  /** Settled exactly once: on the poll that reports a terminal status, or when completesAtMs passes. */
  applied: boolean;
  /** The initiating agent, for the audit record written when the operation finishes. */
  initiatorId: string;
}

export interface OutboxMessage {
  id: string;
  kind: 'mail' | 'sms';
  to: string;
  from: string;
  subject?: string;
  body: string;
  at: string;
}

export type DemoAuditEntry = DirectoryAudit & {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  loggedByService: string;
};

export interface DemoAgent {
  upn: string;
  password: string;
  /** Role display names ("Helpdesk Administrator"); empty for the team lead without admin roles. */
  roles: string[];
  roleTemplateIds: string[];
  userId: string;
  /** What this agent is for, e.g. "helpdesk" or "team-lead". */
  label: string;
}
