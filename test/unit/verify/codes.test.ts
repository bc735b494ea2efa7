// The code lifecycle with an injected clock: lock after the attempt limit, expiry, resend
// cool-down, and that the comparison goes through crypto.timingSafeEqual on salted HMACs.
import type * as Crypto from 'node:crypto';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import {
  ChallengeClosedError,
  CODE_LIFETIME_MS,
  CodeChallenge,
  generateCode,
  RESEND_COOLDOWN_MS,
  ResendTooSoonError,
} from '../../../src/main/core/verify/codes';

/**
 * Watches the real crypto.timingSafeEqual while `run` runs, in every module that imported it. A spy on
 * Node's own module reaches `import { timingSafeEqual } from 'node:crypto'` through
 * syncBuiltinESMExports, whenever codes.ts was loaded (vi.mock would reach it only if it were loaded
 * after the mock, i.e. only in a fresh module graph, and would stay behind for the next file).
 */
function watchTimingSafeEqual(run: () => void): [a: unknown, b: unknown][] {
  const crypto = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  const spy = vi.spyOn(crypto, 'timingSafeEqual');
  syncBuiltinESMExports();
  try {
    run();
    return spy.mock.calls.map(([a, b]) => [a, b]);
  } finally {
    spy.mockRestore();
    syncBuiltinESMExports();
  }
}

function clock(start = 1_750_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const wrong = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

describe('verification codes', () => {
  it('makes codes of 6 to 8 digits and refuses other lengths', () => {
    for (const n of [6, 7, 8]) expect(generateCode(n)).toMatch(new RegExp(`^\\d{${n}}$`));
    expect(() => generateCode(5)).toThrow(RangeError);
    expect(() => generateCode(9)).toThrow(RangeError);
  });

  it('accepts the right code once', () => {
    const c = clock();
    const { challenge, code } = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 5 });
    expect(challenge.check(code)).toBe('passed');
    expect(challenge.status).toBe('passed');
    expect(() => challenge.check(code)).toThrow(ChallengeClosedError);
  });

  it('refuses a code after five wrong attempts, even the right one', () => {
    const c = clock();
    const { challenge, code } = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 5 });
    const results = Array.from({ length: 5 }, () => challenge.check(wrong(code)));
    expect(results).toEqual(['incorrect', 'incorrect', 'incorrect', 'incorrect', 'locked']);
    expect(challenge.attemptsLeft).toBe(0);
    expect(challenge.check(code)).toBe('locked');
    expect(() => challenge.resend()).toThrow(ChallengeClosedError);
  });

  it('refuses the right code once ten minutes have passed', () => {
    const c = clock();
    const { challenge, code } = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 5 });
    c.advance(CODE_LIFETIME_MS - 1);
    expect(challenge.status).toBe('open');
    c.advance(1);
    expect(challenge.check(code)).toBe('expired');
    expect(challenge.status).toBe('expired');
  });

  it('refuses a resend inside the cool-down, then sends a new code that replaces the old', () => {
    const c = clock();
    const { challenge, code } = CodeChallenge.issue({ clock: c.now, length: 8, maxAttempts: 5 });
    c.advance(RESEND_COOLDOWN_MS - 1);
    expect(() => challenge.resend()).toThrow(ResendTooSoonError);
    c.advance(1);
    let fresh = challenge.resend();
    // A resend may by chance draw the same digits; draw again after another cool-down.
    while (fresh === code) {
      c.advance(RESEND_COOLDOWN_MS);
      fresh = challenge.resend();
    }
    expect(challenge.check(code)).toBe('incorrect');
    expect(challenge.check(fresh)).toBe('passed');
  });

  it('carries wrong attempts over a resend, so resending does not reset the lock', () => {
    const c = clock();
    const { challenge, code } = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 3 });
    challenge.check(wrong(code));
    challenge.check(wrong(code));
    c.advance(RESEND_COOLDOWN_MS);
    const fresh = challenge.resend();
    expect(challenge.attemptsLeft).toBe(1);
    expect(challenge.check(wrong(fresh))).toBe('locked');
  });

  it('revives an expired challenge by resending, with a fresh ten minutes', () => {
    const c = clock();
    const { challenge } = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 5 });
    c.advance(CODE_LIFETIME_MS + 1);
    expect(challenge.status).toBe('expired');
    const fresh = challenge.resend();
    c.advance(CODE_LIFETIME_MS - 1);
    expect(challenge.check(fresh)).toBe('passed');
  });

  it('compares salted HMAC digests in constant time, never the code itself', () => {
    const c = clock();
    const { challenge, code } = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 5 });
    const calls = watchTimingSafeEqual(() => {
      expect(challenge.check(wrong(code))).toBe('incorrect');
      expect(challenge.check(code)).toBe('passed');
    });
    expect(calls).toHaveLength(2);
    for (const [a, b] of calls) {
      expect(Buffer.isBuffer(a) && Buffer.isBuffer(b)).toBe(true);
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).includes(Buffer.from(code))).toBe(false);
    }
  });

  it('keeps no plain copy of the code in the challenge object', () => {
    const c = clock();
    const { challenge, code } = CodeChallenge.issue({ clock: c.now, length: 8, maxAttempts: 5 });
    const seen = JSON.stringify(
      Object.values(challenge as object).map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
    );
    expect(seen.includes(code)).toBe(false);
  });

  it('salts each challenge: the same code hashes differently', () => {
    const c = clock();
    const a = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 5 }).challenge as unknown as { salt: Buffer };
    const b = CodeChallenge.issue({ clock: c.now, length: 6, maxAttempts: 5 }).challenge as unknown as { salt: Buffer };
    expect(a.salt.equals(b.salt)).toBe(false);
  });
});
