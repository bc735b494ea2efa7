// The Self-service screen's Refresh through the store: an `sspr-refresh` job of the preset's range, its
// progress shown from `jobs:progress` events (no poll while they come), the cache read once it is over; a
// failure keeps the range fetched before on screen with the agent's message; a cancel stops the job and
// reads that range again; the agent leaving stops following it. Time is vitest's fake clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobStartRequest } from '../../../src/shared/jobs';
import { ok, type Result } from '../../../src/shared/result';
import type { SsprPage, SsprStats } from '../../../src/shared/sspr';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { JOB_POLL_MS } from '../../../src/renderer/src/store/jobs';
import { SSPR_PRESETS } from '../../../src/renderer/src/store/ssprSlice';
import { eventsByHand } from '../support/events';
import { fakeApi } from '../support/fakeApi';
import { jobAs } from '../support/jobs';

afterEach(() => {
  vi.useRealTimers();
});

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const PAGE: SsprPage = { events: [], nextCursor: null, fetchedAt: '2026-03-10T12:00:00.000Z' };
const STATS: SsprStats = { perDay: [], fetchedAt: PAGE.fetchedAt };

function refreshJob(state: Job['state'], changes: Partial<Job> = {}): Job {
  const params = { kind: 'sspr-refresh' as const, from: '2026-03-03T12:00:00.000Z', to: '2026-03-10T12:00:00.000Z' };
  return jobAs(state, { kind: 'sspr-refresh', params, progress: { done: 0, total: null }, ...changes });
}

function ssprStore(jobs: { get: () => Job; start?: () => Promise<Result<Job>> }) {
  const started: JobStartRequest[] = [];
  const reads: string[] = [];
  const listed: { from: string; to: string }[] = [];
  const cancels: string[] = [];
  const events = eventsByHand('up');
  const api = fakeApi({
    jobs: {
      start: async (input) => (started.push(input), jobs.start ? jobs.start() : ok(refreshJob('running'))),
      get: async ({ jobId }) => (reads.push(jobId), ok(jobs.get())),
      cancel: async ({ jobId }) => (cancels.push(jobId), ok(refreshJob('cancelled'))),
    },
    sspr: {
      list: async (filter) => (listed.push({ from: filter.from, to: filter.to }), ok(PAGE)),
      getStats: async () => ok(STATS),
    },
  });
  return { store: createResetlineStore(events.over(api)), events, started, reads, listed, cancels };
}

describe('the Self-service refresh job', () => {
  it("starts an sspr-refresh job of the preset's range, shows its events, then reads the cache", async () => {
    vi.useFakeTimers({ now: NOW });
    const done = refreshJob('done', {
      progress: { done: 240, total: null },
      result: { type: 'sspr', received: 240, fetchedAt: PAGE.fetchedAt! },
    });
    const { store, events, started, reads, listed } = ssprStore({ get: () => done });
    const run = store.getState().refreshSspr();
    await vi.advanceTimersByTimeAsync(0);
    const range = { from: new Date(NOW - SSPR_PRESETS['7d']).toISOString(), to: new Date(NOW).toISOString() };
    expect(started).toEqual([{ kind: 'sspr-refresh', ...range }]);
    expect(store.getState().sspr.refresh).toEqual({ status: 'running', job: refreshJob('running') });
    events.send(refreshJob('running', { progress: { done: 100, total: null } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().sspr.refresh).toMatchObject({ status: 'running', job: { progress: { done: 100 } } });
    // While a refresh runs, another is not started.
    await store.getState().refreshSspr();
    expect(started).toHaveLength(1);
    expect(reads).toEqual([]);
    events.send({ ...done, result: null });
    await run;
    expect(reads).toEqual([done.id]);
    expect(store.getState().sspr.refresh).toEqual({ status: 'done', job: done });
    expect(store.getState().sspr.fetched).toEqual({ preset: '7d', range });
    expect(listed.at(-1)).toEqual(range);
    expect(store.getState().sspr.fetchedAt).toBe(PAGE.fetchedAt);
  });

  it('keeps the range fetched before when a refresh fails, with the reason for the agent', async () => {
    vi.useFakeTimers({ now: NOW });
    const error = {
      code: 'insufficient_role' as const,
      message: "Your directory role cannot read Entra's audit logs. Any of these roles can: Reports Reader.",
    };
    let outcome: Job = refreshJob('done', { result: { type: 'sspr', received: 1, fetchedAt: PAGE.fetchedAt! } });
    const { store, listed } = ssprStore({ get: () => outcome });
    const first = store.getState().refreshSspr();
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 5);
    await first;
    const fetched = store.getState().sspr.fetched!.range;

    await vi.advanceTimersByTimeAsync(60_000);
    outcome = refreshJob('failed', { error });
    const second = store.getState().refreshSspr();
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 5);
    await second;
    expect(store.getState().sspr.refresh).toEqual({ status: 'failed', error, job: outcome });
    expect(store.getState().sspr.range).toEqual(fetched);
    expect(listed.at(-1)).toEqual(fetched);
  });

  it('cancels the job, reads the range fetched before again, and stops following when the agent leaves', async () => {
    vi.useFakeTimers({ now: NOW });
    const running = refreshJob('running', { progress: { done: 100, total: null } });
    const { store, cancels, listed, reads } = ssprStore({ get: () => running });
    const run = store.getState().refreshSspr();
    await vi.advanceTimersByTimeAsync(0);
    const reloads = listed.length;
    await store.getState().cancelSsprRefresh();
    await run;
    expect(cancels).toEqual([running.id]);
    expect(store.getState().sspr.refresh).toEqual({ status: 'cancelled', job: refreshJob('cancelled') });
    // Nothing fetched before: the range stays, and the cache is read for it.
    expect(listed.length).toBe(reloads + 1);

    const again = store.getState().refreshSspr();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().sspr.refresh.status).toBe('running');
    store.getState().resetAgentState();
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 20);
    await again;
    expect(store.getState().sspr.refresh).toEqual({ status: 'idle' });
    expect(reads).toEqual([]);
  });
});
