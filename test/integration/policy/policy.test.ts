// The policy cache against the demo tenant: fetched as the agent, stored with its age, kept when Graph fails.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyService } from '../../../src/main/core/policy/service';
import { closeDatabase, migrate, openDatabase, type Database } from '../../../src/main/core/store';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { tempDir } from '../../unit/store/tempDb';
import { agentByLabel, createSession } from '../core/sessionHarness';

let t: TestTenant;
let db: Database;
let dispose: () => void;

beforeAll(async () => {
  t = await startTestTenant({ users: 60 });
  const tmp = tempDir();
  const file = join(tmp.dir, 'db.sqlite');
  db = openDatabase(file);
  migrate(db, file);
  dispose = () => {
    closeDatabase(db);
    tmp.dispose();
  };
});
afterAll(async () => {
  dispose();
  await t.close();
});

describe('policy cache', () => {
  it('reads the TAP policy, domains, licences and method policy, each with its fetch time', async () => {
    const session = createSession(t, () => agentByLabel(t, 'global-reader'));
    await session.signIn('interactive');
    const service = new PolicyService(db, session, () => Date.parse('2026-11-24T12:00:00Z'));
    const { snapshot } = await service.refreshAndGet();
    expect(snapshot.tap.value).toMatchObject({ state: 'enabled' });
    expect(snapshot.tap.value!.minimumLifetimeInMinutes).toBeLessThanOrEqual(
      snapshot.tap.value!.maximumLifetimeInMinutes,
    );
    expect(snapshot.domains.value!.some((d) => d.isDefault)).toBe(true);
    expect(snapshot.licences.value!.entraP1).toBe(true);
    expect(snapshot.authMethods.value!.map((m) => m.id)).toEqual(
      expect.arrayContaining(['TemporaryAccessPass', 'Sms']),
    );
    // Writeback is readable by a Global Administrator only (policy-writeback.test.ts).
    for (const [name, part] of Object.entries(snapshot)) {
      if (name === 'writeback') continue;
      expect(part.fetchedAt).toBe('2026-11-24T12:00:00.000Z');
      expect(part.error).toBeNull();
    }
  });

  it('keeps the last good values and records why when a refresh fails', async () => {
    const session = createSession(t, () => agentByLabel(t, 'global-reader'));
    await session.signIn('interactive');
    const service = new PolicyService(db, session);
    await service.refreshAndGet();
    t.tenant.knobs.set({
      faults: [
        {
          pattern: '^GET /(domains|subscribedSkus|policies)',
          fault: { kind: 'status', status: 503, retryAfterSeconds: 0 },
        },
      ],
    });
    try {
      const { snapshot } = await service.refreshAndGet();
      expect(snapshot.domains.value).not.toBeNull();
      expect(snapshot.domains.error).toMatchObject({ code: 'graph_error' });
      expect(snapshot.tap.error).not.toBeNull();
    } finally {
      t.tenant.knobs.set({ faults: [] });
    }
  });

  it('says there is no P1 licence in a tenant without one', async () => {
    const bare = await startTestTenant({ users: 30, premium: false });
    try {
      const session = createSession(bare, () => agentByLabel(bare, 'global-reader'));
      await session.signIn('interactive');
      const { snapshot } = await new PolicyService(db, session).refreshAndGet();
      expect(snapshot.licences.value).toMatchObject({ entraP1: false, entraP2: false });
    } finally {
      await bare.close();
    }
  });
});

describe('background refresh', () => {
  it('does not refetch on every read when a part keeps failing, and tries again after a while', async () => {
    const session = createSession(t, () => agentByLabel(t, 'helpdesk'));
    await session.signIn('interactive');
    let now = Date.parse('2026-11-24T12:00:00Z');
    const service = new PolicyService(db, session, () => now);
    const graphCalls = () => t.tenant.knobs.stats().graphHttpRequests;

    // A read that starts a background refresh says so at once (`refreshing`): the signal the reads below check.
    expect(service.get().refreshing).toBe(true);
    await service.refresh(); // joins the background refresh the read started
    const afterFirst = graphCalls();
    // Helpdesk cannot read the TAP policy: that part stays unfetched, yet reads stay cheap.
    const read = service.get();
    expect(read.snapshot.tap.error).not.toBeNull();
    expect(read.refreshing).toBe(false);
    for (let i = 0; i < 5; i++) expect(service.get().refreshing).toBe(false);
    expect(graphCalls()).toBe(afterFirst);

    now += 3 * 60 * 1000;
    expect(service.get().refreshing).toBe(true);
    await service.refresh();
    expect(graphCalls()).toBeGreaterThan(afterFirst);
  });
});
