// A job as main answers `jobs:get`: an audit export by default, running-state fields filled in; the
// test names the state and whatever else it looks at.
import type { Job, JobState } from '../../../src/shared/jobs';

export const jobAs = (state: JobState, changes: Partial<Job> = {}): Job => ({
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
