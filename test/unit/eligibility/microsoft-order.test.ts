// What Microsoft refuses, the app does not try: method deletions in an order Graph accepts
// (phoneauthenticationmethod-delete.md) and no cloud re-enable of a synced account.
import { describe, expect, it } from 'vitest';
import { decideEligibility, type GuardTarget } from '../../../src/main/core/eligibility/guard';
import { orderForDeletion } from '../../../src/main/core/graph/actions';
import { ROLE_TEMPLATE_IDS as R } from '../../../src/shared/roles';

describe('MFA re-registration deletes methods in an order Microsoft accepts', () => {
  it('removes the mobile phone only after the alternate mobile and every other method', () => {
    const ordered = orderForDeletion([
      { id: '1', kind: 'phone', phoneType: 'mobile' },
      { id: '2', kind: 'fido2' },
      { id: '3', kind: 'phone', phoneType: 'alternateMobile' },
      { id: '4', kind: 'phone', phoneType: 'office' },
      { id: '5', kind: 'email' },
    ]);
    expect(ordered.map((m) => m.id)).toEqual(['2', '5', '4', '3', '1']);
  });
});

describe('re-enabling a synced account', () => {
  const target = (synced: boolean): GuardTarget => ({
    roleTemplateIds: [],
    inRoleAssignableGroup: false,
    membershipsKnown: true,
    isSelf: false,
    isGuest: false,
    synced,
  });
  it('is refused with the reason for a synced user, and allowed for a cloud user', () => {
    const synced = decideEligibility([R.userAdministrator], target(true)).enableAccount;
    expect(synced.allowed).toBe(false);
    expect(synced.allowed === false && synced.reason).toMatch(/on-premises Active Directory/);
    expect(decideEligibility([R.userAdministrator], target(false)).enableAccount.allowed).toBe(true);
  });
});
