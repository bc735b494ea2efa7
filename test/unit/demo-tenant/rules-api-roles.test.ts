// The per-API role table (rules/api-roles.ts): its rows against their pages, and the handler
// refusing or allowing exactly those roles.
import { describe, expect, it } from 'vitest';
import { ROLE } from '../../../src/demo-tenant/roles';
import { API_ROLES, allowsRoles, roleTemplateIdsFor } from '../../../src/demo-tenant/rules/api-roles';
import { BASE, harness } from './graph-harness';

const RESET = (upn: string): string =>
  `/users/${upn}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`;
const TAP_POLICY = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass';
/** What the TAP configuration's path is granted by in Microsoft's permission map (the scope rule is H1's). */
const POLICY_SCOPES = ['Policy.Read.All', 'Policy.Read.AuthenticationMethod'];

describe('the role table', () => {
  it('names a documentation page for every rule and allows the Global Administrator everywhere', () => {
    for (const [key, rule] of Object.entries(API_ROLES)) {
      expect(rule.doc, key).toMatch(/\.md/);
      expect(rule.note.length, key).toBeGreaterThan(20);
      expect(rule.roles, key).toContain('globalAdministrator');
    }
  });

  it('reads the TAP policy with exactly the three roles the page names', () => {
    expect([...API_ROLES.readTapPolicy.roles].sort()).toEqual(
      ['authenticationPolicyAdministrator', 'globalAdministrator', 'globalReader'].sort(),
    );
    expect(allowsRoles('readTapPolicy', [ROLE.authenticationAdministrator])).toBe(false);
    expect(allowsRoles('readTapPolicy', [ROLE.securityReader])).toBe(false);
  });

  it("keeps resetPassword's callers away from the operation they started", () => {
    for (const r of [ROLE.helpdeskAdministrator, ROLE.passwordAdministrator, ROLE.userAdministrator]) {
      expect(allowsRoles('resetPassword', [r])).toBe(true);
      expect(allowsRoles('readOthersOperation', [r])).toBe(false);
    }
    expect(roleTemplateIdsFor('readOthersOperation').sort()).toEqual(
      [
        ROLE.globalReader,
        ROLE.authenticationAdministrator,
        ROLE.privilegedAuthenticationAdministrator,
        ROLE.globalAdministrator,
      ].sort(),
    );
  });

  it('needs at least User Administrator for passwordProfile', () => {
    expect(allowsRoles('updatePasswordProfile', [ROLE.helpdeskAdministrator])).toBe(false);
    expect(allowsRoles('updatePasswordProfile', [ROLE.passwordAdministrator])).toBe(false);
    expect(allowsRoles('updatePasswordProfile', [ROLE.userAdministrator])).toBe(true);
  });
});

describe('roles enforced by the routes', () => {
  it('refuses the reset operation to the Helpdesk Administrator who started it, serves it to a method reader', async () => {
    const h = harness();
    const r = await h.as('helpdesk@contoso.com')('POST', RESET('alex.cloud@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    expect(r.status).toBe(202);
    const op = (r.headers?.Location ?? '').slice(BASE.length);
    const mine = await h.as('helpdesk@contoso.com')('GET', op);
    expect(mine.status).toBe(403);
    expect(mine.json.error.code).toBe('Authorization_RequestDenied');
    for (const reader of ['authentication.admin@contoso.com', 'global.reader@contoso.com', 'global.admin@contoso.com'])
      expect((await h.as(reader)('GET', op)).status, reader).toBe(200);
    expect((await h.as('password.admin@contoso.com')('GET', op)).status).toBe(403);
  });

  it('sets passwordProfile for User Administrators only, not Helpdesk or Password Administrators', async () => {
    const h = harness();
    const body = { passwordProfile: { password: 'Blue-Kettle-Orbit-93', forceChangePasswordNextSignIn: true } };
    for (const upn of ['helpdesk@contoso.com', 'password.admin@contoso.com'])
      expect((await h.as(upn)('PATCH', '/users/alex.cloud@contoso.com', { body })).status, upn).toBe(403);
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect(alex && h.dir.checkPassword(alex.id, 'Blue-Kettle-Orbit-93')).toBe(false);
    expect((await h.as('user.admin@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', { body })).status).toBe(204);
    expect(alex && h.dir.checkPassword(alex.id, 'Blue-Kettle-Orbit-93')).toBe(true);
  });

  it('serves the TAP policy to Global Reader, Authentication Policy and Global Administrators only', async () => {
    const h = harness();
    for (const upn of ['authentication.admin@contoso.com', 'privileged.auth.admin@contoso.com', 'helpdesk@contoso.com'])
      expect((await h.as(upn)('GET', TAP_POLICY, { scopes: POLICY_SCOPES })).status, upn).toBe(403);
    for (const upn of [
      'global.reader@contoso.com',
      'global.admin@contoso.com',
      'target.authenticationpolicyadministrator@contoso.com',
    ]) {
      const r = await h.as(upn)('GET', TAP_POLICY, { scopes: POLICY_SCOPES });
      expect(r.status, upn).toBe(200);
      expect(r.json.maximumLifetimeInMinutes).toBe(480);
    }
    // The whole policy follows its own page: the Authentication Administrator is not among its readers either.
    expect(
      (
        await h.as('authentication.admin@contoso.com')('GET', '/policies/authenticationMethodsPolicy', {
          scopes: POLICY_SCOPES,
        })
      ).status,
    ).toBe(403);
  });

  it('lists role assignments only to Directory Readers, Global Reader, Privileged Role and Global Administrators', async () => {
    const h = harness();
    const scopes = ['RoleManagement.Read.Directory'];
    for (const upn of ['helpdesk@contoso.com', 'group.helpdesk@contoso.com', 'user.admin@contoso.com'])
      expect((await h.as(upn)('GET', '/roleManagement/directory/roleAssignments', { scopes })).status, upn).toBe(403);
    for (const upn of [
      'global.reader@contoso.com',
      // The unit-scoped Helpdesk Administrator also holds Directory Readers, to see their own unit role.
      'au.helpdesk@contoso.com',
      'target.directoryreaders@contoso.com',
      'target.privilegedroleadministrator@contoso.com',
    ])
      expect((await h.as(upn)('GET', '/roleManagement/directory/roleAssignments', { scopes })).status, upn).toBe(200);
  });

  it('lets a unit-scoped Helpdesk Administrator reset the unit’s non-admin members only', async () => {
    const h = harness();
    const au = h.as('au.helpdesk@contoso.com');
    const body = { body: { newPassword: 'Blue-Kettle-Orbit-93' } };
    expect((await au('POST', RESET('sally.sales@contoso.com'), body)).status).toBe(202);
    expect((await au('POST', RESET('alex.cloud@contoso.com'), body)).status).toBe(403);
    // The same role held through a role-assignable group works tenant-wide.
    expect((await h.as('group.helpdesk@contoso.com')('POST', RESET('alex.cloud@contoso.com'), body)).status).toBe(202);
    // A unit member who holds an admin role is out of a unit-scoped role's reach.
    const sally = h.dir.findUserByUpn('sally.sales@contoso.com');
    sally?.roleTemplateIds.push(ROLE.reportsReader);
    expect((await au('POST', RESET('sally.sales@contoso.com'), body)).status).toBe(403);
  });
});
