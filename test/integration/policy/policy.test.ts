// The policy cache against the demo tenant: fetched as the agent, stored with its age, kept when Graph fails.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyService } from '../../../src/main/core/policy/service';
import type { PolicyView } from '../../../src/shared/contract';
import type { Job } from '../../../src/shared/jobs';
import { POLICY_PARTS } from '../../../src/shared/policy';
import { closeDatabase, migrate, openDatabase, type Database } from '../../../src/main/core/store';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { tempDir } from '../../unit/store/tempDb';
import { createCallerHarness, settledJob } from '../../support/callerHarness';
import { agentByLabel, createSession } from '../../support/sessionHarness';

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

describe('stale parts and the refresh job', () => {
  it('does not ask for a refresh on every read when a part keeps failing, and asks again after a while', async () => {
    const session = createSession(t, () => agentByLabel(t, 'helpdesk'));
    await session.signIn('interactive');
    let now = Date.parse('2026-11-24T12:00:00Z');
    const service = new PolicyService(db, session, () => now);
    const graphCalls = () => t.tenant.knobs.stats().graphHttpRequests;

    expect(service.isStale()).toBe(true);
    const outcome = await service.refresh();
    // Helpdesk cannot read the TAP policy (nor writeback): those parts fail and keep why.
    expect(outcome).toEqual({ parts: POLICY_PARTS.length, failed: expect.any(Number) as number });
    expect(outcome.failed).toBeGreaterThan(0);
    const afterFirst = graphCalls();
    const read = service.get();
    expect(read.snapshot.tap.error).not.toBeNull();
    expect(read.refreshing).toBe(false);
    // Reads stay cheap: nothing asks for another refresh, and no read goes to Graph.
    for (let i = 0; i < 5; i++) expect(service.isStale()).toBe(false);
    expect(graphCalls()).toBe(afterFirst);

    now += 3 * 60 * 1000;
    expect(service.isStale()).toBe(true);
  });

  it('policy:get starts a policy-refresh job for a stale cache; the job fills it; a second start answers the same job', async () => {
    const h = await createCallerHarness(t, 'global-reader');
    try {
      const first = await h.call<PolicyView>('policy:get');
      expect(first.snapshot.tap.fetchedAt).toBeNull();
      expect(first.refreshJobId).not.toBeNull();
      const again = await h.call<Job>('jobs:start', { kind: 'policy-refresh' });
      const job = await settledJob(h, first.refreshJobId!);
      // Started while it ran, the same job answered; ended already, a new start would be a new job.
      if (again.state !== 'done') expect(again.id).toBe(first.refreshJobId);
      expect(job).toMatchObject({
        kind: 'policy-refresh',
        state: 'done',
        progress: { done: POLICY_PARTS.length, total: POLICY_PARTS.length },
        // Writeback is readable by a Global Administrator only (policy-writeback.test.ts): one part fails.
        result: { type: 'policy', parts: POLICY_PARTS.length, failed: 1 },
      });
      const filled = await h.call<PolicyView>('policy:get');
      expect(filled.snapshot.tap.fetchedAt).not.toBeNull();
      expect(filled.snapshot.tap.value).toMatchObject({ state: 'enabled' });
      // Fresh now: a read starts nothing.
      expect(filled).toMatchObject({ refreshing: false, refreshJobId: null });
      // On demand (the Policy screen's Refresh), the same kind of job.
      const onDemand = await h.call<Job>('jobs:start', { kind: 'policy-refresh' });
      expect((await settledJob(h, onDemand.id)).result).toMatchObject({ type: 'policy', failed: 1 });
    } finally {
      h.dispose();
    }
  });
});
