// How the forwarder reads a failed upload: Retry-After honoured on 429, back-off otherwise, messages for agents.
import { describe, expect, it } from 'vitest';
import { classifyFailure, DEFAULT_BACKOFF, retryAfterMs } from '../../../src/main/core/forwarding';
import { ResetlineError } from '../../../src/shared/result';

const rest = (statusCode: number | undefined, retryAfter?: string) => ({
  errors: [
    {
      cause: {
        statusCode,
        response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
      },
    },
  ],
});

describe('classifyFailure', () => {
  it('waits the Retry-After of a 429, in seconds or as a date', () => {
    expect(classifyFailure(rest(429, '7'), 0, DEFAULT_BACKOFF, 0)).toMatchObject({ retryInMs: 7_000, status: 429 });
    const now = Date.UTC(2026, 0, 1);
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('backs off exponentially on 5xx and network failures, up to the cap', () => {
    expect(classifyFailure(rest(503), 0, DEFAULT_BACKOFF, 0).retryInMs).toBe(2_000);
    expect(classifyFailure(rest(undefined), 3, DEFAULT_BACKOFF, 0)).toMatchObject({
      retryInMs: 16_000,
      message: expect.stringMatching(/Could not reach Azure Monitor/) as string,
    });
    expect(classifyFailure(rest(500), 30, DEFAULT_BACKOFF, 0).retryInMs).toBe(DEFAULT_BACKOFF.capMs);
  });

  it('names the role an admin must give on 403, and asks for a sign-in when signed out', () => {
    expect(classifyFailure(rest(403), 0, DEFAULT_BACKOFF, 0).message).toMatch(/Monitoring Metrics Publisher/);
    expect(classifyFailure(new ResetlineError('signed_out', 'x'), 0, DEFAULT_BACKOFF, 0).message).toMatch(/^Sign in/);
  });
});
