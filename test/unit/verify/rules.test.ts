// The verification rules: admin callers always need two checks, others what the policy asks; only
// types the policy allows count or are offered, SMS only when a provider can send, and a locked caller
// is never verified.
import { describe, expect, it } from 'vitest';
import type { VerificationType } from '../../../src/shared/audit';
import { DEFAULT_VERIFICATION_POLICY, type VerificationPolicy } from '../../../src/shared/settings';
import type { ContactOption } from '../../../src/main/core/call/state';
import { requiredChecks, verificationState } from '../../../src/main/core/verify/rules';

const ONE: VerificationPolicy = { ...DEFAULT_VERIFICATION_POLICY, requiredChecks: 1 };
const SMS: ContactOption = {
  id: 'sms-profile',
  type: 'sms',
  label: 'Mobile (profile) ••• ••• 23',
  source: 'profile',
  address: '+14255550123',
};
const EMAIL: ContactOption = {
  id: 'email-method-0',
  type: 'email',
  label: 'Email s•••@fabrikam.com',
  source: 'authentication-method',
  address: 'sam@fabrikam.com',
};

function call(passed: VerificationType[], isAdmin = false) {
  return { isAdmin, passed: new Set(passed), failed: new Set<VerificationType>(), options: [SMS, EMAIL] };
}
const open = { lockout: null, smsAvailable: () => true };

describe('requiredChecks', () => {
  it('asks what the policy asks, and says so', () => {
    expect(requiredChecks({ isAdmin: false }, ONE)).toEqual({
      required: 1,
      reason: 'The verification policy asks for one check.',
    });
    expect(requiredChecks({ isAdmin: false }, DEFAULT_VERIFICATION_POLICY).reason).toBe(
      'The verification policy asks for two checks.',
    );
  });

  it('always asks two of an admin caller, whatever the policy', () => {
    expect(requiredChecks({ isAdmin: true }, ONE)).toMatchObject({ required: 2 });
  });
});

describe('verificationState', () => {
  it('is met by one passed check under a one-check policy, and never while the caller is locked', () => {
    expect(verificationState(call(['sms']), ONE, open).met).toBe(true);
    const lockout = { failures: 5, lastFailureAt: new Date(0).toISOString(), lockedUntil: new Date(1).toISOString() };
    const locked = verificationState(call(['sms']), ONE, { ...open, lockout });
    expect(locked).toMatchObject({ met: false, lockout });
  });

  it('counts and offers only the types the policy allows now', () => {
    const state = verificationState(call(['sms']), { ...ONE, allowedTypes: ['email'] }, open);
    expect(state).toMatchObject({ passed: [], met: false });
    expect(state.options.map((o) => o.id)).toEqual(['email-method-0']);
  });

  it('offers SMS only when a provider can send it, and never an address', () => {
    const none = verificationState(call([]), ONE, { ...open, smsAvailable: () => false });
    expect(none.options.map((o) => o.type)).toEqual(['email']);
    const offered = verificationState(call([]), ONE, open).options;
    expect(offered.map((o) => o.type)).toEqual(['sms', 'email']);
    expect(JSON.stringify(offered)).not.toContain('+14255550123');
  });
});
