// The call slice and a password reset Microsoft has not confirmed yet: main answers `pending` with the
// password-writeback job that follows it, and the slice follows that job (jobs:get here: the fake has no
// events) until it ends — done (the secret ready, main's words), failed (main's reason), or stopped by
// the agent (the outcome unknown, said so). No second poll loop: the only reads are jobs:get.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallView, RunSummary } from '../../../src/shared/caller';
import type { Job } from '../../../src/shared/jobs';
import { fail, ok } from '../../../src/shared/result';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { STOPPED_WAITING } from '../../../src/renderer/src/store/callSlice';
import { JOB_POLL_MS } from '../../../src/renderer/src/store/jobs';
import { fakeApi, type FakeMethods } from '../support/fakeApi';
import { jobAs } from '../support/jobs';

afterEach(() => {
  vi.useRealTimers();
});

const view = { callId: 'c1', verification: { options: [] }, eligibility: { resetPassword: { allowed: true } } };
const pending: RunSummary = {
  results: [
    {
      kind: 'resetPassword',
      status: 'pending',
      message: 'Microsoft accepted the reset; the on-premises directory has not confirmed it yet.',
      secretId: 's1',
      audit: 'recorded',
      jobId: 'j1',
    },
    { kind: 'revokeSessions', status: 'done', message: 'Sign-in sessions revoked.' },
  ],
  complete: false,
};
const writeback = (state: Job['state'], changes: Partial<Job> = {}): Job =>
  jobAs(state, {
    kind: 'password-writeback',
    params: { kind: 'password-writeback', callId: 'c1' },
    progress: { done: state === 'running' ? 1 : 2, total: 2 },
    ...changes,
  });
const confirmed = writeback('done', {
  result: { type: 'password', secretId: 's1', message: 'Password reset confirmed.', audit: 'recorded' },
});

function storeWith(jobs: FakeMethods['jobs']) {
  const reads: string[] = [];
  const store = createResetlineStore(
    fakeApi({
      reset: { run: async () => ok(pending) },
      jobs: {
        ...jobs,
        get: async (input) => (reads.push(input.jobId), jobs!.get!(input)),
      },
    }),
  );
  store.getState().beginCall(view as unknown as CallView);
  return { store, reads };
}

describe('a pending password reset', () => {
  it("follows main's job until it is confirmed: the run then shows done, with main's words and the secret", async () => {
    vi.useFakeTimers();
    const answers = [writeback('running'), writeback('running'), confirmed];
    const { store, reads } = storeWith({ get: async () => ok(answers.shift()!) });
    await store.getState().runActions([{ kind: 'resetPassword' }, { kind: 'revokeSessions' }]);
    expect(store.getState().call.run).toEqual(pending);
    expect(store.getState().call.waitingSince).toEqual(expect.any(Number));
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 5);
    expect(reads).toEqual(['j1', 'j1', 'j1']);
    expect(store.getState().call.run).toEqual({
      results: [
        {
          kind: 'resetPassword',
          status: 'done',
          message: 'Password reset confirmed.',
          secretId: 's1',
          audit: 'recorded',
        },
        pending.results[1],
      ],
      complete: true,
    });
    expect(store.getState().call.waitingSince).toBeNull();
    expect(store.getState().call.resetJob.status).toBe('done');
  });

  it("shows the job's failure as the reset's, in main's words, and no secret", async () => {
    vi.useFakeTimers();
    const failed = writeback('failed', {
      error: { code: 'writeback_unavailable', message: 'The tenant does not write passwords back.' },
    });
    const { store } = storeWith({ get: async () => ok(failed) });
    await store.getState().runActions([{ kind: 'resetPassword' }]);
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 2);
    expect(store.getState().call.run?.results[0]).toEqual({
      kind: 'resetPassword',
      status: 'failed',
      errorCode: 'writeback_unavailable',
      message: 'The tenant does not write passwords back.',
    });
    expect(store.getState().call.errors.run).toBeUndefined();
  });

  it('stops waiting when the agent asks: the job is cancelled and the outcome said to be unknown', async () => {
    vi.useFakeTimers();
    const cancels: string[] = [];
    const { store, reads } = storeWith({
      get: async () => ok(writeback('running')),
      cancel: async ({ jobId }) => (cancels.push(jobId), ok(writeback('cancelled'))),
    });
    await store.getState().runActions([{ kind: 'resetPassword' }]);
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    expect(store.getState().call.resetJob.status).toBe('running');
    await store.getState().stopWaiting();
    expect(cancels).toEqual(['j1']);
    expect(store.getState().call.run?.results[0]).toEqual({
      kind: 'resetPassword',
      status: 'failed',
      errorCode: 'outcome_unknown',
      message: STOPPED_WAITING,
    });
    expect(store.getState().call.waitingSince).toBeNull();
    const before = reads.length;
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 5);
    expect(reads.length).toBe(before);
  });

  it('says beside the run when the job cannot be read, and leaves the reset pending', async () => {
    vi.useFakeTimers();
    const { store } = storeWith({ get: async () => fail('unavailable', 'Resetline is not answering.') });
    await store.getState().runActions([{ kind: 'resetPassword' }]);
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 2);
    expect(store.getState().call.errors.run).toEqual({ code: 'unavailable', message: 'Resetline is not answering.' });
    expect(store.getState().call.run).toEqual(pending);
    expect(store.getState().call.waitingSince).toBeNull();
  });

  it('stops following when the call is dropped', async () => {
    vi.useFakeTimers();
    const { store, reads } = storeWith({ get: async () => ok(writeback('running')) });
    await store.getState().runActions([{ kind: 'resetPassword' }]);
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    store.getState().dropCall();
    const before = reads.length;
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 5);
    expect(reads.length).toBe(before);
    expect(store.getState().call.resetJob).toEqual({ status: 'idle' });
  });
});
