// A job as main answers `jobs:get`, for node and web tests (web tests import it through
// test/web/support/jobs.ts): an audit export by default, the state and changes named by the test.
import type { Job, JobState } from '../../src/shared/jobs';

export const jobSnapshot = (state: JobState, changes: Partial<Job> = {}): Job => ({
  id: 'j1',
  kind: 'audit-export',
  params: { kind: 'audit-export', filter: { limit: 100 } },
  state,
  progress: { done: 0, total: 10 },
  counts: {},
  ratePerSecond: 0,
  etaSeconds: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
  resumable: false,
  result: null,
  error: null,
  ...changes,
});
