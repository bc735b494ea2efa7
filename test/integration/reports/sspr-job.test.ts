// The Self-service screen's Refresh as the `sspr-refresh` job, through the real router, runner and event
// bus, the real MSAL and Graph client against the demo tenant (its audit log answering slowly, page by
// page): `jobs:progress` events count the audit entries as each page is stored, the job ends with what it
// received and the cache covers the range; a cancel stops it between pages, keeps what was stored and
// leaves the range unfetched; an agent whose role cannot read the audit log is told which roles can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { ADMIN_RESET, SSPR_SERVICE } from '../../../src/main/core/reports/sspr';
import type { Job } from '../../../src/shared/jobs';
import type { SsprPage } from '../../../src/shared/sspr';
import { createJobsHarness, type JobsHarness } from '../../support/jobsHarness';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';

const DAY = 86_400_000;
const EXTRA = 250;
let t: TestTenant;
let lead: JobsHarness;

function member(): DemoUser {
  const u = t.tenant.directory.users.find((x) => x.userType === 'Member' && x.accountEnabled);
  if (!u) throw new Error('seed has no member');
  return u;
}

/** Self-service attempts of one user over the last day: enough audit entries for several pages of 100. */
function addAttempts(n: number): void {
  const user = member();
  const who = { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName };
  for (let i = 0; i < n; i++) {
    t.tenant.directory.addAudit({
      category: 'UserManagement',
      correlationId: `job-${i}`,
      result: 'failure',
      resultReason: '',
      activityDisplayName: 'Self-service password reset flow activity progress',
      activityDateTime: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      loggedByService: SSPR_SERVICE,
      operationType: 'Update',
      initiatedBy: { user: who, app: null },
      targetResources: [{ ...who, type: 'User', modifiedProperties: [] }],
      additionalDetails: [],
    });
  }
}

/** Entra answers each page of its audit log after `ms`. */
function slowAuditLog(ms: number): void {
  t.tenant.knobs.set({
    faults: [{ pattern: '^GET /auditLogs/directoryAudits', fault: { kind: 'slow', delayMs: ms } }],
  });
}

function inRange(r: { from: string; to: string }) {
  return t.tenant.directory.audits.filter((a) => {
    const at = Date.parse(a.activityDateTime);
    const relevant = a.loggedByService === SSPR_SERVICE || a.activityDisplayName === ADMIN_RESET;
    return relevant && at >= Date.parse(r.from) && at <= Date.parse(r.to);
  });
}

const rangeBack = (days: number) => ({
  from: new Date(Date.now() - days * DAY).toISOString(),
  to: new Date(Date.now() + 60_000).toISOString(),
});

beforeAll(async () => {
  t = await startTestTenant({ users: 120 });
  addAttempts(EXTRA);
  lead = await createJobsHarness(t, 'team-lead');
}, 60_000);
afterAll(async () => {
  lead?.dispose();
  await t?.close();
});

describe('the sspr-refresh job', () => {
  it('tells its progress in audit entries as pages arrive, and ends with the entries received', async () => {
    const r = rangeBack(2);
    const expected = inRange(r).length;
    expect(expected).toBeGreaterThan(2 * 100);
    slowAuditLog(150);
    let job: Job;
    try {
      const started = await lead.call<Job>('jobs:start', { kind: 'sspr-refresh', ...r });
      expect(started).toMatchObject({ kind: 'sspr-refresh', params: { kind: 'sspr-refresh', ...r } });
      job = await lead.ended(started.id);
    } finally {
      t.tenant.knobs.set({ faults: [] });
    }
    expect(job).toMatchObject({
      state: 'done',
      progress: { done: expected, total: null },
      result: { type: 'sspr', received: expected },
      error: null,
    });
    // Pushed while it ran: counts between none and all, never going back.
    const seen = lead.events.filter((e) => e.id === job.id);
    const running = seen.filter((e) => e.state === 'running').map((e) => e.progress.done);
    expect(running.some((done) => done > 0 && done < expected)).toBe(true);
    expect([...running].sort((a, b) => a - b)).toEqual(running);
    expect(seen.at(-1)).toMatchObject({ state: 'done', progress: { done: expected } });
    // The cache covers the range now, fetched when the job says.
    const page = await lead.call<SsprPage>('sspr:list', { ...r, limit: 500 });
    expect(page.fetchedAt).toBe(job.result?.type === 'sspr' ? job.result.fetchedAt : 'no result');
    expect(page.events).toHaveLength(expected);
  });

  it('stops between pages on cancel: what was stored stays cached, the range is not marked fetched', async () => {
    // A wider range than the first test's, so no earlier fetch covers it.
    const r = rangeBack(20);
    slowAuditLog(700);
    let cancelled: Job;
    try {
      const started = await lead.call<Job>('jobs:start', { kind: 'sspr-refresh', ...r });
      await lead.eventWhere(started.id, (e) => e.state === 'running' && e.progress.done > 0);
      cancelled = await lead.call<Job>('jobs:cancel', { jobId: started.id });
    } finally {
      t.tenant.knobs.set({ faults: [] });
    }
    expect(cancelled).toMatchObject({ state: 'cancelled', result: null, error: null });
    expect(cancelled.progress.done).toBeGreaterThan(0);
    expect(cancelled.progress.done).toBeLessThan(inRange(r).length);
    expect((await lead.ended(cancelled.id)).state).toBe('cancelled');
    const page = await lead.call<SsprPage>('sspr:list', { ...r, limit: 500 });
    expect(page.fetchedAt).toBeNull();
    expect(page.events.length).toBeGreaterThanOrEqual(cancelled.progress.done);
  });

  it("ends failed for a role that cannot read Entra's audit log, naming the roles that can", async () => {
    const helpdesk = await createJobsHarness(t, 'helpdesk');
    try {
      const started = await helpdesk.call<Job>('jobs:start', { kind: 'sspr-refresh', ...rangeBack(1) });
      const job = await helpdesk.ended(started.id);
      expect(job).toMatchObject({ state: 'failed', result: null, error: { code: 'insufficient_role' } });
      for (const role of ['Reports Reader', 'Security Reader', 'Global Reader'])
        expect(job.error?.message).toContain(role);
      expect(job.error?.message).not.toMatch(/zod|undefined|Error:/);
    } finally {
      helpdesk.dispose();
    }
  });
});
