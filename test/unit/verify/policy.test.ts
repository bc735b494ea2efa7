// The verification policy in settings: schema limits, stored and read back, and a bad stored value
// falling back to the safe default.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VERIFICATION_POLICY, VerificationPolicyInput } from '../../../src/shared/settings';
import { getVerificationPolicy, setVerificationPolicy } from '../../../src/main/core/settings/settings';
import { tempDb, type TempDb } from '../store/tempDb';

let store: TempDb | undefined;
afterEach(() => store?.dispose());

describe('verification policy', () => {
  it('defaults to two checks of any type, five attempts, six digits', () => {
    store = tempDb();
    expect(getVerificationPolicy(store.db)).toEqual(DEFAULT_VERIFICATION_POLICY);
    expect(DEFAULT_VERIFICATION_POLICY).toMatchObject({ requiredChecks: 2, maxAttempts: 5, codeLength: 6 });
  });

  it('stores a policy and reads it back', () => {
    store = tempDb();
    const p = {
      requiredChecks: 1 as const,
      allowedTypes: ['sms' as const, 'knowledge' as const],
      maxAttempts: 3,
      codeLength: 8,
      mailFrom: 'helpdesk-shared@contoso.com',
      ticketRequired: true,
    };
    setVerificationPolicy(store.db, p);
    expect(getVerificationPolicy(store.db)).toEqual(p);
  });

  it('refuses fewer than two allowed types (admins always need two), three required checks, or 9-digit codes', () => {
    const base = { requiredChecks: 1, allowedTypes: ['sms', 'email'], maxAttempts: 5, codeLength: 6 };
    expect(VerificationPolicyInput.safeParse(base).success).toBe(true);
    expect(VerificationPolicyInput.safeParse({ ...base, allowedTypes: ['sms', 'sms'] }).success).toBe(false);
    expect(VerificationPolicyInput.safeParse({ ...base, requiredChecks: 3 }).success).toBe(false);
    expect(VerificationPolicyInput.safeParse({ ...base, codeLength: 9 }).success).toBe(false);
    expect(VerificationPolicyInput.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(VerificationPolicyInput.safeParse({ ...base, mailFrom: 'not an address' }).success).toBe(false);
    // Callers that do not know the mailbox setting still work: it defaults to the agent's own.
    expect(VerificationPolicyInput.parse(base).mailFrom).toBeNull();
  });

  it('falls back to the default when the stored value no longer parses', () => {
    store = tempDb();
    store.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('verification-policy', '{"requiredChecks":0}', 0)`,
      )
      .run();
    expect(getVerificationPolicy(store.db)).toEqual(DEFAULT_VERIFICATION_POLICY);
  });
});
