// Long-running work as jobs: one runner and the shape of a kind. Each kind lives beside its service
// (audit/exportJobs.ts, registration/jobKinds.ts, reset/writebackJob.ts, policy/refreshJob.ts,
// reports/ssprJob.ts, reports/teamExport.ts) and runtime.ts registers them.
export { FINISHED_JOBS_KEPT, JobNotFoundError, JobRunner, type JobRunnerOptions } from './runner';
export { JobCancelledError, type JobAgent, type JobKindDef, type JobKinds, type JobNeed, type JobWork } from './types';
