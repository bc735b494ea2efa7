// A call belongs to the agent who opened it: when that agent's session ends (here, revoked and seen
// at the next Graph call, as an expiry is) every call and secret is dropped, and another agent
// signing in to the same app gets nothing of it. The guard is asked again with the agent's roles as
// they are when the actions run, so a role removed after the call opened stops the run before Graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthState } from '../../../src/shared/auth';
import type { CallView, RunSummary } from '../../../src/shared/caller';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import {
  createCallerHarness,
  expectNoSecrets,
  openVerified,
  SHORT_WINDOWS,
  testPolicy,
  type CallerHarness,
} from '../../support/callerHarness';
import { agentByLabel } from '../../support/sessionHarness';

let t: TestTenant;

beforeAll(async () => {
  t = await startTestTenant({ users: 50, knobs: SHORT_WINDOWS });
});
afterAll(async () => {
  await t?.close();
});

const user = (upn: string): DemoUser => t.tenant.directory.findUserByUpn(upn)!;

async function harness(who: () => string): Promise<CallerHarness> {
  const h = await createCallerHarness(t, who);
  setVerificationPolicy(h.store.db, testPolicy(1));
  return h;
}

/** Ends the signed-in agent's session the way an expiry does: revoked, noticed at the next Graph call. */
async function expire(h: CallerHarness, label: string): Promise<void> {
  t.tenant.directory.revokeSessions(agentByLabel(t, label).userId);
  expect(await h.refused('users:search', { text: 'alex' })).toBe('signed_out');
  expect((await h.call<AuthState>('auth:get-session')).status).toBe('signed-out');
}

describe('calls bound to their agent', () => {
  it("drops agent A's calls and secrets when A's session ends; agent B signing in gets nothing of them", async () => {
    let who = 'helpdesk';
    const h = await harness(() => who);
    try {
      const alex = user('alex.cloud@contoso.com');
      const { callId, code } = await openVerified(h, alex);
      const run = await h.call<RunSummary>('reset:run', { callId, actions: [{ kind: 'resetPassword' }] });
      expect(run.results[0]).toMatchObject({ status: 'done' });
      const secretId = run.results[0]!.secretId!;
      const passwordAfterReset = alex.password;

      await expire(h, 'helpdesk');
      // B (who could reset Alex too) signs in to the same app.
      who = 'user-admin';
      const b = await h.call<AuthState>('auth:sign-in');
      expect(b).toMatchObject({ status: 'signed-in', agent: { id: agentByLabel(t, 'user-admin').userId } });
      expect(await h.refused('call:get', { callId })).toBe('call_not_found');
      expect(await h.refused('verify:get-state', { callId })).toBe('call_not_found');
      expect(await h.refused('reset:reveal-secret', { callId, secretId })).toBe('call_not_found');
      expect(await h.refused('reset:send-secret', { callId, secretId, via: 'sms' })).toBe('call_not_found');
      const before = h.requests.length;
      expect(await h.refused('reset:run', { callId, actions: [{ kind: 'revokeSessions' }] })).toBe('call_not_found');
      expect(h.requests.length).toBe(before);

      // Dropped, not hidden: when A comes back, the call and its unrevealed password are gone.
      await expire(h, 'user-admin');
      who = 'helpdesk';
      expect((await h.call<AuthState>('auth:sign-in')).status).toBe('signed-in');
      expect(await h.refused('reset:reveal-secret', { callId, secretId })).toBe('call_not_found');
      expect(alex.password).toBe(passwordAfterReset);
      expectNoSecrets(h, [alex.password, code]);
    } finally {
      h.dispose();
    }
  });

  it('answers a call only to the agent who opened it, even while another is signed in', async () => {
    let who = 'helpdesk';
    const h = await harness(() => who);
    try {
      const { callId } = await openVerified(h, user('erin.everything@contoso.com'));
      // The session object is shared by the whole app: sign-in as another without the sign-out handler.
      await h.session.signOut();
      who = 'user-admin';
      await h.session.signIn('interactive');
      expect(await h.refused('call:get', { callId })).toBe('call_not_found');
      expect(await h.refused('reset:run', { callId, actions: [{ kind: 'revokeSessions' }] })).toBe('call_not_found');
    } finally {
      h.dispose();
    }
  });

  it("keeps a synced reset's job to the agent who ran it: another agent signed in cannot read, cancel or restart it", async () => {
    let who = 'helpdesk';
    const h = await harness(() => who);
    try {
      const sam = user('sam.synced@contoso.com');
      const { callId } = await openVerified(h, sam);
      // The writeback never finishes here: the job is still following when the other agent comes.
      t.tenant.knobs.set({
        faults: [{ pattern: 'resetPassword$', fault: { kind: 'reset-operation-hangs' }, times: 1 }],
      });
      const run = await h.call<RunSummary>('reset:run', { callId, actions: [{ kind: 'resetPassword' }] });
      const jobId = run.results[0]!.jobId!;
      expect(run.results[0]).toMatchObject({ status: 'pending', jobId: expect.any(String) });
      await h.session.signOut();
      who = 'user-admin';
      await h.session.signIn('interactive');
      expect(await h.refused('jobs:get', { jobId })).toBe('not_found');
      expect(await h.refused('jobs:cancel', { jobId })).toBe('not_found');
      expect(await h.refused('jobs:start', { kind: 'password-writeback', callId })).toBe('call_not_found');
    } finally {
      h.dispose();
    }
  });

  it('refuses the run, before any write, when the agent lost the role after the call opened', async () => {
    const h = await harness(() => 'helpdesk');
    const agentUser = user(agentByLabel(t, 'helpdesk').upn);
    const roles = [...agentUser.roleTemplateIds];
    try {
      const erin = user('erin.everything@contoso.com');
      const { callId } = await openVerified(h, erin);
      const passwordBefore = erin.password;
      const sessionsBefore = erin.signInSessionsValidFromDateTime;
      agentUser.roleTemplateIds.length = 0;
      const from = h.requests.length;
      const r = await h.router.dispatch(
        'reset:run',
        { callId, actions: [{ kind: 'resetPassword' }, { kind: 'revokeSessions' }] },
        { transport: 'ipc' },
      );
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'not_allowed', message: expect.stringMatching(/Your role cannot/) },
      });
      const writes = h.requests.slice(from).filter((q) => q.method !== 'GET' && !q.url.includes('$batch'));
      expect(writes).toEqual([]);
      expect(erin.password).toBe(passwordBefore);
      expect(erin.signInSessionsValidFromDateTime).toBe(sessionsBefore);
      // The view shows the guard as it is now.
      const view = await h.call<CallView>('call:get', { callId });
      expect(view.eligibility.resetPassword.allowed).toBe(false);
    } finally {
      agentUser.roleTemplateIds.splice(0, agentUser.roleTemplateIds.length, ...roles);
      h.dispose();
    }
  });
});
