// Verification attempts across calls, on a real SQLite file: the per-agent code limit, the lock's
// sliding window, knowledge counted only beside another check, and the card without the answers.
import { afterEach, describe, expect, it } from 'vitest';
import type { ResetlineError } from '../../../src/shared/result';
import {
  assertCanAskKnowledge,
  assertCanSendCode,
  forgetAttempt,
  policyMet,
  recordAttempt,
  targetLock,
  VERIFY_LIMITS,
  type AttemptScope,
} from '../../../src/main/core/verify/attempts';
import { maskEmployeeId } from '../../../src/main/core/verify/cardFields';
import { tempDb, type TempDb } from '../store/tempDb';

let store: TempDb | undefined;
afterEach(() => {
  store?.dispose();
  store = undefined;
});

const T0 = Date.UTC(2026, 0, 5, 9, 0);
function scope(over: Partial<AttemptScope> = {}): AttemptScope {
  store ??= tempDb();
  return { db: store.db, tenantKey: 'demo:t1', targetId: 'u1', agentId: 'a1', now: T0, ...over };
}
const refusal = (f: () => void): ResetlineError | null => {
  try {
    f();
    return null;
  } catch (error) {
    return error as ResetlineError;
  }
};

describe('code limits', () => {
  it('lets one agent send ten codes in 15 minutes, to anyone, and refuses the eleventh until the first ages out', () => {
    store = tempDb();
    for (let i = 0; i < VERIFY_LIMITS.codesPerAgent; i++) {
      const s = scope({ targetId: `u${i}`, now: T0 + i * 60_000 });
      expect(refusal(() => assertCanSendCode(s))).toBeNull();
      recordAttempt(s, 'sms', 'sent');
    }
    const eleventh = scope({ targetId: 'u-new', now: T0 + 10 * 60_000 });
    expect(refusal(() => assertCanSendCode(eleventh))).toMatchObject({
      code: 'resend_too_soon',
      message: expect.stringMatching(/^You have sent 10 codes in the last 15 minutes/),
    });
    // Another agent, or the same one in another tenant, is not held back by it.
    expect(refusal(() => assertCanSendCode({ ...eleventh, agentId: 'a2' }))).toBeNull();
    expect(refusal(() => assertCanSendCode({ ...eleventh, tenantKey: 'global:t2' }))).toBeNull();
    expect(refusal(() => assertCanSendCode({ ...eleventh, now: T0 + VERIFY_LIMITS.sendWindowMs }))).toBeNull();
  });

  it('does not count a code the provider refused, nor knowledge checks', () => {
    const s = scope();
    for (let i = 0; i < 5; i++) recordAttempt(s, 'knowledge', 'sent');
    for (let i = 0; i < 3; i++) forgetAttempt(s, recordAttempt(s, 'email', 'sent'));
    expect(refusal(() => assertCanSendCode(s))).toBeNull();
    expect(refusal(() => assertCanAskKnowledge(s))).toMatchObject({ code: 'not_allowed' });
  });
});

describe('the lock', () => {
  it('locks after five failures within 15 minutes, for 30 minutes after the last, and not for five spread wider', () => {
    const s = scope();
    const fail = (minute: number) => recordAttempt({ ...s, now: T0 + minute * 60_000 }, 'sms', 'failed');
    [0, 10, 20, 30].forEach(fail); // never five within 15 minutes
    expect(targetLock({ ...s, now: T0 + 31 * 60_000 })).toBeNull();
    [31, 32, 33].forEach(fail); // 20, 30, 31, 32, 33: five within 13 minutes
    const lock = targetLock({ ...s, now: T0 + 34 * 60_000 });
    expect(lock).toEqual({
      failures: 5,
      lastFailureAt: new Date(T0 + 33 * 60_000).toISOString(),
      lockedUntil: new Date(T0 + 33 * 60_000 + VERIFY_LIMITS.lockMs).toISOString(),
    });
    expect(targetLock({ ...s, now: T0 + 33 * 60_000 + VERIFY_LIMITS.lockMs - 1 })).not.toBeNull();
    expect(targetLock({ ...s, now: T0 + 33 * 60_000 + VERIFY_LIMITS.lockMs })).toBeNull();
    // Another caller is not locked by it.
    expect(targetLock({ ...s, targetId: 'u2', now: T0 + 34 * 60_000 })).toBeNull();
  });

  it('keeps no code, answer or address: only who, whom, which kind, what and when', () => {
    const s = scope();
    recordAttempt(s, 'manager', 'sent');
    const cols = (store!.db.prepare('PRAGMA table_info(verify_attempts)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(cols).toEqual(['id', 'tenant_key', 'target_id', 'agent_id', 'type', 'outcome', 'at']);
  });
});

describe('knowledge', () => {
  it('meets the policy only beside another type of check', () => {
    expect(policyMet(['knowledge'], 1)).toBe(false);
    expect(policyMet(['knowledge', 'sms'], 1)).toBe(true);
    expect(policyMet(['knowledge', 'manager'], 2)).toBe(true);
    expect(policyMet(['sms'], 1)).toBe(true);
    expect(policyMet(['sms'], 2)).toBe(false);
  });

  it('masks exactly the digits the question asks', () => {
    expect(maskEmployeeId('E104211')).toBe('E10••••');
    expect(maskEmployeeId('42-11-9')).toBe('4•-••-•');
    expect(maskEmployeeId(null)).toBeNull();
  });
});
