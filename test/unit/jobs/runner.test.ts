// The one job runner, with a kind whose work the test advances by hand: the rate and time left count
// from where this run started (a resume's items excluded), one-at-a-time kinds answer the same start
// with the running job and refuse another, and a failure reaches the agent in words, never as a stack.
// Its `jobs:progress` events go only to the owner while signed in, sampled, the final state always.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBus, type BusEvent } from '../../../src/main/core/host/events';
import {
  JobCancelledError,
  JobRunner,
  type JobAgent,
  type JobKindDef,
  type JobWork,
} from '../../../src/main/core/jobs';
import { JobStartInput, type JobResult } from '../../../src/shared/jobs';
import { ResetlineError } from '../../../src/shared/result';

const ADA: JobAgent = { agentId: 'ada', tenantKey: 'demo:contoso' };

/** Work the test drives: `done` items of `total`, ended by `finish` or `fail`. */
function handWork(done: number, total: number | null) {
  let end!: { resolve: (r: JobResult) => void; reject: (e: unknown) => void };
  const state = { done, total };
  const work: JobWork = {
    progress: () => ({ ...state }),
    counts: () => ({ throttledWaits: 1 }),
    resumable: () => true,
    done: new Promise<JobResult>((resolve, reject) => (end = { resolve, reject })),
  };
  return { work, state, finish: (r: JobResult) => end.resolve(r), fail: (e: unknown) => end.reject(e) };
}

function runnerWith(
  kind: JobKindDef<'registration-ingest'>,
  clock: { now: number },
  agent: { current: JobAgent | null } = { current: ADA },
  events?: ReturnType<typeof createEventBus>,
) {
  return new JobRunner({
    kinds: { 'registration-ingest': kind },
    authorize: () => {
      if (agent.current === null) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
      return agent.current;
    },
    now: () => clock.now,
    ...(events ? { events, eventEveryMs: 200 } : {}),
  });
}

afterEach(() => {
  vi.useRealTimers();
});

const ingest = (source: 'report' | 'batch-fallback' = 'report') =>
  JobStartInput.parse({ kind: 'registration-ingest', source });

describe('JobRunner', () => {
  it('counts the rate and time left from where this run started, and drops the time left once over', async () => {
    const clock = { now: Date.parse('2026-03-01T10:00:00Z') };
    const hand = handWork(100, 1_100);
    const runner = runnerWith({ noun: 'snapshot', need: 'agent', start: () => hand.work }, clock);
    const started = await runner.start(ingest());
    expect(started).toMatchObject({ state: 'running', progress: { done: 100, total: 1_100 }, etaSeconds: null });
    clock.now += 10_000;
    hand.state.done = 300;
    expect(runner.get(started.id)).toMatchObject({
      progress: { done: 300, total: 1_100 },
      ratePerSecond: 20,
      etaSeconds: 40,
      counts: { throttledWaits: 1 },
    });
    hand.state.done = 1_100;
    hand.finish({ type: 'snapshot', source: 'report', users: 1_100 });
    const done = await runner.settled(started.id);
    expect(done).toMatchObject({ state: 'done', etaSeconds: null, resumable: false, error: null });
    expect(done.result).toEqual({ type: 'snapshot', source: 'report', users: 1_100 });
    expect(done.finishedAt).toBe(new Date(clock.now).toISOString());
  });

  it('answers the same start with the running job, and refuses another while it runs', async () => {
    const clock = { now: 0 };
    const agent = { current: ADA };
    const hand = handWork(0, null);
    let starts = 0;
    const runner = runnerWith(
      {
        noun: 'snapshot',
        need: 'agent',
        single: { same: (a, b) => a.source === b.source, busy: 'Another snapshot is being taken.' },
        start: () => (starts++, hand.work),
      },
      clock,
      agent,
    );
    const first = await runner.start(ingest('report'));
    expect((await runner.start(ingest('report'))).id).toBe(first.id);
    await expect(runner.start(ingest('batch-fallback'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Another snapshot is being taken.',
    });
    agent.current = { agentId: 'grace', tenantKey: ADA.tenantKey };
    await expect(runner.start(ingest('report'))).rejects.toMatchObject({ code: 'invalid_input' });
    // Another tenant's snapshot is its own.
    agent.current = { agentId: 'ada', tenantKey: 'global:fabrikam' };
    expect((await runner.start(ingest('report'))).id).not.toBe(first.id);
    expect(starts).toBe(2);
    hand.finish({ type: 'snapshot', source: 'report', users: 0 });
  });

  it('ends a cancelled job as cancelled, resumable as its work says, and a failure in the agent’s words', async () => {
    const clock = { now: 0 };
    const hands = [handWork(5, 10), handWork(0, 10), handWork(0, 10)];
    let next = 0;
    const runner = runnerWith(
      {
        noun: 'snapshot',
        need: 'agent',
        start: (_params, signal) => {
          const hand = hands[next++]!;
          signal.addEventListener('abort', () => hand.fail(new JobCancelledError()));
          return hand.work;
        },
      },
      clock,
    );
    const cancelled = await runner.cancel((await runner.start(ingest())).id);
    expect(cancelled).toMatchObject({ state: 'cancelled', resumable: true, progress: { done: 5 }, error: null });

    const refused = await runner.start(ingest());
    hands[1]!.fail(new ResetlineError('licence_required', 'This tenant has no Microsoft Entra ID P1 licence.'));
    expect(await runner.settled(refused.id)).toMatchObject({
      state: 'failed',
      error: { code: 'licence_required', message: 'This tenant has no Microsoft Entra ID P1 licence.' },
    });

    const broken = await runner.start(ingest());
    hands[2]!.fail(new TypeError("Cannot read properties of undefined (reading 'value')"));
    expect((await runner.settled(broken.id)).error).toEqual({
      code: 'internal',
      message: 'The snapshot failed; details are in the log.',
    });
  });

  it('keeps no job whose start was refused', async () => {
    const runner = runnerWith(
      {
        noun: 'snapshot',
        need: 'agent',
        start: () => {
          throw new ResetlineError('not_in_cloud', 'This cloud has no registration report.');
        },
      },
      { now: 0 },
    );
    await expect(runner.start(ingest())).rejects.toMatchObject({ code: 'not_in_cloud' });
    expect(runner.list('registration-ingest')).toEqual([]);
  });
});

describe('JobRunner events', () => {
  it('publishes changed progress at most every 200 ms, and the final state, to the owner only', async () => {
    vi.useFakeTimers();
    const clock = { now: 0 };
    const agent: { current: JobAgent | null } = { current: ADA };
    const bus = createEventBus();
    const seen: BusEvent[] = [];
    bus.subscribe({ send: (event) => seen.push(event) });
    const hand = handWork(0, 1_000);
    const runner = runnerWith({ noun: 'snapshot', need: 'agent', start: () => hand.work }, clock, agent, bus);
    const job = await runner.start(ingest());
    const progressSeen = () => seen.map((e) => (e.payload as { progress: { done: number } }).progress.done);
    // Progress every 10 ms for one second: five samples at most.
    for (let ms = 0; ms < 1_000; ms += 10) {
      hand.state.done += 1;
      clock.now += 10;
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(progressSeen()).toEqual([20, 40, 60, 80, 100]);
    expect(seen.every((e) => e.name === 'jobs:progress' && (e.payload as { id: string }).id === job.id)).toBe(true);
    // Nothing changes: nothing is sent.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toHaveLength(5);
    // Another agent signed in, or nobody: the job's progress is not theirs to see.
    agent.current = { agentId: 'grace', tenantKey: ADA.tenantKey };
    hand.state.done = 400;
    await vi.advanceTimersByTimeAsync(1_000);
    agent.current = null;
    hand.state.done = 500;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toHaveLength(5);
    agent.current = ADA;
    hand.state.done = 1_000;
    hand.finish({ type: 'snapshot', source: 'report', users: 1_000 });
    await runner.settled(job.id);
    const last = seen.at(-1)!.payload as { state: string; result: unknown };
    expect(last).toMatchObject({ state: 'done', result: { type: 'snapshot', users: 1_000 } });
    expect(progressSeen().slice(5)).toEqual([1_000]);
    // Over: the sampling stopped.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen.at(-1)!.payload).toBe(last);
  });

  it('sends the final state even when it comes between two samples, and never to another agent', async () => {
    vi.useFakeTimers();
    const agent: { current: JobAgent | null } = { current: ADA };
    const bus = createEventBus();
    const seen: BusEvent[] = [];
    bus.subscribe({ send: (event) => seen.push(event) });
    const hands = [handWork(0, 5), handWork(0, 5)];
    let next = 0;
    const runner = runnerWith(
      { noun: 'snapshot', need: 'agent', start: () => hands[next++]!.work },
      { now: 0 },
      agent,
      bus,
    );
    const quick = await runner.start(ingest());
    hands[0]!.fail(new ResetlineError('licence_required', 'This tenant has no Microsoft Entra ID P1 licence.'));
    await runner.settled(quick.id);
    expect(seen.map((e) => (e.payload as { state: string }).state)).toEqual(['failed']);
    const other = await runner.start(ingest());
    agent.current = { agentId: 'grace', tenantKey: ADA.tenantKey };
    hands[1]!.finish({ type: 'snapshot', source: 'report', users: 5 });
    await runner.settled(other.id);
    expect(seen).toHaveLength(1);
  });
});
