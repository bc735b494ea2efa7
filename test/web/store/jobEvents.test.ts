// A job followed by its `jobs:progress` events through the real store (createResetlineStore over a fake
// transport): each event shows at once with no jobs:get, a final one is confirmed by exactly one jobs:get,
// a stream that goes down falls back to polling and, back up, catches up with one read; nothing is read
// or shown once the follow is cancelled. Time is vitest's fake clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../src/shared/jobs';
import { ok, type Result } from '../../../src/shared/result';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { EVENT_SAFETY_POLLS, JOB_POLL_MS } from '../../../src/renderer/src/store/jobs';
import { eventsByHand } from '../support/events';
import { deferred, fakeApi } from '../support/fakeApi';
import { jobAs } from '../support/jobs';

afterEach(() => {
  vi.useRealTimers();
});

const running = (done: number) => jobAs('running', { progress: { done, total: 10 } });
const finished = jobAs('done', {
  progress: { done: 10, total: 10 },
  result: { type: 'file', rows: 10, path: '/x.csv' },
});

function storeWith(answers: { get: () => Job }, stream: 'up' | 'down' = 'up') {
  const reads: string[] = [];
  const events = eventsByHand(stream);
  const api = fakeApi({
    jobs: {
      start: async () => ok(running(0)),
      get: async ({ jobId }) => (reads.push(jobId), ok(answers.get())),
      cancel: async () => ok(jobAs('cancelled')),
    },
  });
  return { store: createResetlineStore(events.over(api)), events, reads };
}

describe('a job followed by its events', () => {
  it('shows each event at once, reads nothing while they come, and confirms the final one with one jobs:get', async () => {
    vi.useFakeTimers();
    const { store, events, reads } = storeWith({ get: () => finished });
    const delivered = vi.fn(async (_job: Job) => undefined);
    const run = store.getState().startHistoryExport(delivered);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().history.export).toEqual({ status: 'running', job: running(0) });
    events.send(running(4));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().history.export).toEqual({ status: 'running', job: running(4) });
    // Another job's event is not this one's.
    events.send({ ...running(9), id: 'someone-else' });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * EVENT_SAFETY_POLLS - 1);
    expect(store.getState().history.export).toEqual({ status: 'running', job: running(4) });
    expect(reads).toEqual([]);
    events.send({ ...finished, result: null });
    await run;
    expect(reads).toEqual(['j1']);
    expect(delivered).toHaveBeenCalledWith(finished);
    expect(store.getState().history.export).toEqual({ status: 'done', job: finished });
    expect(events.listening()).toBe(0);
  });

  it('reads the job once after a long silence while the stream is up, so a lost final event cannot hang it', async () => {
    vi.useFakeTimers();
    const { store, events, reads } = storeWith({ get: () => finished });
    const run = store.getState().startHistoryExport(async () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    events.send(running(4));
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * EVENT_SAFETY_POLLS - 1);
    expect(reads).toEqual([]);
    // The final event never comes: the safety read finds the job over.
    await vi.advanceTimersByTimeAsync(1);
    await run;
    expect(reads).toEqual(['j1']);
    expect(store.getState().history.export).toEqual({ status: 'done', job: finished });
  });

  it('polls while the stream is down, and reads once when it is back up', async () => {
    vi.useFakeTimers();
    const answers = [running(2), running(3), running(5)];
    const { store, events, reads } = storeWith({ get: () => answers.shift() ?? finished }, 'down');
    const run = store.getState().startHistoryExport(async () => undefined);
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    expect(reads).toHaveLength(1);
    expect(store.getState().history.export).toEqual({ status: 'running', job: running(2) });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    expect(reads).toHaveLength(2);
    // Back up: one read for what was sent meanwhile, then no more reads while nothing comes.
    events.stream('up');
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveLength(3);
    expect(store.getState().history.export).toEqual({ status: 'running', job: running(5) });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * EVENT_SAFETY_POLLS - 1);
    expect(reads).toHaveLength(3);
    // Down again: polling resumes and finds the job over.
    events.stream('down');
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    await run;
    expect(reads).toHaveLength(4);
    expect(store.getState().history.export).toEqual({ status: 'done', job: finished });
  });

  it('keeps an event that arrives before jobs:start answers', async () => {
    vi.useFakeTimers();
    const events = eventsByHand('up');
    const answer = deferred<Result<Job>>();
    const store = createResetlineStore(
      events.over(fakeApi({ jobs: { start: () => answer.promise, get: async () => ok(finished) } })),
    );
    const run = store.getState().startHistoryExport(async () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    events.send(running(6));
    answer.resolve(ok(running(0)));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().history.export).toEqual({ status: 'running', job: running(6) });
    events.send(finished);
    await run;
    expect(store.getState().history.export).toEqual({ status: 'done', job: finished });
  });

  it('stops listening and reading once cancelled; a late event changes nothing', async () => {
    vi.useFakeTimers();
    const { store, events, reads } = storeWith({ get: () => running(1) });
    const run = store.getState().startHistoryExport(async () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(events.listening()).toBe(1);
    await store.getState().cancelHistoryExport();
    await run;
    expect(events.listening()).toBe(0);
    events.send(running(7));
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 10);
    expect(reads).toEqual([]);
    expect(store.getState().history.export).toEqual({ status: 'cancelled', job: jobAs('cancelled') });
  });
});
