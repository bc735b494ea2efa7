// A tenant without Entra ID P1: the report answers 403, so the ingest fails with licence_required
// and says the $batch fallback exists; the estimate states its cost first; the fallback builds every
// user's row from their methods (and roles) through $batch, riding out per-item and whole-batch 429s,
// with methodsRegistered exactly as the report would list them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSession } from '../../../src/main/core/auth/session';
import { ExportFiles } from '../../../src/main/core/exports';
import { createJobHandlers, jobAuthorizer } from '../../../src/main/core/handlers/jobs';
import { createRegistrationHandlers } from '../../../src/main/core/handlers/registration';
import { JobRunner } from '../../../src/main/core/jobs';
import { PolicyService } from '../../../src/main/core/policy/service';
import { RegistrationService, registrationJobKinds } from '../../../src/main/core/registration';
import { registrationDetails } from '../../../src/demo-tenant/graph/reports';
import { JobStartInput, type Job } from '../../../src/shared/jobs';
import type { RegistrationRow, SnapshotSource } from '../../../src/shared/registration';
import { tempDb, type TempDb } from '../../unit/store/tempDb';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession } from '../../support/sessionHarness';

let t: TestTenant;
let store: TempDb;
let session: AgentSession;
let service: RegistrationService;
let handlers: ReturnType<typeof createRegistrationHandlers>['registration'];
let runner: JobRunner;
let jobs: ReturnType<typeof createJobHandlers>['jobs'];
const ctx = { transport: 'ipc' as const };

beforeAll(async () => {
  t = await startTestTenant({ users: 300, premium: false });
  // Each user's methods count against the reports limit (5 requests per 10 s per app per tenant,
  // concepts/throttling-limits.md): 300 users would take 10 minutes as documented. This test is about
  // the fallback's mechanics, so both sides run the documented limit 100 times faster (same shape).
  t.tenant.knobs.set({ throttlingTimeScale: 0.01 });
  store = tempDb();
  session = createSession(t, () => agentByLabel(t, 'global-reader'), { graphTimeScale: 0.01 });
  await session.signIn('interactive');
  service = new RegistrationService({ db: store.db, session, policy: new PolicyService(store.db, session) });
  handlers = createRegistrationHandlers({ service }).registration;
  const files = new ExportFiles({ dir: store.dir });
  runner = new JobRunner({
    kinds: registrationJobKinds({ db: store.db, files, registration: service }),
    authorize: jobAuthorizer(session),
  });
  jobs = createJobHandlers(runner).jobs;
}, 120_000);
afterAll(async () => {
  runner.dispose();
  t.tenant.knobs.set({ throttle: { everyNth: 0 }, faults: [] });
  store.dispose();
  await t.close();
});

async function listAll(): Promise<RegistrationRow[]> {
  const out: RegistrationRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await handlers.list({ query: {} as never, offset, limit: 500 }, ctx);
    out.push(...page.rows);
    if (out.length >= page.total) return out;
  }
}

/** A snapshot job (jobs:start as the router hands it on: parsed). */
const startIngest = async (source: SnapshotSource): Promise<Job> =>
  jobs.start(JobStartInput.parse({ kind: 'registration-ingest', source, resume: true }), ctx);

describe('registration without Entra ID P1', () => {
  it('fails the report ingest with licence_required and offers the fallback', async () => {
    const done = await runner.settled((await startIngest('report')).id);
    expect(done).toMatchObject({ state: 'failed', resumable: false, error: { code: 'licence_required' } });
    expect(done.error!.message).toMatch(/P1/);
    expect(done.error!.message).toMatch(/fallback/i);
    expect((await handlers.getStats(undefined, ctx)).snapshot).toBeNull();
  });

  it('states the fallback’s cost before it starts', async () => {
    const users = t.tenant.directory.users.length;
    const estimate = await handlers.estimateFallback(undefined, ctx);
    expect(estimate).toMatchObject({
      users,
      requests: users * 2,
      batches: Math.ceil((users * 2) / 20),
      concurrency: 4,
    });
    expect(estimate.estimatedSeconds).toBeGreaterThan(0);
  });

  it('builds every row through $batch, riding out throttling, with the report’s methodsRegistered', async () => {
    const before = t.tenant.knobs.stats().throttled;
    const started = await startIngest('batch-fallback');
    expect(started.state).toBe('running');
    // Every 7th Graph request (batch items count one by one) answers 429.
    t.tenant.knobs.set({ throttle: { everyNth: 7, retryAfterSeconds: 0 } });
    const done = await runner.settled(started.id);
    t.tenant.knobs.set({ throttle: { everyNth: 0 } });
    const users = t.tenant.directory.users.length;
    expect(t.tenant.knobs.stats().throttled).toBeGreaterThan(before);
    expect(done).toMatchObject({
      state: 'done',
      progress: { done: users },
      result: { type: 'snapshot', source: 'batch-fallback', users },
    });
    expect(done.counts.throttledWaits).toBeGreaterThan(0);

    const rows = new Map((await listAll()).map((r) => [r.userId, r]));
    expect(rows.size).toBe(t.tenant.directory.users.length);
    for (const u of t.tenant.directory.users) {
      const want = registrationDetails(t.tenant.directory, u);
      const got = rows.get(u.id)!;
      expect([...got.methodsRegistered].sort(), u.userPrincipalName).toEqual([...want.methodsRegistered].sort());
      expect(got.isAdmin, u.userPrincipalName).toBe(want.isAdmin);
      expect(got.isMfaRegistered, u.userPrincipalName).toBe(want.isMfaRegistered);
      expect(got.department).toBe(u.department);
    }
    const stats = await handlers.getStats(undefined, ctx);
    expect(stats.snapshot).toMatchObject({ source: 'batch-fallback', users: t.tenant.directory.users.length });
  });
});
