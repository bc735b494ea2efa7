// The $batch fallback derives the report's capability flags; where Graph cannot tell (the SSPR
// policy), it follows what the admin recorded on the Policy screen.
import { describe, expect, it } from 'vitest';
import { deriveRow } from '../../../src/main/core/registration/fallback';
import type { DirectoryUserRow } from '../../../src/main/core/registration/store';

const user: DirectoryUserRow = {
  userId: '00000000-0000-0000-0000-000000000001',
  userPrincipalName: 'pat.phone@contoso.com',
  displayName: 'Pat Phone',
  department: 'Sales',
  userType: 'member',
  accountEnabled: true,
  passwordChangedAt: null,
  neverExpires: false,
  onPremises: false,
};
const enabledPolicy = [
  { id: 'Sms', state: 'enabled' as const, includeTargets: ['all_users'] },
  { id: 'Email', state: 'enabled' as const, includeTargets: ['all_users'] },
  { id: 'Fido2', state: 'disabled' as const, includeTargets: ['all_users'] },
];

describe('fallback rows', () => {
  it('with nothing recorded, one SSPR method makes a member SSPR-capable', () => {
    const row = deriveRow(user, ['mobilePhone'], false, enabledPolicy);
    expect(row).toMatchObject({ isSsprRegistered: true, isSsprEnabled: true, isSsprCapable: true });
  });

  it('follows the recorded "two methods required"', () => {
    const sspr = { methodsRequired: 2, enabledFor: 'all' } as const;
    expect(deriveRow(user, ['mobilePhone'], false, enabledPolicy, sspr).isSsprCapable).toBe(false);
    expect(deriveRow(user, ['mobilePhone', 'email'], false, enabledPolicy, sspr).isSsprCapable).toBe(true);
  });

  it('admins always need two methods, whatever was recorded', () => {
    const sspr = { methodsRequired: 1, enabledFor: 'all' } as const;
    expect(deriveRow(user, ['mobilePhone'], true, enabledPolicy, sspr).isSsprRegistered).toBe(false);
  });

  it('SSPR recorded as off: registered users are not capable', () => {
    const row = deriveRow(user, ['mobilePhone', 'email'], false, enabledPolicy, {
      methodsRequired: 1,
      enabledFor: 'none',
    });
    expect(row).toMatchObject({ isSsprRegistered: true, isSsprEnabled: false, isSsprCapable: false });
  });

  it('a method the policy disables does not make a user passwordless-capable', () => {
    expect(deriveRow(user, ['fido2'], false, enabledPolicy).isPasswordlessCapable).toBe(false);
    expect(deriveRow(user, ['fido2'], false, null).isPasswordlessCapable).toBe(true);
  });
});
