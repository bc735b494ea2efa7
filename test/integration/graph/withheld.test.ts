// The Graph gateway answers what Graph returned, knowledge answers included (the employee id's last
// four digits, the hire date); applying verification's rule (verify/cardFields.ts) is the services'
// and handlers' job. Through the real handlers, every channel that carries a user to the renderer
// still withholds them: users:search, users:get-caller and call:open / call:get-methods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCaller } from '../../../src/main/core/graph/callerCard';
import { searchUsers } from '../../../src/main/core/graph/users';
import type { CallView } from '../../../src/shared/caller';
import type { CallerCard, UserSearchResult, UserSummary } from '../../../src/shared/users';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { createCallerHarness, openWhole, SHORT_WINDOWS, type CallerHarness } from '../../support/callerHarness';

let t: TestTenant;
let h: CallerHarness;
let u: DemoUser;

beforeAll(async () => {
  t = await startTestTenant({ users: 40, knobs: SHORT_WINDOWS });
  h = await createCallerHarness(t, 'helpdesk');
  const found = t.tenant.directory.users.find(
    (x) =>
      x.userType === 'Member' &&
      x.accountEnabled &&
      x.roleTemplateIds.length === 0 &&
      x.employeeHireDate !== null &&
      /\d{4}$/.test(x.employeeId ?? ''),
  );
  if (!found) throw new Error('the seed has no member with an employee id and a hire date');
  u = found;
});
afterAll(async () => {
  h?.dispose();
  await t?.close();
});

const lastFour = (employeeId: string | null) => (employeeId ?? '').replace(/\D/g, '').slice(-4);

/** What a knowledge question asks must not be on what the renderer gets; the rest of the user stays. */
function expectWithheld(user: UserSummary & { employeeHireDate?: string | null }) {
  expect(user.id).toBe(u.id);
  expect(user.employeeId).not.toContain(lastFour(u.employeeId));
  expect(user.employeeId).toMatch(/••••$/);
  expect(user.employeeId).toHaveLength(u.employeeId!.length);
  if ('employeeHireDate' in user) expect(user.employeeHireDate).toBeNull();
  expect(user.displayName).toBe(u.displayName);
}

describe('the gateway answers what Graph returned', () => {
  it('keeps the employee id whole in a search', async () => {
    const [hit] = (await searchUsers(h.session.graph(), u.employeeId!)).users;
    expect(hit).toMatchObject({ id: u.id, employeeId: u.employeeId });
  });

  it('keeps the employee id and the hire date on the card', async () => {
    const card = await getCaller(h.session.graph(), u.id);
    expect(card.user.employeeId).toBe(u.employeeId);
    expect(card.user.employeeHireDate).not.toBeNull();
    expect(card.user.employeeHireDate?.slice(0, 10)).toBe(u.employeeHireDate?.slice(0, 10));
  });
});

describe('what reaches the renderer is withheld', () => {
  it('users:search, by employee id and by name', async () => {
    const byId = await h.call<UserSearchResult>('users:search', { text: u.employeeId });
    expect(byId.matchedBy).toBe('employee-id-or-phone');
    expect(byId.users).toHaveLength(1);
    expectWithheld(byId.users[0]!);
    const byName = await h.call<UserSearchResult>('users:search', { text: u.displayName });
    const hit = byName.users.find((x) => x.id === u.id);
    expect(hit).toBeDefined();
    expectWithheld(hit!);
    for (const other of byName.users) expect(other.employeeId ?? '••••').toMatch(/••••$/);
  });

  it('users:get-caller', async () => {
    const card = await h.call<CallerCard>('users:get-caller', { id: u.id });
    expectWithheld(card.user);
  });

  it('call:open and call:get-methods', async () => {
    const opened = await h.call<CallView>('call:open', { targetId: u.id });
    expectWithheld(opened.card.user);
    const whole = await openWhole(h, u.id);
    expectWithheld(whole.card.user);
    for (const view of [opened, whole]) {
      expect(JSON.stringify(view)).not.toContain(u.employeeId!);
      expect(JSON.stringify(view)).not.toContain(u.employeeHireDate!.slice(0, 10));
    }
  });
});
