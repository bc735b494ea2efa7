// The one runner of long-running work: starts a job of any kind registered with it, keeps its state, progress,
// rate and ETA, stops it on cancel, and answers only the agent who started it. It publishes each job's
// snapshot as a `jobs:progress` event (sampled, plus the final state) to the agent who owns it; the
// renderer follows with those events, or jobs:get when they do not arrive. The kinds only do their work
// and report how far they are.
import { randomUUID } from 'node:crypto';
import { isFinal, JobResult, type Job, type JobKind, type JobStartParams } from '../../../shared/jobs';
import { isErrorCode, ResetlineError, type ResultError } from '../../../shared/result';
import { createSampler, type EventBus } from '../host/events';
import { createLogger } from '../log';
import { JobCancelledError, type JobAgent, type JobKindDef, type JobKinds, type JobNeed, type JobWork } from './types';

const log = createLogger('jobs');

/** Finished jobs kept for their agent to read; the oldest beyond this are forgotten. */
export const FINISHED_JOBS_KEPT = 50;

/** A running job's progress is sampled this often for `jobs:progress`: at most 5 events a second per job. */
export const JOB_EVENT_EVERY_MS = 200;

export interface JobRunnerOptions {
  kinds: JobKinds;
  /** The signed-in agent when they hold what `need` says, else throws (signed_out, not_allowed). */
  authorize: (need: JobNeed) => JobAgent;
  now?: () => number;
  /** Where each job's snapshots go as `jobs:progress` events; without it, only jobs:get tells. */
  events?: EventBus;
  /** How often a running job's progress is sampled for events (default JOB_EVENT_EVERY_MS). */
  eventEveryMs?: number;
}

interface Entry {
  view: Job;
  owner: string;
  tenantKey: string;
  abort: AbortController;
  work: JobWork | null;
  /** Settles when the job has reached a final state. */
  ended: Promise<void>;
  /** Sends the final snapshot as an event (and stops sampling). */
  publishFinal: () => void;
  /** Items done when this run's work started (a resume's rows), and when: the rate counts from here. */
  baseline: { done: number; at: number };
}

export class JobNotFoundError extends ResetlineError {
  constructor() {
    super('not_found', 'There is no such job: it was started by another agent, or before Resetline restarted.');
    this.name = 'JobNotFoundError';
  }
}

const ownerOf = (agent: JobAgent): string => `${agent.tenantKey}|${agent.agentId}`;

export class JobRunner {
  private readonly jobs = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: JobRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(params: JobStartParams): Promise<Job> {
    const kind = this.kind(params.kind);
    const agent = this.options.authorize(kind.need);
    const running = kind.single && this.runningOf(params.kind, agent.tenantKey);
    if (kind.single && running) {
      if (running.owner === ownerOf(agent) && kind.single.same(running.view.params, params)) return this.view(running);
      throw new ResetlineError('invalid_input', kind.single.busy);
    }
    const at = this.now();
    const entry: Entry = {
      view: {
        id: randomUUID(),
        kind: params.kind,
        params,
        state: 'queued',
        progress: { done: 0, total: null },
        counts: {},
        ratePerSecond: 0,
        etaSeconds: null,
        startedAt: new Date(at).toISOString(),
        finishedAt: null,
        resumable: false,
        result: null,
        error: null,
      },
      owner: ownerOf(agent),
      tenantKey: agent.tenantKey,
      abort: new AbortController(),
      work: null,
      ended: Promise.resolve(),
      publishFinal: () => undefined,
      baseline: { done: 0, at },
    };
    this.jobs.set(entry.view.id, entry);
    let work: JobWork;
    try {
      work = await kind.start(params, entry.abort.signal);
    } catch (error) {
      this.jobs.delete(entry.view.id);
      throw error;
    }
    entry.work = work;
    entry.view.state = 'running';
    entry.baseline = { done: work.progress().done, at: this.now() };
    entry.publishFinal = this.publisher(entry);
    entry.ended = this.follow(entry, work, kind.noun);
    this.forgetOldest();
    return this.view(entry);
  }

  get(jobId: string): Job {
    return this.view(this.owned(jobId));
  }

  /** Stops the job and answers once it has stopped; a finished job is answered as it is. */
  async cancel(jobId: string): Promise<Job> {
    const entry = this.owned(jobId);
    if (!isFinal(entry.view.state)) {
      entry.abort.abort();
      await entry.ended;
    }
    return this.view(entry);
  }

  /** The agent's jobs of a kind, newest first; none in memory: the one the kind remembers, if any. */
  list(kind: JobKind): Job[] {
    const def = this.kind(kind);
    const owner = ownerOf(this.options.authorize(def.need));
    const own = [...this.jobs.values()].filter((e) => e.owner === owner && e.view.kind === kind);
    if (own.length > 0) return own.reverse().map((e) => this.view(e));
    const remembered = def.remembered?.();
    return remembered ? [remembered] : [];
  }

  /** Resolves when the job has ended (tests, bench; the renderer follows with get). */
  async settled(jobId: string): Promise<Job> {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new JobNotFoundError();
    await entry.ended;
    return this.view(entry);
  }

  /** Stops every job (the app is closing). */
  dispose(): void {
    for (const entry of this.jobs.values()) entry.abort.abort();
  }

  private kind<K extends JobKind>(kind: K): JobKindDef<K> {
    const def = this.options.kinds[kind];
    if (!def) throw new ResetlineError('invalid_input', 'Resetline cannot run this kind of work here.');
    return def;
  }

  /** The job when the signed-in agent started it and still holds what its kind needs. */
  private owned(jobId: string): Entry {
    const entry = this.jobs.get(jobId);
    const agent = this.options.authorize('agent');
    if (!entry || entry.owner !== ownerOf(agent)) throw new JobNotFoundError();
    this.options.authorize(this.kind(entry.view.kind).need);
    return entry;
  }

  private runningOf(kind: JobKind, tenantKey: string): Entry | undefined {
    return [...this.jobs.values()].find(
      (e) => e.view.kind === kind && e.tenantKey === tenantKey && !isFinal(e.view.state),
    );
  }

  private async follow(entry: Entry, work: JobWork, noun: string): Promise<void> {
    const view = entry.view;
    try {
      const result = JobResult.parse(await work.done);
      if (entry.abort.signal.aborted) throw new JobCancelledError();
      view.result = result;
      view.state = 'done';
    } catch (error) {
      if (error instanceof JobCancelledError || entry.abort.signal.aborted) view.state = 'cancelled';
      else {
        view.state = 'failed';
        view.error = failure(error, noun);
      }
    } finally {
      view.progress = work.progress();
      view.counts = work.counts?.() ?? {};
      view.resumable = view.state !== 'done' && (work.resumable?.() ?? false);
      view.finishedAt = new Date(this.now()).toISOString();
      view.etaSeconds = null;
      entry.publishFinal();
    }
  }

  /**
   * Samples a running job for `jobs:progress` (a snapshot only when its state, progress or counts
   * changed) and answers how to send the final one. Sent only while the job's owner is the agent
   * signed in and still holds what its kind needs: exactly who jobs:get would answer.
   */
  private publisher(entry: Entry): () => void {
    const bus = this.options.events;
    if (!bus) return () => undefined;
    const send = (job: Job) => {
      if (bus.hasSubscribers() && this.ownerSignedIn(entry)) bus.publish('jobs:progress', job);
    };
    const sampler = createSampler({
      everyMs: this.options.eventEveryMs ?? JOB_EVENT_EVERY_MS,
      read: () => this.view(entry),
      send,
      key: (job) => JSON.stringify([job.state, job.progress, job.counts]),
    });
    return () => sampler.flush(this.view(entry));
  }

  private ownerSignedIn(entry: Entry): boolean {
    try {
      return ownerOf(this.options.authorize(this.kind(entry.view.kind).need)) === entry.owner;
    } catch {
      return false;
    }
  }

  /** A copy of the job as it is now; a running one's progress, rate and ETA read afresh. */
  private view(entry: Entry): Job {
    const { view, work } = entry;
    if (work && !isFinal(view.state)) {
      view.progress = work.progress();
      view.counts = work.counts?.() ?? {};
      const seconds = Math.max(0.001, (this.now() - entry.baseline.at) / 1000);
      const { done, total } = view.progress;
      view.ratePerSecond = Math.round(((done - entry.baseline.done) / seconds) * 10) / 10;
      view.etaSeconds =
        total !== null && view.ratePerSecond > 0 ? Math.max(0, Math.round((total - done) / view.ratePerSecond)) : null;
    }
    return structuredClone(view);
  }

  private forgetOldest(): void {
    const finished = [...this.jobs.values()].filter((e) => isFinal(e.view.state));
    for (const e of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.jobs.delete(e.view.id);
  }
}

function failure(error: unknown, noun: string): ResultError {
  if (error instanceof ResetlineError && isErrorCode(error.code)) return { code: error.code, message: error.message };
  log.error(`${noun} failed`, { error });
  return { code: 'internal', message: `The ${noun} failed; details are in the log.` };
}
