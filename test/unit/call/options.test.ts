// Where codes may go: registered methods first, the profile only when no method can be used (and
// the option says which), masked numbers skipped, the locked mailbox never; and what the guard
// is told about a target from its card.
import { describe, expect, it } from 'vitest';
import { contactOptions } from '../../../src/main/core/call/service';
import { guardTargetOf } from '../../../src/main/core/eligibility/caller';
import { toE164, type ContactPoints } from '../../../src/main/core/graph/contacts';
import type { CallerCard } from '../../../src/shared/users';

const none: ContactPoints = {
  phoneMethods: null,
  emailMethods: null,
  profileMobile: null,
  otherMails: [],
  manager: null,
};
const q = [
  { id: 'employee-id' as const, text: 'Last four digits of your employee ID?', accepted: ['4211'] },
  { id: 'hire-month' as const, text: 'Which month did you join?', accepted: ['2019-03'] },
];

describe('contact options', () => {
  it('prefers registered methods and hides the profile mobile when one exists', () => {
    const opts = contactOptions(
      {
        ...none,
        phoneMethods: [{ number: '+14255550101', phoneType: 'mobile' }],
        profileMobile: '+14255550199',
        emailMethods: ['kim@outlook.example'],
      },
      q,
    );
    expect(opts.map((o) => [o.id, o.source])).toEqual([
      ['sms-method-mobile', 'authentication-method'],
      ['email-method-0', 'authentication-method'],
      ['knowledge', 'directory'],
    ]);
    expect(opts[0]!.label).toBe('Mobile ••• ••• 01');
  });

  it('falls back to the profile when methods cannot be read, and says so', () => {
    const opts = contactOptions(
      {
        ...none,
        profileMobile: '+14255550199',
        otherMails: ['kim@outlook.example'],
        manager: { displayName: 'Terry Lead', mail: 'team.lead@contoso.com' },
      },
      [],
    );
    expect(opts.map((o) => [o.id, o.source])).toEqual([
      ['sms-profile', 'profile'],
      ['email-profile-0', 'profile'],
      ['manager', 'manager'],
    ]);
    for (const o of opts) expect(o.label).not.toMatch(/4255550199|kim@|team\.lead@/);
  });

  it('offers no knowledge check with fewer than two questions', () => {
    expect(contactOptions(none, q.slice(0, 1))).toEqual([]);
  });

  it('reads only dialable numbers: masked ones (as Authentication Administrators see them) are no use', () => {
    expect(toE164('+1 4255550123')).toBe('+14255550123');
    expect(toE164('+1 (425) 555-0123x12')).toBe('+14255550123');
    expect(toE164('+1 XXXXXXXX23')).toBeNull();
    expect(toE164('4255550123')).toBeNull();
    expect(toE164(null)).toBeNull();
  });
});

describe('the guard’s view of a target', () => {
  const card = (over: Partial<CallerCard>): CallerCard =>
    ({
      user: { id: 'u1', userType: 'Member' },
      roles: [],
      roleAssignableGroups: [],
      registration: null,
      partial: [],
      ...over,
    }) as unknown as CallerCard;

  it('treats an admin the registration report knows of, but memberOf did not show, as holding another role', () => {
    const t = guardTargetOf(card({ registration: { isAdmin: true } as CallerCard['registration'] }), 'agent');
    expect(t.roleTemplateIds).toHaveLength(1);
    expect(guardTargetOf(card({}), 'agent').roleTemplateIds).toEqual([]);
  });

  it('knows the agent’s own account, guests, role-assignable groups and unreadable memberships', () => {
    expect(guardTargetOf(card({}), 'u1').isSelf).toBe(true);
    expect(guardTargetOf(card({ user: { id: 'u2', userType: 'Guest' } as CallerCard['user'] }), 'u1').isGuest).toBe(
      true,
    );
    expect(
      guardTargetOf(card({ roleAssignableGroups: [{ id: 'g', displayName: 'Tier 0' }] }), 'x').inRoleAssignableGroup,
    ).toBe(true);
    expect(guardTargetOf(card({ partial: [{ part: 'memberships', message: 'no' }] }), 'x').membershipsKnown).toBe(
      false,
    );
  });
});
