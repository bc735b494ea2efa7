// The actions and hand-over through the channels against the demo tenant: a synced user's reset
// (pending at once, followed by a password-writeback job to done; cancelled: outcome unknown), a
// writeback-off tenant (the job fails clearly, nothing changed), a TAP issued
// by an Authentication Administrator and refused to Helpdesk, sending a secret only to a proven
// channel, agent-typed passwords checked for strength, and MFA re-registration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../src/shared/audit';
import type { RunSummary } from '../../../src/shared/caller';
import type { Job } from '../../../src/shared/jobs';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { listAuditEvents } from '../../../src/main/core/audit';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import {
  createCallerHarness,
  expectNoSecrets,
  openVerified,
  openWhole,
  settledJob,
  SHORT_WINDOWS,
  testPolicy,
  type CallerHarness,
} from '../../support/callerHarness';

let t: TestTenant;
let offline: TestTenant;
let helpdesk: CallerHarness;
let authAdmin: CallerHarness;
let noWriteback: CallerHarness;

beforeAll(async () => {
  [t, offline] = await Promise.all([
    startTestTenant({ users: 100, knobs: SHORT_WINDOWS }),
    startTestTenant({ users: 100, writeback: false, knobs: SHORT_WINDOWS }),
  ]);
  helpdesk = await createCallerHarness(t, 'helpdesk');
  authAdmin = await createCallerHarness(t, 'authentication-admin');
  // An Authentication Administrator may read the reset's operation, so its failure is known.
  noWriteback = await createCallerHarness(offline, 'authentication-admin');
  // Test setup writes the local policy directly: changing it is an admin's act (policy-admin.test.ts).
  for (const h of [helpdesk, authAdmin, noWriteback]) setVerificationPolicy(h.store.db, testPolicy(1));
});
afterAll(async () => {
  for (const h of [helpdesk, authAdmin, noWriteback]) h?.dispose();
  await Promise.all([t?.close(), offline?.close()]);
});

const userIn = (tenant: TestTenant, upn: string): DemoUser => {
  const u = tenant.tenant.directory.findUserByUpn(upn);
  if (!u) throw new Error(`no ${upn}`);
  return u;
};
const e164 = (n: string) => n.replace(/\s/g, '');

/** The status the reset ends in: done at once, or the end of the password-writeback job following it. */
async function confirmed(h: CallerHarness, _callId: string, run: RunSummary): Promise<string> {
  const reset = run.results.find((r) => r.kind === 'resetPassword')!;
  if (reset.status !== 'pending') return reset.status;
  const job = await settledJob(h, reset.jobId!);
  return job.state === 'done' ? 'done' : job.state;
}

/** The call's password-reset rows (the intents and the outcomes), oldest first. */
async function resetRows(h: CallerHarness, callId: string) {
  const events = (await h.call<AuditPage>('audit:list', { limit: 500 })).events.filter((e) => e.callId === callId);
  return events
    .filter(
      (e) => e.action === 'reset.password' || (e.action === 'reset.requested' && e.detail?.action === 'reset.password'),
    )
    .reverse();
}

/** The next reset's operation stays running for ever (the demo's fault knob). */
const hang = (tenant: TestTenant) =>
  tenant.tenant.knobs.set({
    faults: [{ pattern: 'resetPassword$', fault: { kind: 'reset-operation-hangs' }, times: 1 }],
  });

describe('synced users (password writeback)', () => {
  it('answers pending at once with a job that follows the writeback; the password shows only once it is done', async () => {
    const sam = userIn(t, 'sam.synced@contoso.com');
    const passwordBefore = sam.password;
    const { view, code } = await openVerified(helpdesk, sam, 'sms');
    const run = await helpdesk.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'resetPassword' }, { kind: 'revokeSessions' }],
    });
    expect(run.results.map((r) => r.status)).toEqual(['pending', 'done']);
    expect(run.complete).toBe(false);
    // Answered before the writeback finished (the demo's takes 5 s): the run did not wait for it.
    expect(sam.password).toBe(passwordBefore);
    const { secretId, jobId } = run.results[0]!;
    const job = await helpdesk.call<Job>('jobs:get', { jobId: jobId! });
    expect(job).toMatchObject({ kind: 'password-writeback', state: 'running', params: { callId: view.callId } });
    expect(await helpdesk.refused('reset:reveal-secret', { callId: view.callId, secretId: secretId! })).toBe(
      'not_allowed',
    );
    expect(await helpdesk.refused('reset:run', { callId: view.callId, actions: [{ kind: 'resetPassword' }] })).toBe(
      'not_allowed',
    );
    // The job is the only follower: starting another for the same reset is refused.
    expect(await helpdesk.refused('jobs:start', { kind: 'password-writeback', callId: view.callId })).toBe('not_found');
    // The intent was written before the reset was sent; the outcome waits for Microsoft's verdict.
    expect((await resetRows(helpdesk, view.callId)).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'reset.requested:info',
    ]);

    // A Helpdesk Administrator may not read the operation (longrunningoperation-get.md): the job watches
    // lastPasswordChangeDateTime, which moves once the writeback is done.
    const done = await settledJob(helpdesk, jobId!);
    expect(done).toMatchObject({ state: 'done', result: { type: 'password', secretId, audit: 'recorded' } });
    expect(await confirmed(helpdesk, view.callId, run)).toBe('done');
    const shown = await helpdesk.call<{ value: string }>('reset:reveal-secret', { callId: view.callId, secretId });
    expect(t.tenant.directory.checkPassword(sam.id, shown.value)).toBe(true);
    expect(sam.forceChangePasswordNextSignIn).toBe(true);
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'resolved' });
    // The intent before the write, then exactly one outcome.
    expect((await resetRows(helpdesk, view.callId)).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'reset.requested:info',
      'reset.password:success',
    ]);
    expectNoSecrets(helpdesk, [shown.value, code]);
  });

  it('stops following on cancel: the outcome is unknown, said and recorded once, and the password never shown', async () => {
    const sam = userIn(t, 'sam.synced@contoso.com');
    const { view } = await openVerified(helpdesk, sam, 'sms');
    hang(t);
    const run = await helpdesk.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'resetPassword' }],
    });
    const { secretId, jobId } = run.results[0]!;
    const cancelled = await helpdesk.call<Job>('jobs:cancel', { jobId: jobId! });
    expect(cancelled.state).toBe('cancelled');
    expect(await helpdesk.refused('reset:reveal-secret', { callId: view.callId, secretId: secretId! })).toBe(
      'secret_gone',
    );
    const rows = await resetRows(helpdesk, view.callId);
    expect(rows.map((e) => `${e.action}:${e.outcome}`)).toEqual(['reset.requested:info', 'reset.password:failure']);
    expect(rows.at(-1)!.detail).toMatchObject({ error: 'outcome_unknown', stopped: 'stopped' });
    // Nothing is pending any more: the agent may reset again.
    const again = await helpdesk.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'resetPassword' }],
    });
    expect(await confirmed(helpdesk, view.callId, again)).toBe('done');
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'resolved' });
  });

  it('fails clearly in a tenant without writeback: the job ends failed, the password is dropped, nothing changed', async () => {
    const sam = userIn(offline, 'sam.synced@contoso.com');
    const passwordBefore = sam.password;
    const { view, code } = await openVerified(noWriteback, sam, 'sms');
    const run = await noWriteback.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'resetPassword' }],
    });
    expect(run.results[0]).toMatchObject({ kind: 'resetPassword', status: 'pending' });
    const { secretId, jobId } = run.results[0]!;
    // An Authentication Administrator may read the operation: its failure says why.
    const job = await settledJob(noWriteback, jobId!);
    expect(job).toMatchObject({
      state: 'failed',
      result: null,
      error: { code: 'writeback_unavailable', message: expect.stringContaining('write passwords back') },
    });
    expect(sam.password).toBe(passwordBefore);
    expect(await noWriteback.refused('reset:reveal-secret', { callId: view.callId, secretId: secretId! })).toBe(
      'secret_gone',
    );
    await noWriteback.call('call:close', { callId: view.callId, outcome: 'escalated' });
    const rows = await resetRows(noWriteback, view.callId);
    expect(rows.map((e) => `${e.action}:${e.outcome}`)).toEqual(['reset.requested:info', 'reset.password:failure']);
    expect(rows.at(-1)!.detail).toMatchObject({ error: 'writeback_unavailable' });
    expectNoSecrets(noWriteback, [code]);
  });
});

describe('Temporary Access Pass', () => {
  it('is issued by an Authentication Administrator within the policy, and sent only to the email just proved', async () => {
    const alex = userIn(t, 'alex.cloud@contoso.com');
    const view0 = await openWhole(authAdmin, alex.id);
    expect(view0.eligibility.issueTap).toEqual({ allowed: true });
    // Authentication Administrators see masked phones: SMS falls back to the profile; email comes from the method.
    expect(view0.verification.options.find((o) => o.type === 'sms')?.source).toBe('profile');
    expect(view0.verification.options.find((o) => o.type === 'email')?.source).toBe('authentication-method');
    await authAdmin.call('call:close', { callId: view0.callId, outcome: 'abandoned' });

    const { view, code } = await openVerified(authAdmin, alex, 'email');
    // Reading the TAP policy is documented for Global Reader, Authentication Policy Administrator and
    // Global Administrator only (temporaryaccesspassauthenticationmethodconfiguration-get.md): the limits
    // are unknown to an Authentication Administrator, so Microsoft refuses the pass and the agent is told.
    const tooLong = await authAdmin.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'issueTap', lifetimeInMinutes: 43200 }],
    });
    expect(tooLong.results[0]).toMatchObject({ kind: 'issueTap', status: 'failed', errorCode: 'tap_policy' });
    expect(t.tenant.directory.usableTemporaryAccessPass(alex.id)).toBeUndefined();
    const run = await authAdmin.call<RunSummary>('reset:run', { callId: view.callId, actions: [{ kind: 'issueTap' }] });
    expect(run.results[0]).toMatchObject({ kind: 'issueTap', status: 'done', tap: { isUsableOnce: true } });
    expect(run.results[0]!.message).toMatch(/limits could not be read with your role/);
    const secretId = run.results[0]!.secretId!;
    // No phone was proved in this call: SMS hand-over is refused; the proved email works, once.
    expect(await authAdmin.refused('reset:send-secret', { callId: view.callId, secretId, via: 'sms' })).toBe(
      'not_allowed',
    );
    const sent = await authAdmin.call<{ via: string; destination: string }>('reset:send-secret', {
      callId: view.callId,
      secretId,
      via: 'email',
    });
    expect(sent.via).toBe('email');
    const tap = t.tenant.directory.usableTemporaryAccessPass(alex.id);
    expect(tap).toBeDefined();
    const mail = t.tenant.outbox.list({ kind: 'mail' }).at(-1)!;
    expect(mail.body).toContain(tap!.temporaryAccessPass);
    expect(mail.to).not.toBe(alex.mail);
    expect(await authAdmin.refused('reset:reveal-secret', { callId: view.callId, secretId })).toBe('secret_gone');
    await authAdmin.call('call:close', { callId: view.callId, outcome: 'resolved' });
    expectNoSecrets(authAdmin, [tap!.temporaryAccessPass, code]);
  });

  it('is refused to a Helpdesk Administrator before any Graph call', async () => {
    const alex = userIn(t, 'alex.cloud@contoso.com');
    const { view } = await openVerified(helpdesk, alex, 'sms');
    expect(view.eligibility.issueTap).toMatchObject({
      allowed: false,
      whoCan: expect.arrayContaining(['Authentication Administrator']),
    });
    const before = helpdesk.requests.length;
    expect(await helpdesk.refused('reset:run', { callId: view.callId, actions: [{ kind: 'issueTap' }] })).toBe(
      'not_allowed',
    );
    expect(
      await helpdesk.refused('reset:run', {
        callId: view.callId,
        actions: [{ kind: 'requireMfaReregistration', confirm: true }],
      }),
    ).toBe('not_allowed');
    expect(helpdesk.requests.length).toBe(before);
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'escalated' });
  });
});

describe('agent-typed passwords and other actions', () => {
  it('refuses a weak typed password with feedback before Graph, and accepts a strong one', async () => {
    const erin = userIn(t, 'erin.everything@contoso.com');
    const { view } = await openVerified(helpdesk, erin, 'sms');
    const before = helpdesk.requests.length;
    const r = await helpdesk.router.dispatch(
      'reset:run',
      { callId: view.callId, actions: [{ kind: 'resetPassword', password: 'Summer2024!' }] },
      { transport: 'ipc' },
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'password_policy', message: expect.stringContaining('Too easy to guess') },
    });
    expect(helpdesk.requests.length).toBe(before);
    const check = await helpdesk.call<{ acceptable: boolean; score: number }>('reset:check-password', {
      callId: view.callId,
      password: 'Summer2024!',
    });
    expect(check.acceptable).toBe(false);
    // The caller's own name is refused outright, by the check and by the run.
    const named = { callId: view.callId, password: 'Violet-Erin-lantern-58%' };
    expect(await helpdesk.call('reset:check-password', named)).toMatchObject({ failed: [{ rule: 'personal' }] });
    const namedRun = await helpdesk.router.dispatch(
      'reset:run',
      { callId: view.callId, actions: [{ kind: 'resetPassword', password: named.password }] },
      { transport: 'ipc' },
    );
    expect(namedRun).toMatchObject({ ok: false, error: { message: expect.stringContaining("caller's name") } });
    const typed = 'Violet-harbor-lantern-58%';
    const run = await helpdesk.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'resetPassword', password: typed }],
    });
    // Microsoft accepted it; this harness does not wait, so the confirmation comes from a poll.
    expect(['done', 'pending']).toContain(run.results[0]!.status);
    expect(await confirmed(helpdesk, view.callId, run)).toBe('done');
    expect(t.tenant.directory.checkPassword(erin.id, typed)).toBe(true);
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'resolved' });
    expectNoSecrets(helpdesk, [typed]);
  });

  it('lets an Authentication Administrator require MFA re-registration (all but the password) and enable an account', async () => {
    const dana = userIn(t, 'dana.disabled@contoso.com');
    expect(dana.accountEnabled).toBe(false);
    const { view } = await openVerified(authAdmin, dana, 'sms');
    const run = await authAdmin.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'requireMfaReregistration', confirm: true }, { kind: 'enableAccount' }],
    });
    expect(dana.accountEnabled).toBe(true);
    // Graph refuses to delete the phone that is the default sign-in method (phoneauthenticationmethod-delete.md):
    // everything else goes, and the agent is told exactly which method remains and why.
    const left = dana.methods.filter((m) => m.kind !== 'password');
    expect(left.map((m) => m.kind)).toEqual(['phone']);
    expect(run.results.map((r) => [r.kind, r.status])).toEqual([
      ['enableAccount', 'done'],
      ['requireMfaReregistration', 'failed'],
    ]);
    expect(run.results[1]!.message).toMatch(/methods were removed\. Still registered: Mobile/);
    await authAdmin.call('call:close', { callId: view.callId, outcome: 'resolved' });
  });

  it('still handles Graph’s 403 when the card went stale: stops, and says what was not done', async () => {
    const evan = userIn(t, 'evan.expired@contoso.com');
    const { view } = await openVerified(helpdesk, evan, 'sms');
    // Made a Global Administrator after the call opened: the guard allowed it, Entra does not.
    evan.roleTemplateIds.push('62e90394-69f5-4237-9190-012177145e10');
    const passwordBefore = evan.password;
    try {
      const run = await helpdesk.call<RunSummary>('reset:run', {
        callId: view.callId,
        actions: [{ kind: 'revokeSessions' }, { kind: 'resetPassword' }],
      });
      expect(run.results.map((r) => [r.kind, r.status, r.errorCode ?? null])).toEqual([
        ['resetPassword', 'failed', 'insufficient_role'],
        ['revokeSessions', 'not-run', null],
      ]);
      expect(run.complete).toBe(false);
      expect(evan.password).toBe(passwordBefore);
    } finally {
      evan.roleTemplateIds.pop();
    }
    const events = (await helpdesk.call<AuditPage>('audit:list', { limit: 500 })).events.filter(
      (e) => e.callId === view.callId,
    );
    expect(events.find((e) => e.action === 'reset.password')).toMatchObject({
      outcome: 'failure',
      detail: { error: 'insufficient_role' },
    });
    expect(events.some((e) => e.action === 'reset.revoke-sessions')).toBe(false);
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'escalated' });
  });

  it('sends the new password by SMS to the phone the caller just proved, once', async () => {
    const alex = userIn(t, 'alex.cloud@contoso.com');
    const { view, code } = await openVerified(helpdesk, alex, 'sms');
    const run = await helpdesk.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'resetPassword' }],
    });
    expect(await confirmed(helpdesk, view.callId, run)).toBe('done');
    const secretId = run.results[0]!.secretId!;
    expect(await helpdesk.refused('reset:send-secret', { callId: view.callId, secretId, via: 'email' })).toBe(
      'not_allowed',
    );
    const sent = await helpdesk.call<{ via: string; destination: string }>('reset:send-secret', {
      callId: view.callId,
      secretId,
      via: 'sms',
    });
    expect(sent).toEqual({ via: 'sms', destination: expect.stringMatching(/^••• ••• \d\d$/) });
    const sms = t.tenant.outbox.list({ kind: 'sms', to: e164(alex.mobilePhone!) }).at(-1)!;
    expect(sms.body).toContain(alex.password);
    expect(await helpdesk.refused('reset:send-secret', { callId: view.callId, secretId, via: 'sms' })).toBe(
      'secret_gone',
    );
    expect(await helpdesk.refused('reset:reveal-secret', { callId: view.callId, secretId })).toBe('secret_gone');
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'resolved' });
    const events = (await helpdesk.call<AuditPage>('audit:list', { limit: 500 })).events.filter(
      (e) => e.callId === view.callId,
    );
    expect(events.find((e) => e.action === 'handover.sent')?.detail).toMatchObject({ via: 'sms', item: 'password' });
    expectNoSecrets(helpdesk, [alex.password, code]);
  });

  it('runs one set of actions at a time per call (a double click writes once)', async () => {
    const erin = userIn(t, 'erin.everything@contoso.com');
    const { view } = await openVerified(helpdesk, erin, 'sms');
    const input = { callId: view.callId, actions: [{ kind: 'revokeSessions' }] };
    const [a, b] = await Promise.all([
      helpdesk.router.dispatch('reset:run', input, { transport: 'ipc' }),
      helpdesk.router.dispatch('reset:run', input, { transport: 'ipc' }),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'resolved' });
  });

  it('forgets open calls when the agent signs out', async () => {
    const alex = userIn(t, 'alex.cloud@contoso.com');
    const h = await createCallerHarness(t, 'helpdesk');
    try {
      const view = await openWhole(h, alex.id);
      await h.call('auth:sign-out');
      expect(await h.refused('call:get', { callId: view.callId })).toBe('call_not_found');
    } finally {
      h.dispose();
    }
  });

  it('shows the outbox only in demo mode and keeps the ACS access key in main', async () => {
    const view = await helpdesk.call<{ mode: string; endpointHost: string | null }>('settings:get-sms-provider');
    expect(view.mode).toBe('demo');
    expect(JSON.stringify(view)).not.toMatch(/accesskey/i);
    const key = Buffer.alloc(32, 9).toString('base64');
    const provider = {
      connectionString: `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${key}`,
      fromNumber: '+18005550100',
    };
    // The SMS provider is an administrator's setting, not an agent's.
    expect(await helpdesk.refused('settings:set-sms-provider', provider)).toBe('not_allowed');
    const admin = await createCallerHarness(t, 'global-admin');
    try {
      await admin.call('settings:set-sms-provider', provider);
      await admin.call('settings:update', {
        tenant: {
          cloud: 'global',
          tenantId: 'contoso.onmicrosoft.com',
          clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
        },
      });
      expect(await admin.refused('demo:list-outbox', {})).toBe('forbidden');
      // The provider belongs to the tenant it was set on: another tenant starts without one.
      expect(await admin.call('settings:get-sms-provider')).toEqual({
        mode: 'none',
        endpointHost: null,
        fromNumber: null,
        // No keychain in this host: a key would be held in memory only, never written to the database.
        keyStorage: 'memory',
        keyMissing: false,
      });
      expect(JSON.stringify(await admin.call('settings:get-sms-provider'))).not.toContain(key);
      expect(admin.storeBytes().includes(Buffer.from(key))).toBe(false);
      // Signed out by the tenant switch, History answers nobody (handlers/guards.ts): read the trail's file.
      const audit = listAuditEvents(admin.store.db, { limit: 5 }).events;
      expect(JSON.stringify(audit)).not.toContain(key);
      expect(admin.logs.join('\n')).not.toContain(key);
    } finally {
      admin.dispose();
    }
  });
});
