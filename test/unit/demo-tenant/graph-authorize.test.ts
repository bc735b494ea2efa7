// Microsoft's "who can reset passwords" table (MicrosoftDocs/entra-docs docs/identity/role-based-access-control/privileged-roles-permissions.md), transcribed here independently of
// graph/authorize.ts, checked for every caller role × target row, and then through the handler.
import { describe, expect, it } from 'vitest';
import {
  canActOn,
  CALLER_ROLES,
  callerRoles,
  mayActOn,
  TARGET_TIERS,
  targetTiers,
  type CallerRole,
  type TargetTier,
} from '../../../src/demo-tenant/graph/authorize';
import { ROLE } from '../../../src/demo-tenant/roles';
import { harness } from './graph-harness';

const Y = true;
const N = false;
// Columns: PwdAdm, Helpdesk, AuthAdm, UserAdm, PrivAuth, GA — the ✅/– cells of the table.
const EXPECTED: Record<TargetTier, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  user: [Y, Y, Y, Y, Y, Y],
  basicReaders: [Y, Y, Y, Y, Y, Y],
  helpdeskAdmin: [N, Y, N, Y, Y, Y],
  reportReaders: [N, Y, Y, Y, Y, Y],
  authenticationAdmin: [N, N, Y, N, Y, Y],
  userAdmin: [N, N, N, Y, Y, Y],
  globalAdmin: [N, N, N, N, Y, Y],
  privileged: [N, N, N, N, Y, Y],
  roleAssignableGroupMember: [N, N, N, N, Y, Y],
  otherRole: [N, N, N, N, Y, Y],
};
const COLUMNS: CallerRole[] = [
  'passwordAdmin',
  'helpdeskAdmin',
  'authenticationAdmin',
  'userAdmin',
  'privilegedAuthenticationAdmin',
  'globalAdmin',
];

describe('who can reset whom (pure table)', () => {
  for (const tier of TARGET_TIERS) {
    for (const [i, caller] of COLUMNS.entries()) {
      const allowed = EXPECTED[tier][i];
      it(`${caller} ${allowed ? 'may' : 'may not'} reset a ${tier} target`, () => {
        expect(canActOn('resetPassword', [caller], [tier])).toBe(allowed);
      });
    }
  }

  it('covers every caller role and target row', () => {
    expect([...CALLER_ROLES].sort()).toEqual([...COLUMNS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...TARGET_TIERS].sort());
  });

  it('needs one caller role covering every role the target holds', () => {
    // A Helpdesk Admin who is also an Auth Admin cannot reset someone who is both Helpdesk Admin and Auth Admin
    // (neither of the caller's roles covers both rows) — Privileged Authentication Admin can.
    const tiers = targetTiers([ROLE.helpdeskAdministrator, ROLE.authenticationAdministrator], false);
    expect(canActOn('resetPassword', ['helpdeskAdmin', 'authenticationAdmin'], tiers)).toBe(false);
    expect(canActOn('resetPassword', ['privilegedAuthenticationAdmin'], tiers)).toBe(true);
  });

  it('treats members of role-assignable groups as protected even without a role', () => {
    expect(targetTiers([], true)).toEqual(['roleAssignableGroupMember']);
    expect(
      mayActOn('resetPassword', [ROLE.helpdeskAdministrator], { roleTemplateIds: [], inRoleAssignableGroup: true }),
    ).toBe(false);
    expect(
      mayActOn('resetPassword', [ROLE.privilegedAuthenticationAdministrator], {
        roleTemplateIds: [],
        inRoleAssignableGroup: true,
      }),
    ).toBe(true);
  });

  it('classifies roles outside the table as "all other roles"', () => {
    expect(targetTiers([ROLE.exchangeAdministrator], false)).toEqual(['otherRole']);
    expect(targetTiers([ROLE.securityReader], false)).toEqual(['otherRole']);
    expect(targetTiers([ROLE.directoryReaders], false)).toEqual(['basicReaders']);
  });

  it('gives no reset right to roles outside the six columns', () => {
    expect(callerRoles([ROLE.globalReader, ROLE.reportsReader])).toEqual([]);
    expect(mayActOn('resetPassword', [ROLE.globalReader], { roleTemplateIds: [], inRoleAssignableGroup: false })).toBe(
      false,
    );
  });
});

describe('method management (TAP, deleting methods)', () => {
  it('is for Authentication, Privileged Authentication and Global Administrators only', () => {
    expect(canActOn('manageMethods', ['helpdeskAdmin'], ['user'])).toBe(false);
    expect(canActOn('manageMethods', ['passwordAdmin'], ['user'])).toBe(false);
    expect(canActOn('manageMethods', ['userAdmin'], ['user'])).toBe(false);
    expect(canActOn('manageMethods', ['authenticationAdmin'], ['user'])).toBe(true);
    expect(canActOn('manageMethods', ['authenticationAdmin'], ['globalAdmin'])).toBe(false);
    expect(canActOn('manageMethods', ['privilegedAuthenticationAdmin'], ['globalAdmin'])).toBe(true);
  });
});

describe('the handler applies the table to real seeded targets', () => {
  const h = harness();
  const agents = [
    'password-admin',
    'helpdesk',
    'authentication-admin',
    'user-admin',
    'privileged-authentication-admin',
    'global-admin',
  ] as const;
  const targets: { upn: string; tier: TargetTier }[] = [
    { upn: 'alex.cloud@contoso.com', tier: 'user' },
    { upn: 'target.passwordadministrator@contoso.com', tier: 'basicReaders' },
    { upn: 'target.helpdeskadministrator@contoso.com', tier: 'helpdeskAdmin' },
    { upn: 'target.reportsreader@contoso.com', tier: 'reportReaders' },
    { upn: 'target.authenticationadministrator@contoso.com', tier: 'authenticationAdmin' },
    { upn: 'target.useradministrator@contoso.com', tier: 'userAdmin' },
    { upn: 'target.groupsadministrator@contoso.com', tier: 'userAdmin' },
    { upn: 'target.globaladministrator@contoso.com', tier: 'globalAdmin' },
    { upn: 'target.privilegedauthenticationadministrator@contoso.com', tier: 'privileged' },
    { upn: 'target.privilegedroleadministrator@contoso.com', tier: 'privileged' },
    { upn: 'rory.rolegroup@contoso.com', tier: 'roleAssignableGroupMember' },
    { upn: 'sid.secops@contoso.com', tier: 'otherRole' },
    { upn: 'target.exchangeadministrator@contoso.com', tier: 'otherRole' },
  ];
  for (const [i, label] of agents.entries()) {
    for (const t of targets) {
      const allowed = EXPECTED[t.tier][i];
      it(`${label} → ${t.upn}: ${allowed ? '202' : '403'}`, async () => {
        const r = await h.as(h.agent(label).upn)(
          'POST',
          `/users/${t.upn}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`,
          {
            body: { newPassword: 'Blue-Kettle-Orbit-93' },
          },
        );
        expect(r.status).toBe(allowed ? 202 : 403);
        if (!allowed) expect(r.json.error.code).toBe('Authorization_RequestDenied');
      });
    }
  }
});
