// Wording for the caller screen, exhaustive over the contract's unions.
import type { MethodKind, UserSearchResult } from '../../../../shared/users';
import { assertNever } from '../../../../shared/result';
import type { SsprCallerAttempts } from '../../../../shared/sspr';

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

/** The caller-card line about the caller's own self-service attempts; null when there were none. */
export function selfServiceSummary(
  a: SsprCallerAttempts,
): { text: string; at: string; tone: 'warning' | 'success' | 'informative'; last: boolean } | null {
  const newest = a.attempts[0];
  if (newest === undefined) return null;
  const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
  const succeeded = newest.result === 'success' && (newest.kind === 'self-service-reset' || newest.kind === 'unlock');
  if (succeeded) {
    const what = newest.kind === 'unlock' ? 'Unlocked their own account' : 'Reset their own password';
    return { text: what, at: newest.occurredAt, tone: 'success', last: false };
  }
  if (a.today.attempts > 0) {
    const how = a.today.blocked ? 'blocked' : 'not completed';
    return {
      text: `Tried self-service ${times(a.today.attempts)} today — ${how}`,
      at: newest.occurredAt,
      tone: 'warning',
      last: true,
    };
  }
  const blocked = a.attempts.some((e) => e.kind === 'blocked');
  return {
    text: `Tried self-service ${times(a.attempts.length)} in the last 7 days — ${blocked ? 'blocked' : 'not completed'}`,
    at: newest.occurredAt,
    tone: 'informative',
    last: true,
  };
}
