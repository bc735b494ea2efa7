// What a job kind tells the runner (core/jobs/runner.ts): the role it needs, how to start its work,
// and how that work reports progress and ends. The kinds themselves live beside their services.
import type { Job, JobCount, JobKind, JobParamsOf, JobResult } from '../../../shared/jobs';
import type { RoleKey } from '../../../shared/roles';

/** Who may start, follow and cancel a job of a kind: any signed-in agent, or one holding a role. */
export type JobNeed = 'agent' | { roles: readonly RoleKey[]; what: string };

/** The agent a job belongs to, as the handler layer's guard found them. */
export interface JobAgent {
  agentId: string;
  /** "<cloud>:<tenant id>": a job of one tenant is never another tenant's. */
  tenantKey: string;
}

/** Work under way. */
export interface JobWork {
  /** Items done so far (resumed ones included) and the total, null until known. */
  progress(): { done: number; total: number | null };
  counts?(): Partial<Record<JobCount, number>>;
  /** Stopped or failed, and a later start of the kind continues it. */
  resumable?(): boolean;
  /** The result; rejects when the work was stopped (JobCancelledError) or failed (a ResetlineError says why). */
  done: Promise<JobResult>;
}

export interface JobKindDef<K extends JobKind> {
  /** What the agent calls it in a message ("export", "snapshot"). */
  noun: string;
  need: JobNeed;
  /** One at a time per tenant: the same start again answers the running job; another is refused with `busy`. */
  single?: { same(a: JobParamsOf<K>, b: JobParamsOf<K>): boolean; busy: string };
  /** Starts the work; refusals (nothing to export, the save dialog closed) throw and no job is kept. */
  start(params: JobParamsOf<K>, signal: AbortSignal): Promise<JobWork> | JobWork;
  /** A job of this kind main knows of without having run it now (an interrupted snapshot after a restart). */
  remembered?(): Job | null;
}

/** The kinds a runner can run (the app's runner has them all: services.ts buildServices). */
export type JobKinds = { readonly [K in JobKind]?: JobKindDef<K> };

/** The work stopped because its job was cancelled. */
export class JobCancelledError extends Error {
  constructor() {
    super('The job was cancelled.');
    this.name = 'JobCancelledError';
  }
}
