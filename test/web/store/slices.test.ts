// The store's slices through `createResetlineStore(fakeApi)`: the states the screens read after each
// answer, failure or superseded answer, and the polls that follow main's long-running work.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_VERIFICATION_POLICY } from '../../../src/shared/settings';
import type { AppInfo, PolicyView } from '../../../src/shared/contract';
import type { Job, JobState } from '../../../src/shared/jobs';
import { fail, ok, type Result } from '../../../src/shared/result';
import type { UserSearchResult } from '../../../src/shared/users';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { JOB_POLL_MS } from '../../../src/renderer/src/store/jobs';
import { INGEST_POLL_MS } from '../../../src/renderer/src/store/registrationSlice';
import { deferred, fakeApi } from '../support/fakeApi';
import { jobAs } from '../support/jobs';

afterEach(() => {
  vi.useRealTimers();
});

const info: AppInfo = {
  name: 'Resetline',
  version: '0.0.0-test',
  dataFolder: '/tmp/x',
  tenantMode: 'demo',
  host: 'electron',
  schemaVersion: 60,
} as AppInfo;

describe('app slice', () => {
  it('loads the app info, and retries a failed load when About opens', async () => {
    const answers: Result<AppInfo>[] = [fail('unavailable', 'Main is gone.'), ok(info)];
    const store = createResetlineStore(fakeApi({ app: { getInfo: async () => answers.shift()! } }));
    await store.getState().loadInfo();
    expect(store.getState().info).toEqual({
      status: 'error',
      error: { code: 'unavailable', message: 'Main is gone.' },
    });
    store.getState().setAboutOpen(true);
    expect(store.getState().info).toEqual({ status: 'loading' });
    await vi.waitFor(() => expect(store.getState().info).toEqual({ status: 'ready', value: info }));
  });
});

describe('caller slice', () => {
  const found = (name: string): UserSearchResult =>
    ({
      users: [{ id: name, displayName: name, userPrincipalName: `${name}@x` }],
      total: 1,
      matchedBy: 'name',
    }) as UserSearchResult;

  it('shows the answer to the last search typed, never a slower earlier one', async () => {
    const slow = deferred<Result<UserSearchResult>>();
    const fast = deferred<Result<UserSearchResult>>();
    const pending = [slow, fast];
    const store = createResetlineStore(fakeApi({ users: { search: () => pending.shift()!.promise } }));
    store.getState().setQuery('ad');
    const first = store.getState().runSearch();
    store.getState().setQuery('adele');
    const second = store.getState().runSearch();
    fast.resolve(ok(found('adele')));
    await second;
    slow.resolve(ok(found('adam')));
    await first;
    expect(store.getState().caller.searchedText).toBe('adele');
    expect(store.getState().caller.results).toEqual({ status: 'ready', value: found('adele') });
  });
});

describe('settings slice', () => {
  it('saves the verification policy: saving, then saved with the stored policy', async () => {
    const policy = DEFAULT_VERIFICATION_POLICY;
    const store = createResetlineStore(fakeApi({ settings: { setVerificationPolicy: async () => ok(policy) } }));
    const saving = store.getState().saveVerificationPolicy(policy);
    expect(store.getState().settings.verificationSave).toEqual({ status: 'saving' });
    expect(await saving).toBe(true);
    expect(store.getState().settings.verificationSave).toEqual({ status: 'saved' });
    expect(store.getState().settings.verification).toEqual({ status: 'ready', value: policy });
  });

  it('shows a refused SMS save beside the form and keeps what was loaded', async () => {
    const store = createResetlineStore(
      fakeApi({ settings: { setSmsProvider: async () => fail('invalid_input', 'Not an E.164 number.') } }),
    );
    expect(await store.getState().saveSms({ fromNumber: '123' })).toBe(false);
    expect(store.getState().settings.smsSave).toEqual({
      status: 'error',
      error: { code: 'invalid_input', message: 'Not an E.164 number.' },
    });
    expect(store.getState().settings.sms).toEqual({ status: 'idle' });
  });

  const view = (fetchedAt: string | null, refreshJobId: string | null = null): PolicyView =>
    ({
      refreshing: refreshJobId !== null,
      refreshJobId,
      snapshot: { roles: { fetchedAt, error: null } },
    }) as unknown as PolicyView;
  const policyJob = (state: JobState, done: number, changes: Partial<Job> = {}): Job =>
    jobAs(state, {
      id: 'p1',
      kind: 'policy-refresh',
      params: { kind: 'policy-refresh' },
      progress: { done, total: 5 },
      ...changes,
    });

  it('follows the refresh job main started for a stale cache, then shows the cache it filled', async () => {
    vi.useFakeTimers();
    const policyReads = [view(null, 'p1'), view('filled')];
    const jobReads = [
      policyJob('running', 2),
      policyJob('done', 5, { result: { type: 'policy', parts: 5, failed: 0 } }),
    ];
    const asked: string[] = [];
    const store = createResetlineStore(
      fakeApi({
        policy: { get: async () => ok(policyReads.shift()!) },
        jobs: {
          get: async ({ jobId }) => {
            asked.push(jobId);
            return ok(jobReads.shift()!);
          },
        },
      }),
    );
    const loading = store.getState().loadPolicy();
    await vi.advanceTimersByTimeAsync(0);
    // The stale cache is on screen at once, and the refresh shows its parts.
    expect(store.getState().settings.policy).toEqual({ status: 'ready', value: view(null, 'p1') });
    expect(store.getState().settings.policyRefresh).toMatchObject({
      status: 'running',
      job: { progress: { done: 2 } },
    });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 3);
    await loading;
    expect(asked.every((id) => id === 'p1')).toBe(true);
    expect(store.getState().settings.policyRefresh).toMatchObject({ status: 'done' });
    expect(store.getState().settings.policy).toEqual({ status: 'ready', value: view('filled') });
    expect(policyReads).toHaveLength(0);
  });

  it('"Refresh" starts a policy-refresh job; a failed one says why and keeps the cached policy', async () => {
    vi.useFakeTimers();
    const started: unknown[] = [];
    const error = { code: 'throttled' as const, message: 'Microsoft Graph is busy.' };
    const store = createResetlineStore(
      fakeApi({
        policy: { get: async () => ok(view('cached')) },
        jobs: {
          start: async (input) => {
            started.push(input);
            return ok(policyJob('running', 0));
          },
          get: async () => ok(policyJob('failed', 3, { error })),
        },
      }),
    );
    await store.getState().loadPolicy();
    const refreshing = store.getState().refreshPolicy();
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 2);
    await refreshing;
    expect(started).toEqual([{ kind: 'policy-refresh' }]);
    expect(store.getState().settings.policyRefresh).toMatchObject({ status: 'failed', error });
    expect(store.getState().settings.policy).toEqual({ status: 'ready', value: view('cached') });
  });
});

/** A job as main answers it; `done` rows of 10. */
const job = (state: JobState, done = 0, changes: Partial<Job> = {}): Job =>
  jobAs(state, { progress: { done, total: 10 }, ...changes });

describe('history export', () => {
  it('follows the running job with jobs:get to its end and hands the finished file on', async () => {
    vi.useFakeTimers();
    const finishedJob = job('done', 10, { result: { type: 'file', rows: 10, path: '/tmp/a.csv' } });
    const progress = [job('running', 5), finishedJob];
    const started: unknown[] = [];
    const store = createResetlineStore(
      fakeApi({
        jobs: {
          start: async (input) => (started.push(input), ok(job('running'))),
          get: async ({ jobId }) => (jobId === 'j1' ? ok(progress.shift()!) : fail('not_found', 'No such job.')),
        },
      }),
    );
    store.setState((s) => ({ history: { ...s.history, filter: { agentUpn: 'bob@contoso.com' } } }));
    const finished = vi.fn(async (_job: Job) => undefined);
    const run = store.getState().startHistoryExport(finished);
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([{ kind: 'audit-export', filter: { agentUpn: 'bob@contoso.com' } }]);
    expect(store.getState().history.export).toEqual({ status: 'running', job: job('running') });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    expect(store.getState().history.export).toEqual({ status: 'running', job: job('running', 5) });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    await run;
    expect(finished).toHaveBeenCalledWith(finishedJob);
    expect(store.getState().history.export).toEqual({ status: 'done', job: finishedJob });
  });

  it('stops following once cancelled, and shows a failed job as its error', async () => {
    vi.useFakeTimers();
    let reads = 0;
    const cancelledJob = job('cancelled', 3);
    const store = createResetlineStore(
      fakeApi({
        jobs: {
          start: async () => ok(job('running')),
          get: async () => (reads++, ok(job('running'))),
          cancel: async () => ok(cancelledJob),
        },
      }),
    );
    const run = store.getState().startHistoryExport(async () => undefined);
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    expect(reads).toBe(1);
    await store.getState().cancelHistoryExport();
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 10);
    expect(reads).toBe(1);
    await run;
    expect(store.getState().history.export).toEqual({ status: 'cancelled', job: cancelledJob });

    const error = { code: 'internal' as const, message: 'The export failed; details are in the log.' };
    const failedJob = job('failed', 0, { error });
    const failing = createResetlineStore(fakeApi({ jobs: { start: async () => ok(failedJob) } }));
    await failing.getState().startHistoryExport(async () => undefined);
    expect(failing.getState().history.export).toEqual({ status: 'failed', error, job: failedJob });
  });
});

describe('jobs and the agent leaving', () => {
  it('stops following every job when the agent state is reset: nothing of them reaches the next agent', async () => {
    vi.useFakeTimers();
    const reads: string[] = [];
    const running = job('running');
    const ingestJob = job('running', 0, { id: 'i1', kind: 'registration-ingest' });
    const store = createResetlineStore(
      fakeApi({
        jobs: {
          start: async (input) => ok(input.kind === 'audit-export' ? running : job('running', 0, { id: 'r1' })),
          list: async () => ok([ingestJob]),
          get: async ({ jobId }) => (reads.push(jobId), fail('not_found', 'There is no such job.')),
        },
        registration: {
          getStats: async () => fail('not_found', 'No snapshot.'),
          list: async () => fail('not_found', 'No snapshot.'),
        },
      }),
    );
    void store.getState().startHistoryExport(async () => undefined);
    void store.getState().startRegistrationExport('registration', async () => undefined);
    await store.getState().loadRegistration();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().history.export.status).toBe('running');
    expect(store.getState().registration.export.status).toBe('running');
    expect(store.getState().registration.ingest.status).toBe('running');
    store.getState().resetAgentState();
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 10);
    expect(reads).toEqual([]);
    expect(store.getState().history.export).toEqual({ status: 'idle' });
    expect(store.getState().registration.export).toMatchObject({ status: 'idle' });
    expect(store.getState().registration.ingest).toEqual({ status: 'idle' });
  });
});

describe('registration ingest', () => {
  const ingest = (state: JobState): Job =>
    job(state, 0, {
      id: 'i1',
      kind: 'registration-ingest',
      params: { kind: 'registration-ingest', source: 'report', resume: true },
    });

  it('follows a running snapshot job and brings the new snapshot on screen when it is done', async () => {
    vi.useFakeTimers();
    const answers = [ingest('running'), ingest('done')];
    const loads = { stats: 0, list: 0, passwordAge: 0 };
    const store = createResetlineStore(
      fakeApi({
        jobs: {
          list: async ({ kind }) => ok(kind === 'registration-ingest' ? [ingest('running')] : []),
          get: async ({ jobId }) => (jobId === 'i1' ? ok(answers.shift() ?? ingest('done')) : fail('not_found', 'No.')),
        },
        registration: {
          getStats: async () => (loads.stats++, fail('not_found', 'No snapshot.')),
          list: async () => (loads.list++, fail('not_found', 'No snapshot.')),
          listPasswordAge: async () => (loads.passwordAge++, fail('not_found', 'No snapshot.')),
        },
      }),
    );
    await store.getState().loadRegistration();
    expect(store.getState().registration.ingest).toEqual({ status: 'running', job: ingest('running') });
    expect(loads).toEqual({ stats: 1, list: 1, passwordAge: 0 });
    await vi.advanceTimersByTimeAsync(INGEST_POLL_MS * 2);
    expect(store.getState().registration.ingest).toEqual({ status: 'done', job: ingest('done') });
    expect(loads).toEqual({ stats: 2, list: 2, passwordAge: 1 });
    await vi.advanceTimersByTimeAsync(INGEST_POLL_MS * 10);
    expect(answers).toEqual([]);
    expect(loads).toEqual({ stats: 2, list: 2, passwordAge: 1 });
  });
});
