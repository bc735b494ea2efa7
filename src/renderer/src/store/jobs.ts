// A job as a screen follows it (History's and Registration's exports, the registration snapshot):
// main does the work and tells its progress with `jobs:progress` events; the screen shows each and, once
// an event says the job is over, confirms it with one jobs:get. Without events (the stream is down, or the
// transport has none) it reads the job with jobs:get until it is over.
import type { EventStreamState, EventSubscriptions, ResetlineApi } from '../../../shared/contract';
import { isFinal, type Job } from '../../../shared/jobs';
import { assertNever, type Result, type ResultError } from '../../../shared/result';
import { settle, toResultError } from './loadable';
import { delay, pollUntil, type PollOutcome } from './poll';

/**
 * How often a running job is read when no events arrive. Slower than events come (main samples progress
 * five times a second): polling is the fallback, not the feedback.
 */
export const JOB_POLL_MS = 1_000;

/** While events flow, a job is still read once this many poll intervals pass with no event. */
export const EVENT_SAFETY_POLLS = 5;

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

/** The transport's events, when it has them (`window.resetline.on`; the browser host's EventSource). */
export type JobEvents = () => Pick<ResetlineApi, 'on' | 'onStream'>;

export interface FollowJob {
  jobs: () => ResetlineApi['jobs'];
  /** Where `jobs:progress` events come from; without them (or while their stream is down) the job is polled. */
  events?: JobEvents;
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
  // Listening before the start: an event sent before its answer arrives is kept, not lost.
  const feed = jobFeed(options.events?.());
  let job: Job;
  try {
    const started = await settle(options.start);
    if (!started.ok) return end({ status: 'failed', error: started.error, job: null });
    job = started.value;
    if (!isFinal(job.state)) {
      end(jobFollowOf(job));
      const jobId = job.id;
      const follow = { read: () => jobs().get({ jobId }), show: (next: Job) => show(jobFollowOf(next)), intervalMs };
      const outcome = feed
        ? await followByEvents(feed, jobId, follow, signal)
        : await pollUntil({
            read: follow.read,
            onAnswer: (next) => {
              if (!isFinal(next.state)) follow.show(next);
            },
            until: (next) => isFinal(next.state),
            intervalMs,
            signal,
          });
      if (outcome.status === 'aborted') return { status: 'idle' };
      if (outcome.status === 'error') return end({ status: 'failed', error: outcome.error, job });
      job = outcome.value;
    }
  } finally {
    feed?.close();
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

/** The `jobs:progress` events of one follow: the last snapshot of each job, and the stream's state. */
interface JobFeed {
  /** The newest snapshot of the job received since the last take. */
  take(jobId: string): Job | undefined;
  up(): boolean;
  /** Whether the stream was down at some point since the last call (events may have been lost); clears it. */
  takeMissed(): boolean;
  /** Resolves at the next event or stream change ('woken'), after `ms` ('timeout'; null: never), or on abort. */
  wait(ms: number | null, signal: AbortSignal): Promise<'woken' | 'timeout' | 'aborted'>;
  close(): void;
}

function jobFeed(events: Partial<EventSubscriptions> | undefined): JobFeed | null {
  if (!events?.on || !events.onStream) return null;
  const latest = new Map<string, Job>();
  let state: EventStreamState = 'down';
  let missed = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  const offEvent = events.on('jobs:progress', (job) => {
    latest.set(job.id, job);
    poke();
  });
  const offStream = events.onStream((next) => {
    state = next;
    if (next === 'down') missed = true;
    poke();
  });
  return {
    take(jobId) {
      const job = latest.get(jobId);
      latest.delete(jobId);
      return job;
    },
    up: () => state === 'up',
    takeMissed: () => {
      const was = missed;
      missed = false;
      return was;
    },
    async wait(ms, signal) {
      if (signal.aborted) return 'aborted';
      // One controller ends the timer and the abort listener, whichever way this wait ends.
      const stop = new AbortController();
      const onAbort = () => stop.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      const woken = new Promise<'woken'>((resolve) => (wake = () => resolve('woken')));
      const stopped = new Promise<'aborted'>((resolve) =>
        stop.signal.addEventListener('abort', () => resolve('aborted'), { once: true }),
      );
      const timed = ms === null ? [] : [delay(ms, stop.signal).then((full) => (full ? 'timeout' : 'aborted'))];
      const why = await Promise.race<'woken' | 'timeout' | 'aborted'>([woken, stopped, ...timed]);
      signal.removeEventListener('abort', onAbort);
      stop.abort();
      wake = null;
      return signal.aborted ? 'aborted' : why;
    },
    close() {
      offEvent();
      offStream();
      poke();
    },
  };
}

interface Following {
  read: () => Promise<Result<Job>>;
  show: (job: Job) => void;
  /** How often the job is read while the event stream is down. */
  intervalMs: number;
}

/**
 * Follows a job by its events: each snapshot shown as it comes; a final one confirmed with one jobs:get.
 * While the stream is down the job is read every `intervalMs`, and once more when it comes back up
 * (events sent meanwhile are lost); while it is up, once per `EVENT_SAFETY_POLLS` intervals with no event.
 */
async function followByEvents(
  feed: JobFeed,
  jobId: string,
  { read, show, intervalMs }: Following,
  signal: AbortSignal,
): Promise<PollOutcome<Job>> {
  for (;;) {
    let next: Job | undefined = feed.take(jobId);
    let confirmed = false;
    if (next === undefined && feed.up() && feed.takeMissed()) {
      const caughtUp = await settle(read);
      if (signal.aborted) return { status: 'aborted' };
      if (!caughtUp.ok) return { status: 'error', error: caughtUp.error };
      next = caughtUp.value;
      confirmed = true;
    }
    if (next === undefined) {
      // Up, the stream is the feedback and a read every EVENT_SAFETY_POLLS intervals only a safety net
      // (an event lost between main and the tab must not leave the screen waiting for ever).
      const why = await feed.wait(feed.up() ? intervalMs * EVENT_SAFETY_POLLS : intervalMs, signal);
      if (why === 'aborted') return { status: 'aborted' };
      if (why === 'woken') continue;
      const polled = await settle(read);
      if (signal.aborted) return { status: 'aborted' };
      if (!polled.ok) return { status: 'error', error: polled.error };
      next = polled.value;
      confirmed = true;
    }
    if (isFinal(next.state) && !confirmed) {
      // The event says it is over: main's own answer decides how (and hands over the result).
      const answer = await settle(read);
      if (signal.aborted) return { status: 'aborted' };
      if (!answer.ok) return { status: 'error', error: answer.error };
      next = answer.value;
    }
    if (isFinal(next.state)) return { status: 'done', value: next };
    show(next);
  }
}

/** The running job's id, when the state shows one. */
export function runningJobId(state: JobFollow): string | null {
  return state.status === 'running' ? state.job.id : null;
}

export interface JobFollowerOptions {
  jobs: () => ResetlineApi['jobs'];
  events?: JobEvents;
  /** The state the screen shows now, and how to change it. */
  state: () => JobFollow;
  show: (state: JobFollow) => void;
  intervalMs?: number;
}

/** One screen's job: start and follow it, cancel it, dismiss what it became. One at a time. */
export function createJobFollower({ jobs, events, state, show, intervalMs = JOB_POLL_MS }: JobFollowerOptions) {
  // The job being followed; cancel and dismiss abort it (they set the state themselves).
  let run: AbortController | null = null;
  return {
    /** Starts a job (or follows on one `start` answers) unless one is running; answers its last state. */
    follow: async (start: () => Promise<Result<Job>>, onDone?: (job: Job) => Promise<void>): Promise<JobFollow> => {
      if (runningJobId(state()) !== null) return state();
      run?.abort();
      const current = new AbortController();
      run = current;
      return followJob({
        jobs,
        start,
        show,
        intervalMs,
        signal: current.signal,
        ...(events ? { events } : {}),
        ...(onDone ? { onDone } : {}),
      });
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
