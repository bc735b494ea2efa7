// Wording for the caller screen, exhaustive over the contract's unions.
import type { MethodKind, UserSearchResult } from '../../../../shared/users';
import { assertNever } from '../../../../shared/result';

export function matchedByLabel(matchedBy: UserSearchResult['matchedBy']): string {
  switch (matchedBy) {
    case 'name':
      return 'name';
    case 'upn-or-mail':
      return 'UPN or mail';
    case 'employee-id-or-phone':
      return 'employee id or phone';
    default:
      return assertNever(matchedBy, 'match kind');
  }
}

export const METHOD_KIND_LABELS: Record<MethodKind, string> = {
  password: 'Password',
  phone: 'Phone',
  email: 'Email',
  microsoftAuthenticator: 'Microsoft Authenticator',
  fido2: 'Passkey (FIDO2)',
  windowsHelloForBusiness: 'Windows Hello for Business',
  softwareOath: 'Software OATH token',
  temporaryAccessPass: 'Temporary Access Pass',
  platformCredential: 'Platform credential',
  other: 'Other method',
};

export const PART_LABELS = {
  manager: 'Manager',
  methods: 'Authentication methods',
  memberships: 'Roles and group memberships',
} as const;

/** Entra's passwordPolicies flag that exempts an account from the domain's expiry. */
export function passwordNeverExpires(passwordPolicies: string | null): boolean {
  return passwordPolicies?.split(',').some((p) => p.trim() === 'DisablePasswordExpiration') ?? false;
}
