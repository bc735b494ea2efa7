// The app's services and router for one signed-in demo agent, as runtime.ts builds them, with the event
// bus the shells subscribe to: for tests of job kinds through `jobs:start`, `jobs:get` and `jobs:cancel`
// that also watch the `jobs:progress` events main publishes, and read an export's file as the browser
// host would (its one-time download token).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelName } from '../../src/shared/contract';
import { isFinal, JobSnapshot, type Job } from '../../src/shared/jobs';
import type { ResultError } from '../../src/shared/result';
import type { AgentSession } from '../../src/main/core/auth/session';
import { ExportFiles } from '../../src/main/core/exports';
import { TenantForwarding } from '../../src/main/core/forwarding/tenant';
import { createHandlers } from '../../src/main/core/handlers';
import { createEventBus } from '../../src/main/core/host/events';
import { createRouter } from '../../src/main/core/host/router';
import { PolicyService } from '../../src/main/core/policy/service';
import { buildServices } from '../../src/main/core/services';
import { tempDb, type TempDb } from '../unit/store/tempDb';
import type { TestTenant } from '../integration/demo-tenant/identity-helpers';
import { ChannelError, harnessAppInfo } from './callerHarness';
import { agentByLabel, createSession } from './sessionHarness';

export interface JobsHarness {
  store: TempDb;
  session: AgentSession;
  /** Every `jobs:progress` snapshot published so far, in order. */
  events: Job[];
  /** Calls a channel through the router and unwraps the result (throws with the error's code). */
  call<T = unknown>(channel: ChannelName, input?: unknown): Promise<T>;
  /** Calls a channel that must fail; answers its error. */
  refused(channel: ChannelName, input?: unknown): Promise<ResultError>;
  /** Resolves with the job's final `jobs:progress` event (every job publishes one), confirmed by jobs:get. */
  ended(jobId: string): Promise<Job>;
  /** Resolves at the first event of the job that `test` accepts (and runs it inside the bus's send). */
  eventWhere(jobId: string, test: (job: Job) => boolean): Promise<Job>;
  /** A finished export's file, taken with its download token as the browser host's GET /download does. */
  download(job: Job): { fileName: string; text: string };
  /** Files waiting in the exports folder (a cancelled export leaves none). */
  exportsDir: string;
  dispose(): void;
}

export interface JobsHarnessOptions {
  /** Team History reads the demo tenant's workspace, as the app does in demo mode (runtime.ts). */
  demoWorkspace?: boolean;
}

export async function createJobsHarness(
  t: TestTenant,
  agentLabel: string,
  options: JobsHarnessOptions = {},
): Promise<JobsHarness> {
  const store = tempDb();
  const session = createSession(t, () => agentByLabel(t, agentLabel));
  await session.signIn('interactive');
  const info = () => harnessAppInfo(store.dir);
  const exportsDir = join(store.dir, 'exports');
  const files = new ExportFiles({ dir: exportsDir });
  const bus = createEventBus();
  const events: Job[] = [];
  const waiters = new Set<{ jobId: string; test: (job: Job) => boolean; resolve: (job: Job) => void }>();
  bus.subscribe({
    send: (event) => {
      if (event.name !== 'jobs:progress') return;
      // As the renderer does on arrival: the payload read as the event's schema says.
      const job: Job = JobSnapshot.parse(event.payload);
      events.push(job);
      for (const w of [...waiters]) {
        if (w.jobId !== job.id || !w.test(job)) continue;
        waiters.delete(w);
        w.resolve(job);
      }
    },
  });
  const m = t.tenant.monitor;
  const workspace = {
    ingestionEndpoint: m.ingestionEndpoint,
    dcrImmutableId: m.dcrImmutableId,
    streamName: m.streamName,
    workspaceId: m.workspaceId,
  };
  const services = buildServices({
    db: store.db,
    info,
    session,
    policy: new PolicyService(store.db, session),
    exports: files,
    events: bus,
    // Kept, never started: only Team History's reads use it.
    ...(options.demoWorkspace
      ? { forwarding: new TenantForwarding({ db: store.db, session, desk: 'TEST', demoDestination: () => workspace }) }
      : {}),
  });
  const router = createRouter(createHandlers(services));
  const dispatch = (channel: ChannelName, input?: unknown) => router.dispatch(channel, input, { transport: 'ipc' });
  const call = async <T>(channel: ChannelName, input?: unknown): Promise<T> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw new ChannelError(r.error.code, r.error.message);
    return r.value as T;
  };
  const eventWhere = (jobId: string, test: (job: Job) => boolean): Promise<Job> => {
    const seen = events.find((e) => e.id === jobId && test(e));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { jobId, test, resolve };
      waiters.add(waiter);
      // A job that never publishes what the test waits for fails the test instead of hanging it.
      setTimeout(() => {
        if (waiters.delete(waiter)) reject(new Error(`job ${jobId}: no such event within 60 s`));
      }, 60_000).unref();
    });
  };
  return {
    store,
    session,
    events,
    call,
    async refused(channel, input) {
      const r = await dispatch(channel, input);
      if (r.ok)
        throw new Error(`${channel} was expected to fail but answered ${JSON.stringify(r.value).slice(0, 200)}`);
      return r.error;
    },
    async ended(jobId) {
      await eventWhere(jobId, (job) => isFinal(job.state));
      return call<Job>('jobs:get', { jobId });
    },
    eventWhere,
    download(job) {
      const token = job.result?.type === 'file' ? job.result.downloadToken : undefined;
      const file = token === undefined ? null : files.takeDownload(token);
      if (!file) throw new Error(`job ${job.id} has no file to download`);
      return { fileName: file.fileName, text: readFileSync(file.path, 'utf8') };
    },
    exportsDir,
    dispose() {
      services.jobs.dispose();
      files.dispose();
      store.dispose();
    },
  };
}
