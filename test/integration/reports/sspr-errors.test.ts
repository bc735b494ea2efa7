// What the SSPR view tells an agent who cannot read Entra's audit logs, through the REAL MSAL and
// Graph client against the demo tenant: a token without AuditLog.Read.All, a role that cannot read
// audit logs, and a tenant without Entra ID P1 (which, as Microsoft documents, still reads them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSspr } from '../../../src/main/core/reports/sspr';
import { tempDb, type TempDb } from '../../unit/store/tempDb';
import { createPca, graphClient, startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession } from '../../support/sessionHarness';

const DAY = 86_400_000;
let t: TestTenant;
let store: TempDb;

beforeAll(async () => {
  t = await startTestTenant({ users: 60 });
  store = tempDb();
});
afterAll(async () => {
  store.dispose();
  await t.close();
});

const range = () => ({ from: new Date(Date.now() - 7 * DAY).toISOString(), to: new Date().toISOString() });

describe('reading the audit log without what it needs', () => {
  it('names AuditLog.Read.All when the token lacks it, with Graph request id kept', async () => {
    const lead = agentByLabel(t, 'team-lead');
    // A token for a Reports Reader, but only for user scopes: Graph refuses for the missing permission.
    const token = await createPca(t).acquireTokenByUsernamePassword({
      scopes: ['User.Read.All'],
      username: lead.upn,
      password: lead.password,
    });
    if (!token) throw new Error('no token');
    const client = graphClient(t, () => Promise.resolve(token.accessToken));
    const failure = refreshSspr(store.db, client, 'demo:narrow', range(), Date.now());
    await expect(failure).rejects.toMatchObject({
      code: 'consent_required',
      message: expect.stringContaining('AuditLog.Read.All'),
    });
    await expect(failure).rejects.toMatchObject({ requestId: expect.any(String) });
  });

  it('names the roles that can read audit logs when the agent holds none of them', async () => {
    const helpdesk = createSession(t, () => agentByLabel(t, 'helpdesk'));
    await helpdesk.signIn('interactive');
    const failure = refreshSspr(store.db, helpdesk.graph(), 'demo:helpdesk', range(), Date.now());
    await expect(failure).rejects.toMatchObject({ code: 'insufficient_role' });
    const message = await failure.catch((e: Error) => e.message);
    for (const role of ['Reports Reader', 'Security Reader', 'Global Reader']) expect(message).toContain(role);
  });

  it('reads audit logs in a tenant without Entra ID P1, as every edition of Entra ID can', async () => {
    const free = await startTestTenant({ users: 40, premium: false });
    try {
      const lead = createSession(free, () => agentByLabel(free, 'team-lead'));
      await lead.signIn('interactive');
      const r = range();
      const result = await refreshSspr(store.db, lead.graph(), 'demo:free', r, Date.now());
      const expected = free.tenant.directory.audits.filter(
        (a) =>
          a.loggedByService === 'Self-service Password Management' &&
          Date.parse(a.activityDateTime) >= Date.parse(r.from) &&
          Date.parse(a.activityDateTime) <= Date.parse(r.to),
      );
      expect(result.received).toBe(expected.length);
    } finally {
      await free.close();
    }
  });
});
