// A job as a screen follows it (History's and Registration's exports, the registration snapshot):
// main does the work; the screen reads it with jobs:get until it is over and shows what became of it.
import type { ResetlineApi } from '../../../shared/contract';
import { isFinal, type Job } from '../../../shared/jobs';
import { assertNever, type Result, type ResultError } from '../../../shared/result';
import { settle, toResultError } from './loadable';
import { pollUntil } from './poll';

/** How often a running job is read again; short, because the progress bar is the only feedback. */
export const JOB_POLL_MS = 250;

export type JobFollow =
  | { status: 'idle' }
  | { status: 'running'; job: Job }
  | { status: 'done'; job: Job }
  | { status: 'cancelled'; job: Job | null }
  /** The job failed (its error), or starting or reading it did (job null or the last one read). */
  | { status: 'failed'; error: ResultError; job: Job | null };

/** What a job read from main shows as. */
export function jobFollowOf(job: Job): JobFollow {
  switch (job.state) {
    case 'queued':
    case 'running':
      return { status: 'running', job };
    case 'done':
      return { status: 'done', job };
    case 'cancelled':
      return { status: 'cancelled', job };
    case 'failed':
      return {
        status: 'failed',
        error: job.error ?? { code: 'internal', message: 'The job failed; details are in the log.' },
        job,
      };
    default:
      return assertNever(job.state, 'job state');
  }
}

export interface FollowJob {
  jobs: () => ResetlineApi['jobs'];
  /** Starts the job (jobs:start), or answers one already running to follow it on. */
  start: () => Promise<Result<Job>>;
  /** Stores each state the screen should show. */
  show: (state: JobFollow) => void;
  /** Delivers what a finished job made (a save dialog, a download) before it shows as done. */
  onDone?: (job: Job) => Promise<void>;
  intervalMs?: number;
  /** Aborted by cancel or dismiss from the UI, which set the state themselves. */
  signal: AbortSignal;
}

/** Starts a job and follows it to its end, showing every step; never throws. Answers the last state. */
export async function followJob(options: FollowJob): Promise<JobFollow> {
  const { jobs, show, onDone, signal, intervalMs = JOB_POLL_MS } = options;
  const end = (state: JobFollow): JobFollow => {
    if (!signal.aborted) show(state);
    return state;
  };
  const started = await settle(options.start);
  if (!started.ok) return end({ status: 'failed', error: started.error, job: null });
  let job = started.value;
  if (!isFinal(job.state)) {
    end(jobFollowOf(job));
    const jobId = job.id;
    const outcome = await pollUntil({
      read: () => jobs().get({ jobId }),
      onAnswer: (next) => {
        if (!isFinal(next.state)) show(jobFollowOf(next));
      },
      until: (next) => isFinal(next.state),
      intervalMs,
      signal,
    });
    if (outcome.status === 'aborted') return { status: 'idle' };
    if (outcome.status === 'error') return end({ status: 'failed', error: outcome.error, job });
    job = outcome.value;
  }
  if (job.state === 'done' && onDone) {
    try {
      await onDone(job);
    } catch (error) {
      return end({ status: 'failed', error: toResultError(error), job });
    }
  }
  return end(jobFollowOf(job));
}

/** The running job's id, when the state shows one. */
export function runningJobId(state: JobFollow): string | null {
  return state.status === 'running' ? state.job.id : null;
}

export interface JobFollowerOptions {
  jobs: () => ResetlineApi['jobs'];
  /** The state the screen shows now, and how to change it. */
  state: () => JobFollow;
  show: (state: JobFollow) => void;
  intervalMs?: number;
}

/** One screen's job: start and follow it, cancel it, dismiss what it became. One at a time. */
export function createJobFollower({ jobs, state, show, intervalMs = JOB_POLL_MS }: JobFollowerOptions) {
  // The job being followed; cancel and dismiss abort it (they set the state themselves).
  let run: AbortController | null = null;
  return {
    /** Starts a job (or follows on one `start` answers) unless one is running; answers its last state. */
    follow: async (start: () => Promise<Result<Job>>, onDone?: (job: Job) => Promise<void>): Promise<JobFollow> => {
      if (runningJobId(state()) !== null) return state();
      run?.abort();
      const current = new AbortController();
      run = current;
      return followJob({ jobs, start, show, intervalMs, signal: current.signal, ...(onDone ? { onDone } : {}) });
    },
    /** Stops the running job; it shows as cancelled at once, then as main answers. */
    cancel: async (): Promise<void> => {
      const jobId = runningJobId(state());
      if (jobId === null) return;
      run?.abort();
      show({ status: 'cancelled', job: null });
      const cancelled = await settle(() => jobs().cancel({ jobId }));
      if (!cancelled.ok) show({ status: 'failed', error: cancelled.error, job: null });
      // One that finished before the cancel reached main stays cancelled here: nothing of it is delivered.
      else if (cancelled.value.state === 'cancelled' && state().status === 'cancelled')
        show(jobFollowOf(cancelled.value));
    },
    dismiss: (): void => {
      run?.abort();
      show({ status: 'idle' });
    },
  };
}
