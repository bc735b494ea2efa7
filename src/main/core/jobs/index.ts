// Long-running work as jobs: one runner, a registry of kinds.
export { auditExportKind, jobKinds, type AuditExportDeps, type JobKindsDeps } from './kinds';
export { FINISHED_JOBS_KEPT, JobNotFoundError, JobRunner, type JobRunnerOptions } from './runner';
export { JobCancelledError, type JobAgent, type JobKindDef, type JobKinds, type JobNeed, type JobWork } from './types';
