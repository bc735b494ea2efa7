// The caller flow end to end through the channels, as a Helpdesk Administrator against the demo
// tenant (real MSAL, Graph client, SmsClient, SQLite): verify by SMS + knowledge, reset, show once,
// the user signs in with it and must change it; codes lock and expire; refusals come before Graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../src/shared/audit';
import type { ChallengeAnswer, ChallengeView, RunSummary, VerificationState } from '../../../src/shared/caller';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { CODE_LIFETIME_MS } from '../../../src/main/core/verify/codes';
import { createPca, SIGN_IN_ONLY_SCOPES, startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { REGISTRATION_READER_NAMES } from '../../../src/shared/roles';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import {
  createCallerHarness,
  expectNoSecrets,
  latestCode,
  openWhole,
  SHORT_WINDOWS,
  testPolicy,
  type CallerHarness,
} from '../../support/callerHarness';

let t: TestTenant;
let h: CallerHarness;

beforeAll(async () => {
  t = await startTestTenant({ users: 120, knobs: SHORT_WINDOWS });
  // A Helpdesk Administrator may not read the reset's operation (longrunningoperation-get.md), so the app
  // confirms through lastPasswordChangeDateTime once the reset has finished (OPERATION_TIMING: 1.5 s for a
  // cloud user, after the 1 s Retry-After): the run follows a cloud user's reset that long itself
  // (reset/service.ts CLOUD_CONFIRM_MS) instead of answering "pending".
  h = await createCallerHarness(t, 'helpdesk');
  // Eight digits: a code is then unmistakable when the tests scan files for it.
  setVerificationPolicy(h.store.db, testPolicy(2));
});
afterAll(async () => {
  h?.dispose();
  await t?.close();
});

const user = (upn: string): DemoUser => {
  const u = t.tenant.directory.findUserByUpn(upn);
  if (!u) throw new Error(`no ${upn}`);
  return u;
};
const e164 = (n: string) => n.replace(/\s/g, '');

/** What the caller would say to each knowledge question, from the directory. */
function answerFor(u: DemoUser, questionId: string): string {
  const manager = u.managerId ? t.tenant.directory.getUser(u.managerId) : undefined;
  switch (questionId) {
    case 'employee-id':
      return (u.employeeId ?? '').replace(/\D/g, '').slice(-4);
    case 'department':
      return (u.department ?? '').toUpperCase();
    case 'office':
      return ` ${u.officeLocation ?? ''} `;
    case 'manager':
      return manager?.displayName ?? '';
    case 'hire-month': {
      const [y, m] = (u.employeeHireDate ?? '').split('-');
      return `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(m) - 1]} ${y}`;
    }
    default:
      throw new Error(`unknown question ${questionId}`);
  }
}

async function passKnowledge(callId: string, u: DemoUser): Promise<ChallengeAnswer> {
  let view = await h.call<ChallengeView>('verify:start-challenge', { callId, type: 'knowledge' });
  let last: ChallengeAnswer | undefined;
  while (view.status === 'open' && view.question) {
    last = await h.call<ChallengeAnswer>('verify:answer-question', {
      callId,
      challengeId: view.challengeId,
      questionId: view.question.id,
      answer: answerFor(u, view.question.id),
    });
    view = last.challenge;
  }
  if (!last) throw new Error('no question asked');
  return last;
}

async function auditOf(callId: string) {
  const page = await h.call<AuditPage>('audit:list', { limit: 500 });
  return page.events.filter((e) => e.callId === callId).reverse();
}

describe('a Helpdesk Administrator restores a cloud user', () => {
  it('verifies by SMS and knowledge, resets, shows the password once, and the user must change it', async () => {
    const alex = user('alex.cloud@contoso.com');
    const before = alex.password;
    const view = await openWhole(h, alex.id);
    expect(view.eligibility.resetPassword).toEqual({ allowed: true });
    expect(view.eligibility.issueTap.allowed).toBe(false);
    expect(view.eligibility.readMethods.allowed).toBe(false);
    // Helpdesk cannot read the registration report: whether the caller could self-serve is unknown, and
    // the card names the roles that can (shared/roles.ts, the same the Registration screen names).
    expect(view.selfServiceCapable).toBeNull();
    expect(view.card.registrationUnavailable).toBe(
      `Your directory role cannot read this report. A ${REGISTRATION_READER_NAMES} can.`,
    );
    // Helpdesk cannot read methods: the SMS goes to the profile's mobile, and the option says so.
    const sms = view.verification.options.find((o) => o.type === 'sms');
    expect(sms).toMatchObject({ id: 'sms-profile', source: 'profile' });
    expect(sms!.label).not.toContain(e164(alex.mobilePhone!).slice(-6));
    expect(
      view.verification.options
        .filter((o) => o.type === 'email')
        .every((o) => !o.label.includes(alex.userPrincipalName)),
    ).toBe(true);
    expect(view.verification).toMatchObject({ required: 2, met: false, passed: [] });

    // Not verified yet: refused before Graph hears of it.
    const sent = h.requests.length;
    expect(await h.refused('reset:run', { callId: view.callId, actions: [{ kind: 'resetPassword' }] })).toBe(
      'verification_required',
    );
    expect(h.requests.length).toBe(sent);

    const challenge = await h.call<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'sms',
      optionId: 'sms-profile',
    });
    expect(challenge).toMatchObject({ type: 'sms', status: 'open', attemptsLeft: 5 });
    const code = await latestCode(h, e164(alex.mobilePhone!));
    // The code reaches the caller's phone, never the renderer (a digit run inside the UUID is not it).
    expect(JSON.stringify(challenge)).not.toContain(code);
    const checked = await h.call<ChallengeAnswer>('verify:check-code', {
      callId: view.callId,
      challengeId: challenge.challengeId,
      code,
    });
    expect(checked.result).toBe('passed');
    expect(checked.verification).toMatchObject({ passed: ['sms'], met: false });

    const knowledge = await passKnowledge(view.callId, alex);
    expect(knowledge.result).toBe('passed');
    expect(knowledge.verification.met).toBe(true);
    expect(JSON.stringify(knowledge)).not.toContain(alex.employeeId!.slice(-4));

    const run = await h.call<RunSummary>('reset:run', {
      callId: view.callId,
      actions: [{ kind: 'revokeSessions' }, { kind: 'resetPassword' }],
    });
    expect(run.results.map((r) => [r.kind, r.status])).toEqual([
      ['resetPassword', 'done'],
      ['revokeSessions', 'done'],
    ]);
    const secretId = run.results[0]!.secretId!;
    expect(JSON.stringify(run)).not.toContain(alex.password);

    const shown = await h.call<{ kind: string; value: string }>('reset:reveal-secret', {
      callId: view.callId,
      secretId,
    });
    expect(shown.kind).toBe('password');
    expect(shown.value).not.toBe(before);
    expect(await h.refused('reset:reveal-secret', { callId: view.callId, secretId })).toBe('secret_gone');

    // The user signs in with it on the demo tenant (real MSAL) and is made to change it; the old one is dead.
    expect(t.tenant.directory.checkPassword(alex.id, shown.value)).toBe(true);
    expect(alex.forceChangePasswordNextSignIn).toBe(true);
    // The user signs in for themselves, asking no Graph permission (SIGN_IN_ONLY_SCOPES).
    const pca = createPca(t);
    const signIn = (password: string) =>
      pca.acquireTokenByUsernamePassword({ scopes: SIGN_IN_ONLY_SCOPES, username: alex.userPrincipalName, password });
    await expect(signIn(shown.value)).rejects.toThrow(/AADSTS50055/);
    await expect(signIn(before)).rejects.toThrow(/AADSTS50126/);

    const closed = await h.call<{ auditEventId: number }>('call:close', {
      callId: view.callId,
      outcome: 'resolved',
      ticketRef: 'INC-1001',
    });
    expect(closed.auditEventId).toBeGreaterThan(0);
    expect(await h.refused('reset:reveal-secret', { callId: view.callId, secretId })).toBe('call_not_found');

    const events = await auditOf(view.callId);
    expect(events.map((e) => e.action)).toEqual([
      'call.opened',
      'verify.challenge-sent',
      'verify.challenge-passed',
      'verify.challenge-sent',
      'verify.challenge-passed',
      // Each write to Microsoft is preceded by its intent (no record, no write).
      'reset.requested',
      'reset.password',
      'reset.requested',
      'reset.revoke-sessions',
      'handover.shown',
      'call.closed',
    ]);
    expect(events.at(-1)).toMatchObject({
      ticketRef: 'INC-1001',
      verification: { required: 2, passed: ['sms', 'knowledge'], failed: [] },
    });
    expect(events.find((e) => e.action === 'verify.challenge-sent')?.detail).toMatchObject({ source: 'profile' });
    expectNoSecrets(h, [shown.value, code]);
  });
});

describe('codes', () => {
  it('locks a challenge after five wrong codes, audits it, and will not send a fresh set to the same phone', async () => {
    const erin = user('erin.everything@contoso.com');
    const view = await openWhole(h, erin.id);
    const option = view.verification.options.find((o) => o.type === 'sms')!;
    const c = await h.call<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'sms',
      optionId: option.id,
    });
    const code = await latestCode(h, e164(erin.mobilePhone!));
    const wrong = String((Number(code) + 1) % 1e8).padStart(8, '0');
    const results: string[] = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        (
          await h.call<ChallengeAnswer>('verify:check-code', {
            callId: view.callId,
            challengeId: c.challengeId,
            code: wrong,
          })
        ).result,
      );
    }
    expect(results).toEqual(['incorrect', 'incorrect', 'incorrect', 'incorrect', 'locked']);
    expect(await h.refused('verify:check-code', { callId: view.callId, challengeId: c.challengeId, code })).toBe(
      'challenge_locked',
    );
    expect(await h.refused('verify:start-challenge', { callId: view.callId, type: 'sms', optionId: option.id })).toBe(
      'challenge_locked',
    );
    const state = await h.call<VerificationState>('verify:get-state', { callId: view.callId });
    expect(state).toMatchObject({ passed: [], failed: ['sms'], met: false });
    const events = await auditOf(view.callId);
    expect(events.filter((e) => e.action === 'verify.challenge-failed')).toHaveLength(4);
    expect(events.filter((e) => e.action === 'verify.challenge-locked')).toHaveLength(1);
    await h.call('call:close', { callId: view.callId, outcome: 'not-verified' });
    expectNoSecrets(h, [code]);
  });

  it('refuses an expired code and audits it; a resend waits for the cool-down and then works', async () => {
    const evan = user('evan.expired@contoso.com');
    const view = await openWhole(h, evan.id);
    const option = view.verification.options.find((o) => o.type === 'email')!;
    expect(option.source).toBe('profile');
    const c = await h.call<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'email',
      optionId: option.id,
    });
    const personal = evan.otherMails[0]!;
    const first = await latestCode(h, personal);
    // Resending at once is refused (cool-down); nothing is sent.
    expect(await h.refused('verify:start-challenge', { callId: view.callId, type: 'email', optionId: option.id })).toBe(
      'resend_too_soon',
    );
    h.clock.advance(CODE_LIFETIME_MS);
    expect(await h.refused('verify:check-code', { callId: view.callId, challengeId: c.challengeId, code: first })).toBe(
      'challenge_expired',
    );
    const again = await h.call<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'email',
      optionId: option.id,
    });
    expect(again).toMatchObject({ challengeId: c.challengeId, status: 'open' });
    const second = await latestCode(h, personal);
    const ok = await h.call<ChallengeAnswer>('verify:check-code', {
      callId: view.callId,
      challengeId: c.challengeId,
      code: second,
    });
    expect(ok.result).toBe('passed');
    const actions = (await auditOf(view.callId)).map((e) => e.action);
    expect(actions).toEqual([
      'call.opened',
      'verify.challenge-sent',
      'verify.challenge-expired',
      'verify.challenge-sent',
      'verify.challenge-passed',
    ]);
    // The locked mailbox never received a code.
    expect(t.tenant.outbox.list({ to: evan.mail! })).toHaveLength(0);
    await h.call('call:close', { callId: view.callId, outcome: 'self-service', notes: 'will use SSPR' });
    const closing = (await h.call<AuditPage>('audit:list', { limit: 3 })).events.map((e) => e.action);
    expect(closing.slice(0, 2)).toEqual(['call.closed', 'deflect.self-service']);
    expectNoSecrets(h, [first, second]);
  });
});

describe('manager identification', () => {
  it('emails the code to the manager, counts it as a check, but never as a channel for the secret', async () => {
    const alex = user('alex.cloud@contoso.com');
    const manager = t.tenant.directory.getUser(alex.managerId!)!;
    const view = await openWhole(h, alex.id);
    const option = view.verification.options.find((o) => o.type === 'manager')!;
    expect(option).toMatchObject({ id: 'manager', source: 'manager' });
    expect(option.label).toContain(manager.displayName);
    const c = await h.call<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'manager',
      optionId: 'manager',
    });
    const code = await latestCode(h, manager.mail!);
    expect(t.tenant.outbox.list({ to: manager.mail! }).at(-1)!.body).toContain(alex.displayName);
    const passed = await h.call<ChallengeAnswer>('verify:check-code', {
      callId: view.callId,
      challengeId: c.challengeId,
      code,
    });
    expect(passed.verification.passed).toEqual(['manager']);
    expect((await passKnowledge(view.callId, alex)).verification.met).toBe(true);
    // Knowledge questions are asked once per call.
    expect(await h.refused('verify:start-challenge', { callId: view.callId, type: 'knowledge' })).toBe('not_allowed');
    const run = await h.call<RunSummary>('reset:run', { callId: view.callId, actions: [{ kind: 'resetPassword' }] });
    const secretId = run.results[0]!.secretId!;
    expect(await h.refused('reset:send-secret', { callId: view.callId, secretId, via: 'email' })).toBe('not_allowed');
    const shown = await h.call<{ value: string }>('reset:reveal-secret', { callId: view.callId, secretId });
    await h.call('call:close', { callId: view.callId, outcome: 'resolved' });
    expectNoSecrets(h, [shown.value, code]);
  });
});

describe('refusals before any Graph call', () => {
  it('refuses a Helpdesk Administrator a Global Administrator target, with the reason and who can', async () => {
    const ga = user('target.globaladministrator@contoso.com');
    const view = await openWhole(h, ga.id);
    expect(view.eligibility.resetPassword).toMatchObject({
      allowed: false,
      whoCan: ['Privileged Authentication Administrator', 'Global Administrator'],
    });
    expect(view.verification.required).toBe(2);
    const before = h.requests.length;
    const passwordBefore = ga.password;
    const r = await h.router.dispatch(
      'reset:run',
      { callId: view.callId, actions: [{ kind: 'resetPassword' }] },
      { transport: 'ipc' },
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'not_allowed', message: expect.stringContaining('Global Administrator') },
    });
    expect(await h.refused('reset:run', { callId: view.callId, actions: [{ kind: 'issueTap' }] })).toBe('not_allowed');
    expect(h.requests.length).toBe(before);
    expect(ga.password).toBe(passwordBefore);
    await h.call('call:close', { callId: view.callId, outcome: 'escalated' });
  });

  it('refuses MFA re-registration without the explicit confirmation, by schema', async () => {
    const alex = user('alex.cloud@contoso.com');
    const view = await openWhole(h, alex.id);
    expect(await h.refused('reset:run', { callId: view.callId, actions: [{ kind: 'requireMfaReregistration' }] })).toBe(
      'invalid_input',
    );
    expect(
      await h.refused('reset:run', {
        callId: view.callId,
        actions: [{ kind: 'requireMfaReregistration', confirm: false }],
      }),
    ).toBe('invalid_input');
    await h.call('call:close', { callId: view.callId, outcome: 'abandoned' });
  });
});
