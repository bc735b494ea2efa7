// One-time verification codes: digits from a CSPRNG, kept only as HMAC-SHA256 under a per-challenge
// random salt, compared in constant time, expiring, locking after too many wrong tries, with a
// resend cool-down. The plain code leaves this module once, to be sent, and is never kept.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { CodeChallengeState, CodeCheck, CodeStatus } from '../call/challenges';
import type { Clock } from '../call/core';

export const CODE_LIFETIME_MS = 10 * 60_000;
export const RESEND_COOLDOWN_MS = 30_000;

export class ResendTooSoonError extends Error {
  constructor(readonly canResendAt: number) {
    super(`A new code can be sent at ${new Date(canResendAt).toISOString()}.`);
    this.name = 'ResendTooSoonError';
  }
}

export class ChallengeClosedError extends Error {
  constructor(readonly status: Exclude<CodeStatus, 'open'>) {
    super(`The challenge is ${status}.`);
    this.name = 'ChallengeClosedError';
  }
}

export function generateCode(length: number): string {
  if (!Number.isInteger(length) || length < 6 || length > 8) throw new RangeError('A code has 6 to 8 digits.');
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

function digest(salt: Buffer, code: string): Buffer {
  return createHmac('sha256', salt).update(code, 'utf8').digest();
}

export class CodeChallenge implements CodeChallengeState {
  private salt: Buffer = Buffer.alloc(0);
  private hash: Buffer = Buffer.alloc(0);
  private wrong = 0;
  private state: CodeStatus = 'open';
  private issuedAt = 0;

  private constructor(
    private readonly clock: Clock,
    private readonly length: number,
    readonly maxAttempts: number,
  ) {}

  /** A new challenge and the one plain copy of its code, to be sent and dropped. */
  static issue(opts: { clock: Clock; length: number; maxAttempts: number }): {
    challenge: CodeChallenge;
    code: string;
  } {
    const challenge = new CodeChallenge(opts.clock, opts.length, opts.maxAttempts);
    return { challenge, code: challenge.rotate() };
  }

  private rotate(): string {
    const code = generateCode(this.length);
    this.salt = randomBytes(32);
    this.hash = digest(this.salt, code);
    this.issuedAt = this.clock();
    return code;
  }

  get expiresAt(): number {
    return this.issuedAt + CODE_LIFETIME_MS;
  }

  get canResendAt(): number {
    return this.issuedAt + RESEND_COOLDOWN_MS;
  }

  get attemptsLeft(): number {
    return Math.max(0, this.maxAttempts - this.wrong);
  }

  /** The status now: an open challenge past its lifetime is expired. */
  get status(): CodeStatus {
    if (this.state === 'open' && this.clock() >= this.expiresAt) this.state = 'expired';
    return this.state;
  }

  /**
   * A fresh code (the old one stops working) once the cool-down has passed. Wrong attempts carry
   * over, so resending is no way around the lock.
   */
  resend(): string {
    const status = this.status;
    if (status === 'passed' || status === 'locked') throw new ChallengeClosedError(status);
    if (this.clock() < this.canResendAt) throw new ResendTooSoonError(this.canResendAt);
    this.state = 'open';
    return this.rotate();
  }

  check(code: string): CodeCheck {
    const status = this.status;
    if (status === 'expired' || status === 'locked') return status;
    if (status === 'passed') throw new ChallengeClosedError('passed');
    // Same-length digests always: the comparison time says nothing about the code.
    if (timingSafeEqual(digest(this.salt, code), this.hash)) {
      this.state = 'passed';
      this.hash = Buffer.alloc(0);
      return 'passed';
    }
    this.wrong += 1;
    if (this.wrong >= this.maxAttempts) {
      this.state = 'locked';
      this.hash = Buffer.alloc(0);
      return 'locked';
    }
    return 'incorrect';
  }
}
