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

const DAY_MS = 86_400_000;
/** Graph's passwordValidityPeriodInDays for "passwords in this domain never expire". */
const NEVER_EXPIRES_DAYS = 2147483647;
/** Graph's default validity when a domain has none set. */
const DEFAULT_VALIDITY_DAYS = 90;

export type PasswordExpiry =
  | { state: 'never'; why: 'account' | 'domain' }
  | { state: 'on-premises' }
  | { state: 'unknown' }
  | { state: 'expired'; days: number; validityDays: number }
  | { state: 'valid'; daysLeft: number; validityDays: number };

/**
 * Whether the caller's password has expired: last change + the validity period of their UPN's domain
 * (Graph's domain.passwordValidityPeriodInDays, 90 when unset), as the Registration screen's password
 * age computes it in main. A synced account follows on-premises AD; DisablePasswordExpiration exempts it.
 */
export function passwordExpiry(
  user: {
    userPrincipalName: string;
    lastPasswordChangeDateTime: string | null;
    passwordPolicies: string | null;
    synced: boolean;
  },
  domains: readonly { id: string; passwordValidityPeriodInDays: number }[] | null,
  now: number,
): PasswordExpiry {
  if (passwordNeverExpires(user.passwordPolicies)) return { state: 'never', why: 'account' };
  if (user.synced) return { state: 'on-premises' };
  const changed = user.lastPasswordChangeDateTime === null ? NaN : Date.parse(user.lastPasswordChangeDateTime);
  if (domains === null || Number.isNaN(changed)) return { state: 'unknown' };
  const domain = user.userPrincipalName.slice(user.userPrincipalName.lastIndexOf('@') + 1).toLowerCase();
  const entry = domains.find((d) => d.id.toLowerCase() === domain);
  const validityDays = entry?.passwordValidityPeriodInDays || DEFAULT_VALIDITY_DAYS;
  if (validityDays >= NEVER_EXPIRES_DAYS) return { state: 'never', why: 'domain' };
  const expiresAt = changed + validityDays * DAY_MS;
  return expiresAt <= now
    ? { state: 'expired', days: Math.floor((now - expiresAt) / DAY_MS), validityDays }
    : { state: 'valid', daysLeft: Math.floor((expiresAt - now) / DAY_MS), validityDays };
}

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** The card's "Password expiry" line. */
export function passwordExpiryText(expiry: PasswordExpiry): string {
  switch (expiry.state) {
    case 'never':
      return expiry.why === 'account'
        ? 'Never expires (DisablePasswordExpiration)'
        : "Never expires (the domain's policy)";
    case 'on-premises':
      return 'Follows on-premises Active Directory';
    case 'unknown':
      return "Follows the domain's policy";
    case 'expired':
      return expiry.days === 0
        ? `Expired today (the domain allows ${days(expiry.validityDays)})`
        : `Expired ${days(expiry.days)} ago (the domain allows ${days(expiry.validityDays)})`;
    case 'valid':
      return `Expires in ${days(expiry.daysLeft)} (the domain allows ${days(expiry.validityDays)})`;
    default:
      return assertNever(expiry, 'password expiry');
  }
}

/**
 * What an agent, a team lead and an admin should hold for the full experience (src/shared/roles.ts and
 * core/eligibility/guard.ts): resets need Helpdesk or Password Administrator; seeing and managing methods (a TAP,
 * MFA re-registration) needs Authentication Administrator; History's and Self-service's figures from
 * Entra's audit log and the registration report need Reports Reader; changing the verification policy
 * needs Authentication Policy Administrator.
 */
export const RECOMMENDED_ROLES =
  'Recommended roles: agents, Helpdesk Administrator or Password Administrator, plus Authentication Administrator to see and manage sign-in methods; team leads, Reports Reader; admins, Authentication Policy Administrator.';
