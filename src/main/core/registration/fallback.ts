// The $batch fallback for tenants without Entra ID P1 (no registration report): each user's row is
// built from GET /users/{id}/authentication/methods and their directory roles, read by
// core/graph/registration.ts (20 requests per POST /$batch, each throttled item and batch retried after
// its Retry-After), a few batches at a time.
//
// APPROXIMATION (documented for the admin): methodsRegistered is exact (same vocabulary as the
// report). The capability flags are derived, not read:
//  - isMfaRegistered: any method usable as a second factor; isMfaCapable: one of those the
//    authentication methods policy enables (Windows Hello and platform credentials always count).
//  - isPasswordlessCapable: FIDO2 / passkey / Windows Hello / platform credential, allowed by policy.
//  - isSsprRegistered: as many SSPR-usable methods as the tenant requires (always two for admins, who
//    get the two-gate policy). Graph v1.0 cannot read the SSPR policy, so "methods required" is what the
//    admin recorded on the Policy screen, 1 when nothing is recorded.
//  - isSsprEnabled: enabled member accounts, none when the admin recorded SSPR as off; for "a selected
//    group" every member counts (the group's membership is not read here).
//  - preferredMethod: unknown (null); the report alone carries it.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { AuthMethodPolicyEntry } from '../../../shared/policy';
import type { RegistrationRow } from '../../../shared/registration';
import type { SsprRecord } from '../../../shared/settings';
import { fallbackReads, type Throttle } from '../graph/registration';
import type { DirectoryUserRow } from './store';

/** $batch calls in flight at once. */
export const FALLBACK_CONCURRENCY = 4;

const PHONE: Record<string, string> = {
  mobile: 'mobilePhone',
  alternateMobile: 'alternateMobilePhone',
  office: 'officePhone',
};
const TYPE_TO_METHOD: Record<string, string> = {
  '#microsoft.graph.emailAuthenticationMethod': 'email',
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'microsoftAuthenticatorPush',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'softwareOneTimePasscode',
  '#microsoft.graph.hardwareOathAuthenticationMethod': 'hardwareOneTimePasscode',
  '#microsoft.graph.fido2AuthenticationMethod': 'fido2',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'windowsHelloForBusiness',
  '#microsoft.graph.platformCredentialAuthenticationMethod': 'macOsSecureEnclaveKey',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'temporaryAccessPass',
};

/** A string property of a Graph object, or `fallback` when it is absent or not a string. */
const textOr = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

/** Graph's methodsRegistered vocabulary for a user's authentication methods (password excluded). */
export function methodsRegistered(methods: readonly Record<string, unknown>[]): string[] {
  const out = new Set<string>();
  for (const m of methods) {
    const type = textOr(m['@odata.type'], '');
    if (type === '#microsoft.graph.phoneAuthenticationMethod') {
      out.add(PHONE[textOr(m.phoneType, 'mobile')] ?? 'mobilePhone');
    } else if (TYPE_TO_METHOD[type]) out.add(TYPE_TO_METHOD[type]);
  }
  return [...out];
}

/** Which authentication methods policy entry governs a methodsRegistered value ('always': no policy gate). */
const POLICY_OF: Record<string, string> = {
  mobilePhone: 'Sms',
  alternateMobilePhone: 'Voice',
  officePhone: 'Voice',
  email: 'Email',
  microsoftAuthenticatorPush: 'MicrosoftAuthenticator',
  softwareOneTimePasscode: 'SoftwareOath',
  hardwareOneTimePasscode: 'HardwareOath',
  fido2: 'Fido2',
  windowsHelloForBusiness: 'always',
  macOsSecureEnclaveKey: 'always',
  temporaryAccessPass: 'TemporaryAccessPass',
};
const SSPR = new Set(['mobilePhone', 'officePhone', 'email', 'microsoftAuthenticatorPush', 'softwareOneTimePasscode']);
const MFA = new Set([
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'microsoftAuthenticatorPush',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
  'fido2',
  'windowsHelloForBusiness',
  'macOsSecureEnclaveKey',
]);
const PASSWORDLESS = /^(fido2|windowsHelloForBusiness|macOsSecureEnclaveKey|passKeyDeviceBound)/;

/** The row the report would give, derived from methods, roles and policy (see the header's approximation). */
export function deriveRow(
  user: DirectoryUserRow,
  methods: string[],
  isAdmin: boolean,
  policy: readonly AuthMethodPolicyEntry[] | null,
  sspr: Pick<SsprRecord, 'methodsRequired' | 'enabledFor'> | null = null,
): RegistrationRow {
  const enabled = new Map((policy ?? []).map((p) => [p.id.toLowerCase(), p.state === 'enabled']));
  const allowed = (m: string): boolean => {
    const p = POLICY_OF[m];
    if (p === 'always' || policy === null) return true;
    return p !== undefined && enabled.get(p.toLowerCase()) === true;
  };
  const member = user.userType === 'member';
  const isSsprRegistered = methods.filter((m) => SSPR.has(m)).length >= (isAdmin ? 2 : (sspr?.methodsRequired ?? 1));
  const isSsprEnabled = member && user.accountEnabled !== false && sspr?.enabledFor !== 'none';
  return {
    userId: user.userId,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    department: user.department,
    userType: user.userType,
    isAdmin,
    isSsprRegistered,
    isSsprEnabled,
    isSsprCapable: isSsprRegistered && isSsprEnabled,
    isMfaRegistered: methods.some((m) => MFA.has(m)),
    isMfaCapable: methods.some((m) => MFA.has(m) && allowed(m)),
    isPasswordlessCapable: methods.some((m) => PASSWORDLESS.test(m) && allowed(m)),
    methodsRegistered: methods,
    preferredMethod: null,
  };
}

export class FallbackItemError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`A batched read answered HTTP ${status}.`);
    this.name = 'FallbackItemError';
  }
}

/** Rows for up to 10 users (two reads each, one $batch through core/graph). */
export async function fallbackRows(
  client: Client,
  users: DirectoryUserRow[],
  policy: readonly AuthMethodPolicyEntry[] | null,
  t: Throttle,
  sspr: Pick<SsprRecord, 'methodsRequired' | 'enabledFor'> | null = null,
): Promise<RegistrationRow[]> {
  const reads = await fallbackReads(
    client,
    users.map((u) => u.userId),
    t,
  );
  const rows: RegistrationRow[] = [];
  users.forEach((u, i) => {
    const { methods: m, roles: r } = reads[i]!;
    if (t.signal.aborted) return;
    // A user deleted since the /users page was read: no row, as the report would have none.
    if (m?.status === 404) return;
    if (!m || m.status !== 200) throw new FallbackItemError(m?.status ?? 0, m?.body);
    const roles = r?.status === 200 ? ((r.body as { value?: unknown[] }).value ?? []) : [];
    const methods = methodsRegistered((m.body as { value?: Record<string, unknown>[] }).value ?? []);
    rows.push(deriveRow(u, methods, roles.length > 0, policy, sspr));
  });
  return rows;
}
