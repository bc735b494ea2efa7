// SSPR activity through the real MSAL and Graph client against the demo tenant: the seeded
// self-service events and an admin reset done during the test land in the cache (the `sspr-refresh`
// job, run by the real JobRunner); list, stats and the caller's attempts read it back; a role that
// cannot read audit logs gets a typed error; a storm of 429s during ingest is ridden out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSession } from '../../../src/main/core/auth/session';
import { resetPassword } from '../../../src/main/core/graph/actions';
import { createHistoryHandlers } from '../../../src/main/core/handlers/history';
import { jobAuthorizer } from '../../../src/main/core/handlers/jobs';
import { JobRunner } from '../../../src/main/core/jobs';
import { ADMIN_RESET, SSPR_SERVICE, ssprKind } from '../../../src/main/core/reports/sspr';
import { ssprRefreshKind } from '../../../src/main/core/reports/ssprJob';
import type { Job, SsprJobResult } from '../../../src/shared/jobs';
import type { DemoAuditEntry, DemoUser } from '../../../src/demo-tenant/model-types';
import { SsprListInput, SsprRangeInput, type SsprEvent } from '../../../src/shared/sspr';
import { tempDb, type TempDb } from '../../unit/store/tempDb';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession, SHORT_WINDOWS } from '../../support/sessionHarness';

const DAY = 86_400_000;
let t: TestTenant;
let store: TempDb;
let lead: AgentSession;
let helpdesk: AgentSession;
let handlers: ReturnType<typeof createHistoryHandlers>;
let now: number;

beforeAll(async () => {
  t = await startTestTenant({ users: 300, knobs: SHORT_WINDOWS });
  store = tempDb();
  lead = createSession(t, () => agentByLabel(t, 'team-lead'));
  await lead.signIn('interactive');
  helpdesk = createSession(t, () => agentByLabel(t, 'helpdesk'));
  await helpdesk.signIn('interactive');
  now = Date.now();
  handlers = createHistoryHandlers({
    db: store.db,
    session: lead,
    now: () => now,
  });
});
afterAll(async () => {
  t.tenant.knobs.set({ throttle: { everyNth: 0 }, faults: [] });
  store.dispose();
  await t.close();
});

/** The Self-service screen's Refresh: an `sspr-refresh` job of the agent's, run to its end. */
async function refreshAs(session: AgentSession, r: { from: string; to: string }): Promise<Job> {
  const jobs = new JobRunner({
    kinds: { 'sspr-refresh': ssprRefreshKind({ db: store.db, session, now: () => now }) },
    authorize: jobAuthorizer(session),
  });
  const started = await jobs.start({ kind: 'sspr-refresh', ...r });
  return jobs.settled(started.id);
}
async function refresh(r: { from: string; to: string }): Promise<SsprJobResult> {
  const job = await refreshAs(lead, r);
  if (job.result?.type !== 'sspr') throw new Error(`the refresh ended ${job.state}: ${JSON.stringify(job.error)}`);
  return job.result;
}

const range = () =>
  SsprRangeInput.parse({ from: new Date(now - 31 * DAY).toISOString(), to: new Date(now + 60_000).toISOString() });
const audits = () => t.tenant.directory.audits;
const relevant = (a: DemoAuditEntry) => a.loggedByService === SSPR_SERVICE || a.activityDisplayName === ADMIN_RESET;
function inRange(a: DemoAuditEntry, r: { from: string; to: string }): boolean {
  const at = Date.parse(a.activityDateTime);
  return at >= Date.parse(r.from) && at <= Date.parse(r.to);
}
async function listAll(filter: Record<string, unknown>): Promise<SsprEvent[]> {
  const out: SsprEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await handlers.sspr.list(
      SsprListInput.parse({ ...range(), ...filter, limit: 7, ...(cursor ? { cursor } : {}) }),
      { transport: 'ipc' },
    );
    out.push(...page.events);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
function member(): DemoUser {
  const u = t.tenant.directory.users.find(
    (x) =>
      x.userType === 'Member' &&
      x.accountEnabled &&
      !x.onPremisesSyncEnabled &&
      x.roleTemplateIds.length === 0 &&
      !x.groupIds.some((g) => t.tenant.directory.groups.get(g)?.isAssignableToRole) &&
      !t.tenant.directory.agents.some((a) => a.userId === x.id),
  );
  if (!u) throw new Error('seed has no plain cloud member');
  return u;
}

describe('SSPR activity', () => {
  it('ingests the seeded self-service events and an admin reset done during the test', async () => {
    const target = member();
    await resetPassword(helpdesk.graph(), target.id, {
      newPassword: 'Correct-Horse-42-Battery!',
      canReadOperation: false,
    });
    const r = range();
    const refreshed = await refresh(r);
    const expected = audits().filter((a) => relevant(a) && inRange(a, r));
    expect(expected.some((a) => a.activityDisplayName === 'Reset password (self-service)')).toBe(true);
    expect(refreshed.fetchedAt).toBe(new Date(now).toISOString());

    const listed = await listAll({});
    expect(new Set(listed.map((e) => e.id))).toEqual(new Set(expected.map((a) => a.id)));
    // Newest first, across pages.
    const times = listed.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const mine = listed.find((e) => e.kind === 'admin-reset' && e.userId === target.id);
    expect(mine).toMatchObject({
      result: 'success',
      userUpn: target.userPrincipalName,
      actorUpn: agentByLabel(t, 'helpdesk').upn,
    });
    expect((await handlers.sspr.list(SsprListInput.parse(r), { transport: 'ipc' })).fetchedAt).toBe(
      refreshed.fetchedAt,
    );
  });

  it('narrows by activity and by user, as the audit log says', async () => {
    const r = range();
    const blocked = await listAll({ activity: 'blocked' });
    expect(blocked.map((e) => e.id).sort()).toEqual(
      audits()
        .filter((a) => relevant(a) && inRange(a, r) && ssprKind(a.activityDisplayName) === 'blocked')
        .map((a) => a.id)
        .sort(),
    );
    expect(blocked.length).toBeGreaterThan(0);
    const someone = blocked[0]?.userId as string;
    const theirs = await listAll({ userId: someone });
    expect(theirs.map((e) => e.id).sort()).toEqual(
      audits()
        .filter((a) => relevant(a) && inRange(a, r) && a.targetResources?.[0]?.id === someone)
        .map((a) => a.id)
        .sort(),
    );
  });

  it('counts self-service vs. admin resets and blocked attempts per day', async () => {
    const r = range();
    const stats = await handlers.sspr.getStats(r, { transport: 'ipc' });
    // helpdesk: Resetline's own resets (its audit trail, as History counts them): none through Resetline here.
    type Day = { selfService: number; helpdesk: number; entraAdminResets: number; blocked: number };
    const expected = new Map<string, Day>();
    for (const a of audits().filter((x) => relevant(x) && inRange(x, r))) {
      const day = a.activityDateTime.slice(0, 10);
      const e = expected.get(day) ?? { selfService: 0, helpdesk: 0, entraAdminResets: 0, blocked: 0 };
      const kind = ssprKind(a.activityDisplayName);
      if (kind === 'self-service-reset' && a.result === 'success') e.selfService += 1;
      if (kind === 'admin-reset' && a.result === 'success') e.entraAdminResets += 1;
      if (kind === 'blocked') e.blocked += 1;
      expected.set(day, e);
    }
    expect(stats.perDay).toEqual(
      [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, v]) => ({ day, ...v })),
    );
    expect(stats.perDay.reduce((n, d) => n + d.entraAdminResets, 0)).toBeGreaterThan(0);
  });

  it('tells the agent a caller tried self-service three times today and was blocked', async () => {
    const caller = member();
    const entry = (activity: string, result: 'success' | 'failure', minutesAgo: number) =>
      t.tenant.directory.addAudit({
        category: 'UserManagement',
        correlationId: `c-${minutesAgo}`,
        result,
        resultReason: '',
        activityDisplayName: activity,
        activityDateTime: new Date(now - minutesAgo * 60_000).toISOString(),
        loggedByService: SSPR_SERVICE,
        operationType: 'Update',
        initiatedBy: {
          user: { id: caller.id, displayName: caller.displayName, userPrincipalName: caller.userPrincipalName },
          app: null,
        },
        targetResources: [
          {
            id: caller.id,
            displayName: caller.displayName,
            type: 'User',
            userPrincipalName: caller.userPrincipalName,
            modifiedProperties: [],
          },
        ],
        additionalDetails: [],
      });
    const midnight = Math.floor(now / DAY) * DAY;
    const minutesToday = Math.floor((now - midnight) / 60_000);
    entry('Reset password (self-service)', 'failure', 3 * 24 * 60); // earlier this week
    // Today (or, just after midnight UTC, within the minutes there are).
    entry('Self-service password reset flow activity progress', 'failure', Math.min(30, minutesToday));
    entry('Reset password (self-service)', 'failure', Math.min(20, minutesToday));
    entry('Blocked from self-service password reset', 'failure', Math.min(10, minutesToday));
    entry('User registered for self-service password reset', 'success', Math.min(5, minutesToday));

    const result = await handlers.sspr.getCallerAttempts({ userId: caller.id }, { transport: 'ipc' });
    expect(result.refreshError).toBeNull();
    expect(result.today).toEqual({ attempts: 3, blocked: true, succeeded: false });
    expect(result.attempts.map((a) => a.kind)).toEqual([
      'blocked',
      'self-service-reset',
      'progress',
      'self-service-reset',
    ]);
    expect(result.fetchedAt).toBe(new Date(now).toISOString());
  });

  it('rides out a storm of 429s during ingest and caches the same events', async () => {
    const r = range();
    const before = (await listAll({})).map((e) => e.id).sort();
    const throttledBefore = t.tenant.knobs.stats().throttled;
    t.tenant.knobs.set({ throttle: { everyNth: 2, retryAfterSeconds: 0 } });
    try {
      await refresh(r);
    } finally {
      t.tenant.knobs.set({ throttle: { everyNth: 0 } });
    }
    expect(t.tenant.knobs.stats().throttled).toBeGreaterThan(throttledBefore);
    expect((await listAll({})).map((e) => e.id).sort()).toEqual(before);
  });

  it('names the missing role when the agent cannot read audit logs, and keeps the caller card working from cache', async () => {
    const staff = createSession(t, () => agentByLabel(t, 'helpdesk'));
    await staff.signIn('interactive');
    const noRole = createHistoryHandlers({
      db: store.db,
      session: staff,
      now: () => now,
    });
    // The job is any agent's (the screen is); Entra's audit log refuses the role, and the job says which would do.
    const refused = await refreshAs(staff, range());
    expect(refused).toMatchObject({ state: 'failed', error: { code: 'insufficient_role' } });
    expect(refused.error?.message).toContain('Reports Reader');
    const attempts = await noRole.sspr.getCallerAttempts({ userId: member().id }, { transport: 'ipc' });
    expect(attempts.refreshError).toMatchObject({ code: 'insufficient_role' });
  });
});
