// The seed: deterministic, and covering every kind of user the app and its tests rely on.
import { describe, expect, it } from 'vitest';
import {
  createDemoDirectory,
  AGENT_SPECS,
  DEMO_USER_PASSWORD,
  SSPR_ACTIVITIES,
  SSPR_SERVICE,
} from '../../../src/demo-tenant/seed';
import { ROLE, ROLE_DISPLAY_NAMES } from '../../../src/demo-tenant/model';

const NOW = Date.UTC(2026, 10, 1);

describe('createDemoDirectory', () => {
  const dir = createDemoDirectory({ users: 2000, seed: 1, now: NOW });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = createDemoDirectory({ users: 2000, seed: 1, now: NOW });
    expect(JSON.stringify(again.users)).toBe(JSON.stringify(dir.users));
    expect(again.tenant.tenantId).toBe(dir.tenant.tenantId);
    const other = createDemoDirectory({ users: 2000, seed: 2, now: NOW });
    expect(other.users[500]?.id).not.toBe(dir.users[500]?.id);
  });

  it('creates the requested number of users with unique ids and UPNs', () => {
    expect(dir.users).toHaveLength(2000);
    expect(new Set(dir.users.map((u) => u.id)).size).toBe(2000);
    expect(new Set(dir.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(2000);
  });

  it('gives every user their own phone numbers and personal email, so an outbox entry names one user', () => {
    const phones = dir.users.flatMap((u) => u.methods.flatMap((m) => (m.kind === 'phone' ? [m.phoneNumber] : [])));
    expect(phones.every((p) => /^\+1 \d{10}$/.test(p))).toBe(true);
    expect(new Set(phones).size).toBe(phones.length);
    const emails = dir.users.flatMap((u) => u.methods.flatMap((m) => (m.kind === 'email' ? [m.emailAddress] : [])));
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('has one demo agent per role, signing in with its documented password', () => {
    const roles = dir.agents.map((a) => a.roles.join(','));
    for (const r of [
      'Helpdesk Administrator',
      'Password Administrator',
      'Authentication Administrator',
      'Privileged Authentication Administrator',
      'User Administrator',
      'Global Reader',
      'Global Administrator',
      'Reports Reader',
    ]) {
      expect(roles).toContain(r);
    }
    expect(dir.agents.find((a) => a.label === 'no-role')?.roles).toEqual([]);
    for (const spec of AGENT_SPECS) {
      const u = dir.findUserByUpn(spec.upn);
      expect(u && dir.checkPassword(u.id, spec.password)).toBe(true);
      expect(u?.accountEnabled).toBe(true);
    }
  });

  it('holds every admin role on at least one non-agent user', () => {
    const agentIds = new Set(dir.agents.map((a) => a.userId));
    for (const templateId of Object.values(ROLE)) {
      const holder = dir.users.find(
        (u) => !agentIds.has(u.id) && dir.effectiveRoleTemplateIds(u.id).includes(templateId),
      );
      expect(holder, ROLE_DISPLAY_NAMES[templateId]).toBeDefined();
    }
  });

  it('covers every combination of registered methods, including none', () => {
    const combos = new Set(
      dir.users
        .filter((u) => u.userType === 'Member')
        .map((u) =>
          u.methods
            .filter((m) => m.kind !== 'password')
            .map((m) => (m.kind === 'phone' ? `phone:${m.phoneType}` : m.kind))
            .sort()
            .join('+'),
        ),
    );
    expect(combos.size).toBeGreaterThanOrEqual(512);
    expect(combos.has('')).toBe(true);
  });

  it('mixes cloud and synced, enabled and disabled, members and guests, expired passwords and managers', () => {
    const members = dir.users.filter((u) => u.userType === 'Member');
    expect(members.some((u) => u.onPremisesSyncEnabled === true)).toBe(true);
    expect(members.some((u) => u.onPremisesSyncEnabled === null)).toBe(true);
    expect(dir.users.some((u) => !u.accountEnabled)).toBe(true);
    const guests = dir.users.filter((u) => u.userType === 'Guest');
    expect(guests.length).toBeGreaterThan(10);
    expect(guests.every((u) => u.userPrincipalName.includes('#EXT#'))).toBe(true);
    const validity = 90 * 24 * 3600 * 1000;
    const expired = members.filter(
      (u) =>
        !u.passwordPolicies?.includes('DisablePasswordExpiration') &&
        NOW - Date.parse(u.lastPasswordChangeDateTime) > validity,
    );
    expect(expired.length).toBeGreaterThan(50);
    expect(members.filter((u) => u.managerId !== null).length).toBeGreaterThan(members.length / 2);
    expect(members.every((u) => u.employeeId && u.department && u.officeLocation && u.employeeHireDate)).toBe(true);
    expect(dir.users.filter((u) => dir.isMemberOfRoleAssignableGroup(u.id)).length).toBeGreaterThan(1);
  });

  it('gives named accounts the same phone and email on their profile as in their methods, whatever the seed', () => {
    for (const seed of [1, 2]) {
      const d = createDemoDirectory({ users: 60, seed, now: NOW });
      const alex = d.findUserByUpn('alex.cloud@contoso.com');
      expect(alex?.mobilePhone).toBe('+1 4255550009');
      expect(alex?.employeeId).toBe('E100009');
      expect(alex?.otherMails).toEqual(['alex.cloud@outlook.example']);
      expect(alex?.methods.find((m) => m.kind === 'phone')).toMatchObject({ phoneNumber: '+1 4255550009' });
      expect(d.findUserByUpn('nora.nomethods@contoso.com')).toMatchObject({ mobilePhone: null, otherMails: [] });
    }
  });

  it('finds users by UPN case-insensitively, guests included', () => {
    expect(dir.findUserByUpn('ALEX.CLOUD@contoso.com')?.displayName).toBe('Alex Cloud');
    expect(dir.findUserByUpn('gus.guest_fabrikam.com#EXT#@contosodemo.onmicrosoft.com')?.userType).toBe('Guest');
    expect(dir.checkPassword(dir.findUserByUpn('alex.cloud@contoso.com')?.id ?? '', DEMO_USER_PASSWORD)).toBe(true);
  });

  it('seeds self-service password audit events of every kind', () => {
    const sspr = dir.audits.filter((a) => a.loggedByService === SSPR_SERVICE);
    for (const act of SSPR_ACTIVITIES) expect(sspr.some((a) => a.activityDisplayName === act)).toBe(true);
    expect(sspr.some((a) => a.result === 'failure')).toBe(true);
  });

  it('honours premium and writeback switches', () => {
    const plain = createDemoDirectory({ users: 50, premium: false, writeback: false, now: NOW });
    expect(plain.tenant.premium).toBe(false);
    expect(plain.tenant.writeback).toBe(false);
    expect(plain.tenant.skus[0]?.servicePlans.some((p) => p.servicePlanName === 'AAD_PREMIUM')).toBe(false);
  });

  it('keeps UPNs unique at larger sizes', () => {
    const big = createDemoDirectory({ users: 20_000, seed: 5, now: NOW });
    expect(new Set(big.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(20_000);
  });
});

describe('directory methods the identity side uses', () => {
  it('sets a password with a forced change and revokes sessions', () => {
    const dir = createDemoDirectory({ users: 50, now: NOW, freezeClock: true });
    const u = dir.findUserByUpn('alex.cloud@contoso.com');
    if (!u) throw new Error('fixture missing');
    dir.setPassword(u.id, 'New-Password-42', { forceChange: true });
    expect(dir.checkPassword(u.id, 'New-Password-42')).toBe(true);
    expect(dir.checkPassword(u.id, DEMO_USER_PASSWORD)).toBe(false);
    expect(u.forceChangePasswordNextSignIn).toBe(true);
    const at = dir.revokeSessions(u.id);
    expect(u.signInSessionsValidFromDateTime).toBe(at);
    expect(Date.parse(at)).toBeGreaterThanOrEqual(NOW);
  });
});
