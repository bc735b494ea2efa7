// Verification hardened against the desk and the phone, through the real handlers and the demo tenant:
// knowledge questions never verify on their own and their answers are not on the card; only an agent
// who can act on the caller sends codes, and codes are limited per caller across calls; wrong codes
// and answers lock the caller across calls until the set time has passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView, ChallengeAnswer, ChallengeView, VerificationState } from '../../../src/shared/caller';
import { VerificationPolicyInput } from '../../../src/shared/settings';
import type { CallerCard } from '../../../src/shared/users';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import { VERIFY_LIMITS } from '../../../src/main/core/verify/attempts';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import {
  createCallerHarness,
  latestCode,
  openWhole,
  SHORT_WINDOWS,
  testPolicy,
  type CallerHarness,
} from '../../support/callerHarness';

let t: TestTenant;
let helpdesk: CallerHarness;
let reader: CallerHarness;

beforeAll(async () => {
  t = await startTestTenant({ users: 60, knobs: SHORT_WINDOWS });
  helpdesk = await createCallerHarness(t, 'helpdesk');
  // team.lead holds Reports Reader only: no action on any caller.
  reader = await createCallerHarness(t, 'team-lead');
  for (const h of [helpdesk, reader]) setVerificationPolicy(h.store.db, testPolicy(1));
});
afterAll(async () => {
  for (const h of [helpdesk, reader]) h?.dispose();
  await t?.close();
});

const user = (upn: string): DemoUser => {
  const u = t.tenant.directory.findUserByUpn(upn);
  if (!u) throw new Error(`no ${upn}`);
  return u;
};
const e164 = (n: string) => n.replace(/\s/g, '');
const lastFour = (u: DemoUser) => (u.employeeId ?? '').replace(/\D/g, '').slice(-4);

function answerFor(u: DemoUser, questionId: string): string {
  if (questionId === 'employee-id') return lastFour(u);
  if (questionId === 'hire-month') return (u.employeeHireDate ?? '').slice(0, 7);
  throw new Error(`a question that should not be asked: ${questionId}`);
}

async function sendSms(h: CallerHarness, callId: string, view: CallView): Promise<ChallengeView> {
  const option = view.verification.options.find((o) => o.type === 'sms')!;
  return h.call<ChallengeView>('verify:start-challenge', { callId, type: 'sms', optionId: option.id });
}

async function wrongCodes(h: CallerHarness, callId: string, c: ChallengeView, code: string, n: number) {
  const wrong = String((Number(code) + 1) % 1e8).padStart(8, '0');
  const results: string[] = [];
  for (let i = 0; i < n; i++)
    results.push(
      (await h.call<ChallengeAnswer>('verify:check-code', { callId, challengeId: c.challengeId, code: wrong })).result,
    );
  return results;
}

describe('knowledge questions (item 5)', () => {
  it('never verify on their own, ask nothing every member can read, and are not answered by the card', async () => {
    const parsed = VerificationPolicyInput.safeParse({ ...testPolicy(1), allowedTypes: ['knowledge'] });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('knowledge questions never count on their own');

    const alex = user('alex.cloud@contoso.com');
    expect(lastFour(alex)).toHaveLength(4);
    const view = await openWhole(helpdesk, alex.id);
    // The answers are on neither card the renderer gets; the public fields stay (they are not asked).
    const card = await helpdesk.call<CallerCard>('users:get-caller', { id: alex.id });
    for (const c of [view.card, card]) {
      expect(c.user.employeeId).not.toContain(lastFour(alex));
      expect(c.user.employeeId).toMatch(/••••$/);
      expect(c.user.employeeHireDate).toBeNull();
      expect(c.user.department).toBe(alex.department);
    }

    let challenge = await helpdesk.call<ChallengeView>('verify:start-challenge', {
      callId: view.callId,
      type: 'knowledge',
    });
    const asked: string[] = [];
    let last: ChallengeAnswer | undefined;
    while (challenge.status === 'open' && challenge.question) {
      asked.push(challenge.question.id);
      last = await helpdesk.call<ChallengeAnswer>('verify:answer-question', {
        callId: view.callId,
        challengeId: challenge.challengeId,
        questionId: challenge.question.id,
        answer: answerFor(alex, challenge.question.id),
      });
      challenge = last.challenge;
    }
    expect(asked.sort()).toEqual(['employee-id', 'hire-month']);
    // One check required and knowledge passed — still not verified: knowledge counts only beside another check.
    expect(last!.result).toBe('passed');
    expect(last!.verification).toMatchObject({ required: 1, passed: ['knowledge'], met: false });
    expect(await helpdesk.refused('reset:run', { callId: view.callId, actions: [{ kind: 'resetPassword' }] })).toBe(
      'verification_required',
    );

    const c = await sendSms(helpdesk, view.callId, view);
    const code = await latestCode(helpdesk, e164(alex.mobilePhone!));
    const ok = await helpdesk.call<ChallengeAnswer>('verify:check-code', {
      callId: view.callId,
      challengeId: c.challengeId,
      code,
    });
    expect(ok.verification).toMatchObject({ passed: ['knowledge', 'sms'], met: true });
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'abandoned' });
  });
});

describe('sending codes (item 9)', () => {
  it('refuses a Reports Reader, who can do nothing for the caller, before anything is sent', async () => {
    const alex = user('alex.cloud@contoso.com');
    const view = await openWhole(reader, alex.id);
    expect(view.eligibility.resetPassword.allowed).toBe(false);
    const sent = t.tenant.outbox.list({}).length;
    for (const type of ['sms', 'email', 'manager', 'knowledge'] as const) {
      const option = view.verification.options.find((o) => o.type === type);
      if (type !== 'knowledge') expect(option, type).toBeDefined();
      expect(
        await reader.refused('verify:start-challenge', { callId: view.callId, type, optionId: option?.id }),
        type,
      ).toBe('not_allowed');
    }
    expect(t.tenant.outbox.list({}).length).toBe(sent);
    await reader.call('call:close', { callId: view.callId, outcome: 'abandoned' });
  });

  it('sends at most three codes to one caller in 15 minutes, however often the call is closed and reopened', async () => {
    const evan = user('evan.expired@contoso.com');
    const sentTo = () => t.tenant.outbox.list({}).length;
    for (let i = 0; i < VERIFY_LIMITS.codesPerTarget; i++) {
      const view = await openWhole(helpdesk, evan.id);
      await sendSms(helpdesk, view.callId, view);
      await helpdesk.call('call:close', { callId: view.callId, outcome: 'abandoned' });
    }
    const before = sentTo();
    const view = await openWhole(helpdesk, evan.id);
    for (const type of ['sms', 'email'] as const) {
      const option = view.verification.options.find((o) => o.type === type)!;
      const r = await helpdesk.router.dispatch(
        'verify:start-challenge',
        { callId: view.callId, type, optionId: option.id },
        { transport: 'ipc' },
      );
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'resend_too_soon',
          message: expect.stringMatching(
            /^3 codes were sent to this user in the last 15 minutes; wait until .+ or verify another way\.$/,
          ),
        },
      });
    }
    expect(sentTo()).toBe(before);
    // Once the window has passed, a code goes again.
    helpdesk.clock.advance(VERIFY_LIMITS.sendWindowMs);
    await sendSms(helpdesk, view.callId, view);
    expect(sentTo()).toBe(before + 1);
    await helpdesk.call('call:close', { callId: view.callId, outcome: 'abandoned' });
  });
});

describe('locking the caller (item 13)', () => {
  it('keeps a caller locked across close and reopen after five wrong codes, until the set time has passed', async () => {
    const erin = user('erin.everything@contoso.com');
    const first = await openWhole(helpdesk, erin.id);
    const c = await sendSms(helpdesk, first.callId, first);
    const code = await latestCode(helpdesk, e164(erin.mobilePhone!));
    expect(await wrongCodes(helpdesk, first.callId, c, code, 5)).toEqual([
      'incorrect',
      'incorrect',
      'incorrect',
      'incorrect',
      'locked',
    ]);
    await helpdesk.call('call:close', { callId: first.callId, outcome: 'not-verified' });

    helpdesk.clock.advance(2 * 60_000);
    const again = await openWhole(helpdesk, erin.id);
    expect(again.verification.met).toBe(false);
    expect(again.verification.lockout).toMatchObject({ failures: 5 });
    const until = Date.parse(again.verification.lockout!.lockedUntil);
    expect(until).toBe(Date.parse(again.verification.lockout!.lastFailureAt) + VERIFY_LIMITS.lockMs);
    for (const type of ['sms', 'email', 'knowledge'] as const) {
      const option = again.verification.options.find((o) => o.type === type);
      const r = await helpdesk.router.dispatch(
        'verify:start-challenge',
        { callId: again.callId, type, optionId: option?.id },
        { transport: 'ipc' },
      );
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'challenge_locked',
          message: expect.stringMatching(/^Failed verification 2 minutes ago — locked until /),
        },
      });
    }
    // The lock holds to the minute, then lifts.
    helpdesk.clock.advance(until - helpdesk.clock.now() - 1);
    expect(await helpdesk.refused('verify:start-challenge', { callId: again.callId, type: 'knowledge' })).toBe(
      'challenge_locked',
    );
    helpdesk.clock.advance(1);
    const state = await helpdesk.call<VerificationState>('verify:get-state', { callId: again.callId });
    expect(state.lockout).toBeNull();
    const fresh = await sendSms(helpdesk, again.callId, again);
    expect(fresh).toMatchObject({ status: 'open', attemptsLeft: 5 });
    await helpdesk.call('call:close', { callId: again.callId, outcome: 'abandoned' });
  });

  it('counts wrong knowledge answers toward the lock, from another call', async () => {
    const sam = user('sam.synced@contoso.com');
    const first = await openWhole(helpdesk, sam.id);
    const c = await sendSms(helpdesk, first.callId, first);
    const code = await latestCode(helpdesk, e164(sam.mobilePhone!));
    expect(await wrongCodes(helpdesk, first.callId, c, code, 4)).toEqual(Array(4).fill('incorrect'));
    await helpdesk.call('call:close', { callId: first.callId, outcome: 'not-verified' });

    const second = await openWhole(helpdesk, sam.id);
    expect(second.verification.lockout).toBeNull();
    const k = await helpdesk.call<ChallengeView>('verify:start-challenge', {
      callId: second.callId,
      type: 'knowledge',
    });
    const answer = await helpdesk.call<ChallengeAnswer>('verify:answer-question', {
      callId: second.callId,
      challengeId: k.challengeId,
      questionId: k.question!.id,
      answer: 'no idea',
    });
    expect(answer.verification.lockout).toMatchObject({ failures: 5 });
    expect(answer.verification.met).toBe(false);
    expect(
      await helpdesk.refused('verify:start-challenge', { callId: second.callId, type: 'sms', optionId: 'sms-profile' }),
    ).toBe('challenge_locked');
    await helpdesk.call('call:close', { callId: second.callId, outcome: 'not-verified' });
  });
});
