// pollUntil: the one loop that follows work main is still doing.
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../src/shared/result';
import { delay, pollUntil } from '../../../src/renderer/src/store/poll';
import { deferred } from '../support/fakeApi';

/** A reader answering from a script, counting its reads. */
function script<T>(answers: Result<T>[]) {
  const reader = {
    reads: 0,
    read: async (): Promise<Result<T>> => {
      const answer = answers[Math.min(reader.reads, answers.length - 1)]!;
      reader.reads++;
      return answer;
    },
  };
  return reader;
}

describe('pollUntil', () => {
  it('reads until the answer says it is over, handing every answer on', async () => {
    const reader = script([ok(1), ok(2), ok(3), ok(4)]);
    const seen: number[] = [];
    const outcome = await pollUntil({
      read: reader.read,
      until: (n) => n >= 3,
      onAnswer: (n) => seen.push(n),
      intervalMs: 1,
    });
    expect(outcome).toEqual({ status: 'done', value: 3 });
    expect(seen).toEqual([1, 2, 3]);
    expect(reader.reads).toBe(3);
  });

  it('stops after maxReads when the condition never holds', async () => {
    const reader = script([ok('running')]);
    const outcome = await pollUntil({ read: reader.read, until: () => false, intervalMs: 1, maxReads: 4 });
    expect(outcome).toEqual({ status: 'exhausted', value: 'running' });
    expect(reader.reads).toBe(4);
  });

  it('ends with the error of a failed read, and turns a thrown read into one', async () => {
    const reader = script<number>([ok(1), fail('throttled', 'Slow down.'), ok(2)]);
    expect(await pollUntil({ read: reader.read, until: () => false, intervalMs: 1 })).toEqual({
      status: 'error',
      error: { code: 'throttled', message: 'Slow down.' },
    });
    expect(reader.reads).toBe(2);
    const thrown = await pollUntil({ read: () => Promise.reject(new Error('gone')), until: () => true, intervalMs: 1 });
    expect(thrown).toMatchObject({ status: 'error', error: { code: 'unavailable' } });
  });

  it('reads again after a failure when told to retry', async () => {
    const reader = script<number>([fail('network', 'x'), fail('network', 'x'), ok(3)]);
    const outcome = await pollUntil({ read: reader.read, until: () => true, intervalMs: 1, onError: 'retry' });
    expect(outcome).toEqual({ status: 'done', value: 3 });
    expect(reader.reads).toBe(3);
  });

  it('makes no read once aborted during the wait', async () => {
    const reader = script([ok(1)]);
    const controller = new AbortController();
    const polling = pollUntil({ read: reader.read, until: () => false, intervalMs: 60_000, signal: controller.signal });
    controller.abort();
    expect(await polling).toEqual({ status: 'aborted' });
    expect(reader.reads).toBe(0);
  });

  it('drops the answer of a read that was under way when aborted', async () => {
    const controller = new AbortController();
    const answer = deferred<Result<number>>();
    let reads = 0;
    const seen: number[] = [];
    const polling = pollUntil({
      read: () => {
        reads++;
        return answer.promise;
      },
      onAnswer: (n) => seen.push(n),
      until: () => true,
      intervalMs: 1,
      signal: controller.signal,
    });
    while (reads === 0) await delay(1);
    controller.abort();
    answer.resolve(ok(1));
    expect(await polling).toEqual({ status: 'aborted' });
    expect(seen).toEqual([]);
  });
});

describe('delay', () => {
  it('resolves false at once for an aborted signal', async () => {
    expect(await delay(60_000, AbortSignal.abort())).toBe(false);
    expect(await delay(0)).toBe(true);
  });
});
