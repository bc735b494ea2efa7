// The registration snapshot through the real MSAL and Graph client against the demo tenant's
// 2,000-user seed: the ingest stores exactly what the tenant's own report says (department joined
// from /users), every filter returns exactly the right users, password age matches the seed and the
// domains' policy, throttling mid-ingest is ridden out, a cancelled refresh leaves the previous
// snapshot current and a resume finishes with the same rows, and both CSV exports hold the filter's rows.
// The snapshot and the exports are jobs (jobs:start / get / cancel through their handlers).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSession } from '../../../src/main/core/auth/session';
import { ExportFiles } from '../../../src/main/core/exports';
import { createJobHandlers, jobAuthorizer } from '../../../src/main/core/handlers/jobs';
import { createRegistrationHandlers } from '../../../src/main/core/handlers/registration';
import { JobRunner } from '../../../src/main/core/jobs';
import { PolicyService } from '../../../src/main/core/policy/service';
import { RegistrationService, registrationJobKinds } from '../../../src/main/core/registration';
import { isPhishingResistant } from '../../../src/main/core/registration/store';
import { registrationDetails, type RegistrationDetails } from '../../../src/demo-tenant/graph/reports';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { JobStartInput, type Job, type JobStartRequest } from '../../../src/shared/jobs';
import type { PasswordAgeState, RegistrationQuery, RegistrationRow } from '../../../src/shared/registration';
import { tempDb, type TempDb } from '../../unit/store/tempDb';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession, SHORT_WINDOWS } from '../../support/sessionHarness';

const DAY = 86_400_000;
let t: TestTenant;
let store: TempDb;
let session: AgentSession;
let service: RegistrationService;
let files: ExportFiles;
let runner: JobRunner;
let handlers: ReturnType<typeof createRegistrationHandlers>['registration'];
let jobs: ReturnType<typeof createJobHandlers>['jobs'];
const ctx = { transport: 'ipc' as const };
const requests: { method: string; url: string }[] = [];

beforeAll(async () => {
  t = await startTestTenant({ users: 2000, knobs: SHORT_WINDOWS });
  // One domain with its own validity period, so password age must read each UPN's domain.
  t.tenant.directory.tenant.domains[0]!.passwordValidityPeriodInDays = 60;
  store = tempDb();
  session = createSession(t, () => agentByLabel(t, 'global-reader'), { requests });
  await session.signIn('interactive');
  service = new RegistrationService({ db: store.db, session, policy: new PolicyService(store.db, session) });
  files = new ExportFiles({ dir: store.dir });
  runner = new JobRunner({
    kinds: registrationJobKinds({ db: store.db, files, registration: service }),
    authorize: jobAuthorizer(session),
  });
  handlers = createRegistrationHandlers({ service }).registration;
  jobs = createJobHandlers(runner).jobs;
}, 120_000);
afterAll(async () => {
  t.tenant.knobs.set({ throttle: { everyNth: 0 }, latencyMs: 0, faults: [] });
  runner.dispose();
  files.dispose();
  store.dispose();
  await t.close();
});

const dir = () => t.tenant.directory;
const report = (): (RegistrationDetails & { department: string | null })[] =>
  dir().users.map((u) => ({ ...registrationDetails(dir(), u), department: u.department }));

/** jobs:start as the router hands it on: parsed, defaults filled in. */
const start = async (input: JobStartRequest): Promise<Job> => jobs.start(JobStartInput.parse(input), ctx);

/** A snapshot job to its end, as its progress counts it. */
async function ingest(input: { source?: 'report' | 'batch-fallback'; resume?: boolean } = {}) {
  const started = await start({ kind: 'registration-ingest', ...input });
  expect(started.state).toBe('running');
  return asIngest(await runner.settled(started.id));
}

/** A snapshot job in the ingest's own words, for the assertions below. */
const asIngest = (job: Job) => ({
  ...job,
  processed: job.progress.done,
  total: job.progress.total,
  throttledWaits: job.counts.throttledWaits ?? 0,
});

async function listAll(query: RegistrationQuery): Promise<RegistrationRow[]> {
  const out: RegistrationRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await handlers.list({ query: query as never, offset, limit: 500 }, ctx);
    out.push(...page.rows);
    if (out.length >= page.total) return out;
  }
}
const sortedIds = (rows: { userId?: string; id?: string }[]) => rows.map((r) => r.userId ?? r.id).sort();

describe('registration ingest from the report', () => {
  it('stores every user as the report gives them, with department from /users', async () => {
    const done = await ingest();
    expect(done).toMatchObject({
      state: 'done',
      processed: dir().users.length,
      total: dir().users.length,
      error: null,
    });
    const rows = await listAll({});
    expect(rows).toHaveLength(dir().users.length);
    const byId = new Map(rows.map((r) => [r.userId, r]));
    for (const want of report()) {
      const got = byId.get(want.id)!;
      expect(got).toEqual({
        userId: want.id,
        userPrincipalName: want.userPrincipalName,
        displayName: want.userDisplayName,
        department: want.department,
        userType: want.userType,
        isAdmin: want.isAdmin,
        isSsprRegistered: want.isSsprRegistered,
        isSsprEnabled: want.isSsprEnabled,
        isSsprCapable: want.isSsprCapable,
        isMfaRegistered: want.isMfaRegistered,
        isMfaCapable: want.isMfaCapable,
        isPasswordlessCapable: want.isPasswordlessCapable,
        methodsRegistered: want.methodsRegistered,
        preferredMethod: want.userPreferredMethodForSecondaryAuthentication,
      });
    }
  });

  it('returns exactly the right users for each filter', async () => {
    const r = report();
    const expectFilter = async (query: RegistrationQuery, keep: (x: (typeof r)[number]) => boolean) => {
      const want = r.filter(keep);
      expect(want.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(sortedIds(await listAll(query)), JSON.stringify(query)).toEqual(sortedIds(want));
    };
    await expectFilter({ preset: 'not-sspr-capable' }, (x) => !x.isSsprCapable);
    await expectFilter({ preset: 'not-mfa-capable' }, (x) => !x.isMfaCapable);
    await expectFilter({ preset: 'no-methods' }, (x) => x.methodsRegistered.length === 0);
    await expectFilter(
      { preset: 'admin-not-phishing-resistant' },
      (x) => x.isAdmin && !x.methodsRegistered.some(isPhishingResistant),
    );
    await expectFilter({ method: 'fido2' }, (x) => x.methodsRegistered.includes('fido2'));
    await expectFilter({ method: 'mobilePhone' }, (x) => x.methodsRegistered.includes('mobilePhone'));
    const department = r.find((x) => x.department)!.department!;
    await expectFilter({ department }, (x) => x.department === department);
    const prefix = r[0]!.userDisplayName.slice(0, 3);
    await expectFilter(
      { search: prefix.toUpperCase() },
      (x) =>
        x.userDisplayName.toLowerCase().startsWith(prefix.toLowerCase()) ||
        x.userPrincipalName.toLowerCase().startsWith(prefix.toLowerCase()),
    );
    await expectFilter(
      { preset: 'not-mfa-capable', department },
      (x) => !x.isMfaCapable && x.department === department,
    );
  });

  it('counts the snapshot and lists methods and departments', async () => {
    const r = report();
    const stats = await handlers.getStats(undefined, ctx);
    expect(stats).toMatchObject({
      total: r.length,
      ssprCapable: r.filter((x) => x.isSsprCapable).length,
      mfaCapable: r.filter((x) => x.isMfaCapable).length,
      passwordlessCapable: r.filter((x) => x.isPasswordlessCapable).length,
      noMethods: r.filter((x) => x.methodsRegistered.length === 0).length,
      adminsWithoutPhishingResistant: r.filter((x) => x.isAdmin && !x.methodsRegistered.some(isPhishingResistant))
        .length,
    });
    const fido = stats.methods.find((m) => m.method === 'fido2');
    expect(fido?.users).toBe(r.filter((x) => x.methodsRegistered.includes('fido2')).length);
    expect(stats.departments).toEqual([...new Set(r.map((x) => x.department).filter((d) => d !== null))].sort());
    expect(stats.trend).toHaveLength(1);
  });

  it('shows a user’s row and their methods as Graph lists them now', async () => {
    const u = dir().users.find((x) => x.methods.length >= 3)!;
    const detail = await handlers.getUser({ userId: u.id }, ctx);
    expect(detail.row?.userPrincipalName).toBe(u.userPrincipalName);
    expect(detail.methods.map((m) => m.id).sort()).toEqual(u.methods.map((m) => m.id).sort());
  });
});

describe('password age', () => {
  function expected(u: DemoUser, now: number, within: number): { state: PasswordAgeState; expiresAt: number | null } {
    const domain = u.userPrincipalName.split('@')[1]!.toLowerCase();
    const validity =
      dir().tenant.domains.find((d) => d.id.toLowerCase() === domain)?.passwordValidityPeriodInDays ?? 90;
    if (u.onPremisesSyncEnabled) return { state: 'on-premises', expiresAt: null };
    if (/DisablePasswordExpiration/.test(u.passwordPolicies ?? '') || validity === 2147483647)
      return { state: 'never-expires', expiresAt: null };
    const expiresAt = Date.parse(u.lastPasswordChangeDateTime) + validity * DAY;
    return { state: expiresAt <= now ? 'expired' : expiresAt <= now + within * DAY ? 'expiring' : 'ok', expiresAt };
  }

  it('matches the seed’s users and each domain’s validity period, per state and per filter', async () => {
    const now = Date.now();
    const page = await handlers.listPasswordAge({ withinDays: 30, offset: 0, limit: 500 } as never, ctx);
    const want = dir().users.map((u) => ({ u, ...expected(u, now, 30) }));
    for (const state of ['expired', 'expiring', 'ok', 'never-expires', 'on-premises'] as const) {
      // A password crossing a boundary in the milliseconds between the two clocks is the only slack.
      expect(Math.abs(page.counts[state] - want.filter((w) => w.state === state).length)).toBeLessThanOrEqual(1);
    }
    expect(page.counts.expired).toBeGreaterThan(0);
    expect(page.counts['never-expires']).toBeGreaterThan(0);
    expect(page.counts['on-premises']).toBeGreaterThan(0);

    const expired = await handlers.listPasswordAge({ state: 'expired', offset: 0, limit: 500 } as never, ctx);
    expect(expired.total).toBe(page.counts.expired);
    for (const row of expired.rows) {
      const w = want.find((x) => x.u.id === row.userId)!;
      expect(row.state).toBe('expired');
      expect(Date.parse(row.expiresAt!)).toBe(w.expiresAt);
      expect(row.daysLeft).toBeLessThan(0);
      expect(row.validityDays).toBe(row.domain === 'contoso.com' ? 60 : 90);
    }
    // Soonest expiry first.
    const times = expired.rows.map((r) => Date.parse(r.expiresAt!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('throttling, cancel and resume', () => {
  it('rides out 429s injected mid-ingest and completes', async () => {
    const before = t.tenant.knobs.stats().throttled;
    const started = await start({ kind: 'registration-ingest', source: 'report', resume: true });
    t.tenant.knobs.set({ throttle: { everyNth: 3, retryAfterSeconds: 0 } });
    expect(started.state).toBe('running');
    const done = asIngest(await runner.settled(started.id));
    t.tenant.knobs.set({ throttle: { everyNth: 0 } });
    expect(t.tenant.knobs.stats().throttled).toBeGreaterThan(before);
    expect(done).toMatchObject({ state: 'done', processed: dir().users.length });
    expect(done.throttledWaits).toBeGreaterThan(0);
    expect((await handlers.getStats(undefined, ctx)).trend).toHaveLength(2);
  });

  it('keeps the previous snapshot when a refresh is cancelled, and a resume finishes with the same rows', async () => {
    const previous = await handlers.list({ query: {} as never, offset: 0, limit: 1 }, ctx);
    const before = await listAll({});
    // Slow pages, so the cancel lands between the report's first page and its second.
    t.tenant.knobs.set({ latencyMs: 400 });
    const refresh = await start({ kind: 'registration-ingest', source: 'report', resume: true });
    // Wait for the first report page (1,000 rows) to be stored, then cancel.
    for (let i = 0; i < 500; i++) {
      const p = await jobs.get({ jobId: refresh.id }, ctx);
      if (p.progress.done > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const cancelled = asIngest(await jobs.cancel({ jobId: refresh.id }, ctx));
    t.tenant.knobs.set({ latencyMs: 0 });
    // The cancel answers once the ingest has stopped: nothing more is stored after it.
    expect(cancelled).toMatchObject({ state: 'cancelled', resumable: true, result: null });
    expect(cancelled.processed).toBeGreaterThan(0);
    expect(cancelled.processed).toBeLessThan(dir().users.length);
    expect(asIngest(await jobs.get({ jobId: refresh.id }, ctx)).processed).toBe(cancelled.processed);
    // After a restart nothing runs it any more, and the snapshot job list offers it for a resume.
    const restarted = new JobRunner({
      kinds: registrationJobKinds({
        db: store.db,
        files,
        registration: new RegistrationService({ db: store.db, session, policy: new PolicyService(store.db, session) }),
      }),
      authorize: jobAuthorizer(session),
    });
    expect(restarted.list('registration-ingest')).toMatchObject([
      { state: 'cancelled', resumable: true, progress: { done: cancelled.processed }, params: { source: 'report' } },
    ]);

    const still = await handlers.list({ query: {} as never, offset: 0, limit: 1 }, ctx);
    expect(still.snapshot).toEqual(previous.snapshot);
    expect(still.total).toBe(dir().users.length);
    expect(await jobs.list({ kind: 'registration-ingest' }, ctx)).toMatchObject([
      { id: refresh.id, state: 'cancelled', resumable: true },
      { state: 'done' },
      { state: 'done' },
    ]);

    const sent = requests.length;
    const resumed = await start({ kind: 'registration-ingest', source: 'report', resume: true });
    // The rows stored before the cancel are kept, not read again.
    expect(resumed.progress.done).toBe(cancelled.processed);
    const done = asIngest(await runner.settled(resumed.id));
    // The report's first page (1,000 rows, stored) is not asked for again: only its next link is.
    // (The same link may go twice: the reports limit — 5 requests per 10 s, concepts/throttling-limits.md —
    // can answer 429, and the retry sends that link again after Retry-After.)
    const reportReads = requests.slice(sent).filter((r) => r.url.includes('userRegistrationDetails'));
    expect(reportReads.length).toBeGreaterThan(0);
    expect(new Set(reportReads.map((r) => r.url)).size).toBe(1);
    expect(reportReads[0]!.url).toMatch(/skiptoken=/i);
    expect(done).toMatchObject({ state: 'done', processed: dir().users.length });
    const after = await listAll({});
    expect(after).toEqual(before);
    expect((await handlers.getStats(undefined, ctx)).snapshot!.id).not.toBe(previous.snapshot!.id);
  });
});

describe('CSV exports', () => {
  const parse = (file: string) =>
    readFileSync(file, 'utf8')
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));

  it('exports the registration table and the password-age list as filtered', async () => {
    const query = { preset: 'no-methods' as const };
    const started = await start({ kind: 'registration-export', query });
    const done = await runner.settled(started.id);
    const want = report().filter((x) => x.methodsRegistered.length === 0);
    expect(done).toMatchObject({
      state: 'done',
      progress: { done: want.length, total: want.length },
      result: { type: 'file', rows: want.length },
    });
    const token = (done.result as { downloadToken: string }).downloadToken;
    const lines = parse(files.takeDownload(token)!.path);
    expect(lines[0]).toEqual(expect.arrayContaining(['userPrincipalName', 'methodsRegistered']));
    expect(
      lines
        .slice(1)
        .map((l) => l[0])
        .sort(),
    ).toEqual(want.map((x) => x.userPrincipalName).sort());

    const pa = await start({ kind: 'password-age-export', query: { state: 'on-premises' } });
    const paDone = await runner.settled(pa.id);
    const synced = dir().users.filter((u) => u.onPremisesSyncEnabled);
    expect(paDone).toMatchObject({ state: 'done', result: { type: 'file', rows: synced.length } });
    const paToken = (paDone.result as { downloadToken: string }).downloadToken;
    const paLines = parse(files.takeDownload(paToken)!.path).slice(1);
    expect(paLines.map((l) => l[0]).sort()).toEqual(synced.map((u) => u.userPrincipalName).sort());
    expect(new Set(paLines.map((l) => l[4]))).toEqual(new Set(['on-premises']));
  });
});
