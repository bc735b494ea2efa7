// The Graph gateway as the signed-in agent against the demo tenant: searches, the caller card in
// one round trip, throttling ridden out, unknown-outcome writes not repeated, and every mapped error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemporaryAccessPass, resetPassword } from '../../../src/main/core/graph/actions';
import { registrationDetailsPages } from '../../../src/main/core/graph/registration';
import { getCaller } from '../../../src/main/core/graph/callerCard';
import { searchUsers } from '../../../src/main/core/graph/users';
import type { AgentSession } from '../../../src/main/core/auth/session';
import { ROLE_TEMPLATE_IDS } from '../../../src/shared/roles';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession, SHORT_WINDOWS } from '../../support/sessionHarness';

let t: TestTenant;
let helpdesk: AgentSession;
let authAdmin: AgentSession;
const requests: { method: string; url: string }[] = [];
const authAdminRequests: { method: string; url: string }[] = [];

beforeAll(async () => {
  t = await startTestTenant({ users: 300, knobs: SHORT_WINDOWS });
  helpdesk = createSession(t, () => agentByLabel(t, 'helpdesk'), { requests });
  await helpdesk.signIn('interactive');
  authAdmin = createSession(t, () => agentByLabel(t, 'authentication-admin'), { requests: authAdminRequests });
  await authAdmin.signIn('interactive');
});
afterAll(async () => {
  t.tenant.knobs.set({ throttle: { everyNth: 0 }, faults: [] });
  await t.close();
});

const users = () => t.tenant.directory.users;
function plainMember(extra: (u: DemoUser) => boolean = () => true): DemoUser {
  const u = users().find(
    (x) =>
      x.userType === 'Member' &&
      x.accountEnabled &&
      x.roleTemplateIds.length === 0 &&
      !x.groupIds.some((g) => t.tenant.directory.groups.get(g)?.isAssignableToRole) &&
      !t.tenant.directory.agents.some((a) => a.userId === x.id) &&
      extra(x),
  );
  if (!u) throw new Error('seed has no such user');
  return u;
}

describe('searchUsers', () => {
  it('finds a user by display name', async () => {
    const u = plainMember();
    const result = await searchUsers(helpdesk.graph(), u.displayName);
    expect(result.matchedBy).toBe('name');
    expect(result.users.map((x) => x.id)).toContain(u.id);
  });

  it('finds a user by the start of their UPN', async () => {
    const u = plainMember();
    const prefix = u.userPrincipalName.slice(0, u.userPrincipalName.indexOf('@') + 1);
    const result = await searchUsers(helpdesk.graph(), prefix);
    expect(result.matchedBy).toBe('upn-or-mail');
    expect(result.users.map((x) => x.id)).toContain(u.id);
    for (const hit of result.users)
      expect(
        hit.userPrincipalName.toLowerCase().startsWith(prefix.toLowerCase()) ||
          hit.mail?.toLowerCase().startsWith(prefix.toLowerCase()),
      ).toBe(true);
  });

  it('finds a user by employee id', async () => {
    const u = plainMember((x) => x.employeeId !== null);
    const result = await searchUsers(helpdesk.graph(), u.employeeId!);
    expect(result.matchedBy).toBe('employee-id-or-phone');
    expect(result.users.map((x) => x.id)).toEqual([u.id]);
  });

  it('finds a user by mobile phone', async () => {
    const u = plainMember((x) => x.mobilePhone !== null);
    const result = await searchUsers(helpdesk.graph(), u.mobilePhone!);
    expect(result.users.map((x) => x.id)).toContain(u.id);
  });

  it('finds a mobile phone whatever format the agent types it in', async () => {
    const u = plainMember((x) => x.mobilePhone !== null && x.mobilePhone.startsWith('+1 '));
    const national = u.mobilePhone!.slice(3); // the demo stores Entra's "+1 4255550123"
    const spaced = `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
    const typed = [
      `+1${national}`, // E.164
      `+1 ${spaced}`, // international layout
      `1 ${spaced}`, // the "+" left off
      `001 ${spaced}`, // international dialling prefix
      `+1 ${spaced.slice(0, 7)}`, // the start of it
    ];
    for (const text of typed) {
      const result = await searchUsers(helpdesk.graph(), text);
      expect(result.matchedBy, text).toBe('employee-id-or-phone');
      expect(
        result.users.map((x) => x.id),
        text,
      ).toContain(u.id);
    }
    // A national number needs the tenant's country to know its code.
    const local = `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
    const withRegion = await searchUsers(helpdesk.graph(), local, { defaultRegion: 'US' });
    expect(withRegion.users.map((x) => x.id)).toContain(u.id);
  });

  it('answers a search without letters or digits, or too long, without asking Graph', async () => {
    const before = requests.length;
    const emoji = await searchUsers(helpdesk.graph(), '🙂🙂');
    expect(emoji).toMatchObject({ users: [], total: 0 });
    expect(emoji.note).toMatch(/^Nothing matches “🙂🙂”/);
    expect((await searchUsers(helpdesk.graph(), '--..--')).users).toEqual([]);
    await expect(searchUsers(helpdesk.graph(), 'a'.repeat(5000))).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'The search is too long: at most 200 characters.',
    });
    expect(requests.length).toBe(before);
  });

  it('reads synced and enabled state into the summary', async () => {
    const synced = plainMember((x) => x.onPremisesSyncEnabled === true && x.employeeId !== null);
    const [hit] = (await searchUsers(helpdesk.graph(), synced.employeeId!)).users;
    expect(hit).toMatchObject({ id: synced.id, synced: true, accountEnabled: true });
  });
});

describe('getCaller', () => {
  it('reads the whole caller card in at most two round trips', async () => {
    const u = plainMember((x) => x.managerId !== null && x.methods.some((m) => m.kind === 'phone'));
    // Reading others' methods takes Authentication Administrator (or Global Reader): includes/rbac-for-apis/rbac-authentication-methods-apis-read-others.md.
    const before = authAdminRequests.length;
    const card = await getCaller(authAdmin.graph(), u.id);
    expect(authAdminRequests.length - before).toBeLessThanOrEqual(2);
    expect(card.partial).toEqual([]);
    expect(card.user.id).toBe(u.id);
    expect(card.manager?.id).toBe(u.managerId);
    expect(card.methods.map((m) => m.id).sort()).toEqual(u.methods.map((m) => m.id).sort());
    // Contact details leave main masked.
    const phone = card.methods.find((m) => m.kind === 'phone');
    expect(phone?.label).toMatch(/••• ••• \d\d$/);
    expect(JSON.stringify(card)).not.toContain(
      String(u.methods.find((m) => m.kind === 'phone')?.phoneNumber ?? 'x').slice(-6),
    );
  });

  it('shows a Helpdesk Administrator the card without methods, saying why', async () => {
    const u = plainMember((x) => x.methods.some((m) => m.kind === 'phone'));
    const card = await getCaller(helpdesk.graph(), u.id);
    expect(card.user.id).toBe(u.id);
    expect(card.methods).toEqual([]);
    expect(card.partial).toEqual([{ part: 'methods', message: expect.stringMatching(/directory role/) }]);
  });

  it("names an admin caller's roles and role-assignable groups", async () => {
    const admin = users().find(
      (x) => x.roleTemplateIds.includes(ROLE_TEMPLATE_IDS.globalAdministrator) && x.userType === 'Member',
    );
    const card = await getCaller(helpdesk.graph(), admin!.id);
    expect(card.roles.map((r) => r.key)).toContain('globalAdministrator');
    const grouped = users().find((x) => x.groupIds.some((g) => t.tenant.directory.groups.get(g)?.isAssignableToRole));
    const groupCard = await getCaller(helpdesk.graph(), grouped!.id);
    expect(groupCard.roleAssignableGroups.length).toBeGreaterThan(0);
  });

  it('says not_found for an unknown user', async () => {
    await expect(getCaller(helpdesk.graph(), '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('throttling and unknown outcomes', () => {
  it('rides out a storm of 429s on reads', async () => {
    const u = plainMember((x) => x.employeeId !== null);
    t.tenant.knobs.set({ throttle: { everyNth: 2, retryAfterSeconds: 1 } });
    const throttledBefore = t.tenant.knobs.stats().throttled;
    try {
      for (let i = 0; i < 3; i++) expect((await searchUsers(helpdesk.graph(), u.employeeId!)).users[0]?.id).toBe(u.id);
      await getCaller(helpdesk.graph(), u.id);
    } finally {
      t.tenant.knobs.set({ throttle: { everyNth: 0 } });
    }
    expect(t.tenant.knobs.stats().throttled).toBeGreaterThan(throttledBefore);
  });

  it('never repeats a write whose answer was lost, and says the outcome is unknown', async () => {
    const u = plainMember((x) => x.onPremisesSyncEnabled !== true);
    t.tenant.knobs.set({ faults: [{ pattern: '/resetPassword$', fault: { kind: 'connection-reset' }, times: 1 }] });
    const posts = () => requests.filter((r) => r.method === 'POST' && /resetPassword$/i.test(r.url)).length;
    const before = posts();
    try {
      await expect(
        resetPassword(helpdesk.graph(), u.id, { newPassword: 'Velvet-Harbor-Lantern-42', canReadOperation: false }),
      ).rejects.toMatchObject({ code: 'outcome_unknown' });
    } finally {
      t.tenant.knobs.set({ faults: [] });
    }
    expect(posts() - before).toBe(1);
  });

  it('says throttled once retries are spent', async () => {
    t.tenant.knobs.set({ throttle: { everyNth: 1, retryAfterSeconds: 0 } });
    try {
      await expect(searchUsers(helpdesk.graph(), 'zz@')).rejects.toMatchObject({ code: 'throttled' });
    } finally {
      t.tenant.knobs.set({ throttle: { everyNth: 0 } });
    }
  });

  it('says network when Graph cannot be reached on a read', async () => {
    t.tenant.knobs.set({ faults: [{ pattern: '^GET /users', fault: { kind: 'connection-reset' }, times: 1 }] });
    try {
      await expect(searchUsers(helpdesk.graph(), 'yy@')).rejects.toMatchObject({ code: 'network' });
    } finally {
      t.tenant.knobs.set({ faults: [] });
    }
  });
});

describe('mapped Graph refusals', () => {
  it('insufficient_role: a Helpdesk Administrator resetting a Global Administrator', async () => {
    const ga = users().find(
      (x) => x.roleTemplateIds.includes(ROLE_TEMPLATE_IDS.globalAdministrator) && x.onPremisesSyncEnabled !== true,
    )!;
    await expect(
      resetPassword(helpdesk.graph(), ga.id, { newPassword: 'Velvet-Harbor-Lantern-42', canReadOperation: false }),
    ).rejects.toMatchObject({ code: 'insufficient_role' });
  });

  it('password_policy: a password the tenant refuses', async () => {
    const u = plainMember((x) => x.onPremisesSyncEnabled !== true);
    await expect(
      resetPassword(helpdesk.graph(), u.id, { newPassword: 'password', canReadOperation: false }),
    ).rejects.toMatchObject({
      code: 'password_policy',
    });
  });

  it('tap_policy: a pass longer than the policy allows', async () => {
    const u = plainMember();
    await expect(
      createTemporaryAccessPass(authAdmin.graph(), u.id, { lifetimeInMinutes: 43200, isUsableOnce: true }),
    ).rejects.toMatchObject({ code: 'tap_policy' });
  });
});

describe('tenant-dependent refusals', () => {
  it('licence_required and writeback_unavailable in a tenant without P1 or writeback', async () => {
    const bare = await startTestTenant({ users: 80, premium: false, writeback: false, knobs: SHORT_WINDOWS });
    try {
      const session = createSession(bare, () => agentByLabel(bare, 'authentication-admin'));
      await session.signIn('interactive');
      const pages = registrationDetailsPages(session.graph());
      await expect(pages.next()).rejects.toMatchObject({ code: 'licence_required' });
      const synced = bare.tenant.directory.users.find(
        (x) =>
          x.onPremisesSyncEnabled === true &&
          x.roleTemplateIds.length === 0 &&
          x.userType === 'Member' &&
          x.groupIds.length === 0,
      )!;
      // An Authentication Administrator may read the operation, so the failure is known.
      const outcome = await resetPassword(session.graph(), synced.id, {
        newPassword: 'Velvet-Harbor-Lantern-42',
        canReadOperation: true,
      });
      expect(outcome).toMatchObject({ status: 'failed', code: 'writeback_unavailable' });
      // Nothing half-done: the synced user's password is unchanged.
      expect(bare.tenant.directory.checkPassword(synced.id, 'Velvet-Harbor-Lantern-42')).toBe(false);
      // A Helpdesk Administrator may not read the operation: the reset Microsoft accepted is reported as
      // not yet confirmed — never as failed — and is not posted again.
      const desk = createSession(bare, () => agentByLabel(bare, 'helpdesk'));
      await desk.signIn('interactive');
      const unconfirmed = await resetPassword(desk.graph(), synced.id, {
        newPassword: 'Velvet-Harbor-Lantern-43',
        canReadOperation: false,
        maxWaitMs: 1500,
      });
      expect(unconfirmed).toMatchObject({ status: 'pending', confirm: { canReadOperation: false } });
    } finally {
      await bare.close();
    }
  });

  it('names the missing consent when the roles come back with limited information', async () => {
    // The app asks for .default: the sign-in works with what was consented, and the gap is named.
    const narrow = await startTestTenant({ users: 40, consentedScopes: ['User.Read', 'User.Read.All'] });
    try {
      const session = createSession(narrow, () => agentByLabel(narrow, 'helpdesk'));
      await session.signIn('interactive');
      const agent = session.signedInAgent();
      expect(agent.grantedScopes).toEqual(expect.arrayContaining(['User.Read.All']));
      expect(agent.grantedScopes).not.toContain('RoleManagement.Read.Directory');
      expect(agent.roles).toEqual([]);
      expect(agent.roleGaps.join(' ')).toMatch(/RoleManagement\.Read\.Directory/);
    } finally {
      await narrow.close();
    }
  });

  it('a synced user reset by an Authentication Administrator is confirmed by its operation', async () => {
    const u = plainMember((x) => x.onPremisesSyncEnabled === true);
    const outcome = await resetPassword(authAdmin.graph(), u.id, {
      newPassword: 'Velvet-Harbor-Lantern-42',
      canReadOperation: true,
    });
    expect(outcome).toEqual({ status: 'succeeded', via: 'resetPassword', confirmedBy: 'operation' });
    expect(t.tenant.directory.checkPassword(u.id, 'Velvet-Harbor-Lantern-42')).toBe(true);
  });

  it('a Helpdesk Administrator’s resets (synced and cloud) are confirmed by lastPasswordChangeDateTime', async () => {
    for (const synced of [true, false]) {
      const u = plainMember((x) => (x.onPremisesSyncEnabled === true) === synced);
      const before = requests.length;
      const outcome = await resetPassword(helpdesk.graph(), u.id, {
        newPassword: 'Velvet-Harbor-Lantern-44',
        canReadOperation: false,
      });
      expect(outcome).toEqual({ status: 'succeeded', via: 'resetPassword', confirmedBy: 'lastPasswordChange' });
      expect(t.tenant.directory.checkPassword(u.id, 'Velvet-Harbor-Lantern-44')).toBe(true);
      const sent = requests.slice(before);
      // One POST, no read of the operation (403 for this role), and no PATCH of passwordProfile.
      expect(sent.filter((r) => r.method === 'POST' && /resetPassword$/i.test(r.url))).toHaveLength(1);
      expect(sent.filter((r) => /\/authentication\/operations\//i.test(r.url))).toHaveLength(0);
      expect(sent.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    }
  });
});
