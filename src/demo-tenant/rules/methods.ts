// Rules on deleting a user's authentication methods, each with the page it comes from, and the
// default MFA method the demo keeps per user (the rules need one; the seed and deletions pick it).
import type { DefaultMfaMethod, DemoAuthMethod, PhoneType } from '../model-types';
import { assertNever } from '../never';

export interface MethodRule {
  /** What the rule refuses. */
  summary: string;
  /** Repository path in microsoftgraph/microsoft-graph-docs-contrib. */
  doc: string;
  note: string;
  status: 400;
  code: string;
  message: string;
}

export type MethodRuleKey = 'mobileWhileAlternateMobile' | 'defaultMfaPhone';

export const METHOD_RULES: Record<MethodRuleKey, MethodRule> = {
  mobileWhileAlternateMobile: {
    summary: 'The mobile phone cannot be deleted while an alternateMobile phone exists.',
    doc: 'api-reference/v1.0/api/phoneauthenticationmethod-delete.md',
    note:
      '"A user can\'t have an alternateMobile number without a mobile number." The page gives no error ' +
      'code; the demo answers 400 badRequest, the code the authentication-methods APIs use for refused requests.',
    status: 400,
    code: 'badRequest',
    message:
      "A user can't have an alternateMobile number without a mobile number. Update the mobile number, or delete the alternateMobile number first.",
  },
  defaultMfaPhone: {
    summary: "A phone that is the user's default MFA method cannot be deleted.",
    doc: 'api-reference/v1.0/api/phoneauthenticationmethod-delete.md',
    note:
      '"If the phone number is the user\'s default Azure multi-factor authentication (MFA) authentication method, ' +
      'it can\'t be deleted." No error code is documented; the demo answers 400 badRequest.',
    status: 400,
    code: 'badRequest',
    message:
      "The phone number is the user's default multifactor authentication method and can't be deleted. Have the user change their default authentication method, then delete the number.",
  },
};

/** Which phone a default method rings or texts. */
export function phoneOfDefault(d: DefaultMfaMethod): PhoneType | undefined {
  switch (d) {
    case 'sms':
      return 'mobile';
    case 'voiceAlternateMobile':
      return 'alternateMobile';
    case 'voiceOffice':
      return 'office';
    case 'push':
    case 'oath':
    case 'none':
      return undefined;
    default:
      return assertNever(d);
  }
}

/**
 * The default the demo gives a user with these methods: Authenticator push first, then a text to the
 * mobile phone, then a software OATH code, then a call to the office phone. Entra lets the user pick;
 * the demo needs a deterministic one (it is what userRegistrationDetails reports as preferred).
 */
export function pickDefaultMfaMethod(methods: readonly DemoAuthMethod[]): DefaultMfaMethod {
  const has = (pred: (m: DemoAuthMethod) => boolean): boolean => methods.some(pred);
  if (has((m) => m.kind === 'microsoftAuthenticator')) return 'push';
  if (has((m) => m.kind === 'phone' && m.phoneType === 'mobile')) return 'sms';
  if (has((m) => m.kind === 'softwareOath')) return 'oath';
  if (has((m) => m.kind === 'phone' && m.phoneType === 'office')) return 'voiceOffice';
  return 'none';
}

/** The rule that refuses deleting this method, if any. */
export function refusedDeletion(
  methods: readonly DemoAuthMethod[],
  target: DemoAuthMethod,
  defaultMfa: DefaultMfaMethod,
): MethodRuleKey | undefined {
  if (target.kind !== 'phone') return undefined;
  if (phoneOfDefault(defaultMfa) === target.phoneType) return 'defaultMfaPhone';
  if (target.phoneType === 'mobile' && methods.some((m) => m.kind === 'phone' && m.phoneType === 'alternateMobile'))
    return 'mobileWhileAlternateMobile';
  return undefined;
}

/** Does the user still have the method this default uses? */
export function isBacked(d: DefaultMfaMethod, methods: readonly DemoAuthMethod[]): boolean {
  switch (d) {
    case 'push':
      return methods.some((m) => m.kind === 'microsoftAuthenticator');
    case 'oath':
      return methods.some((m) => m.kind === 'softwareOath');
    case 'sms':
    case 'voiceAlternateMobile':
    case 'voiceOffice':
      return methods.some((m) => m.kind === 'phone' && m.phoneType === phoneOfDefault(d));
    case 'none':
      return true;
    default:
      return assertNever(d);
  }
}
