// Registration ingest at 100,000 users with 100 ms of latency per Graph round trip: the report and
// /users streams run side by side, so the ingest should take about half the sequential floor
// (every round trip one after another). Goal: ratio ≤ 1.15, below 1 through the concurrent
// streams, without tripping throttling. The demo tenant runs in a worker thread, as Graph runs
// elsewhere: its own CPU does not count against the app's. Also: the snapshot writer's SQLite upsert
// rate and its promotion on their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Agent } from 'undici';
import { AgentSession } from '../src/main/core/auth/session';
import { PolicyService } from '../src/main/core/policy/service';
import { RegistrationService } from '../src/main/core/registration';
import { createRun, promoteRun, RegistrationWriter } from '../src/main/core/registration/store';
import type { DemoEndpoints } from '../src/main/core/tenant/connection';
import { startDemoTenant } from '../src/demo-tenant';
import { completeBrowserSignIn } from '../test/integration/core/sessionHarness';
import type { TestTenant } from '../test/integration/demo-tenant/identity-helpers';
import { syntheticRow } from '../test/unit/registration/fixtures';
import { tempDb } from '../test/unit/store/tempDb';

const USERS = 100_000;
const LATENCY_MS = 100;
const ROLE = 'registration-bench-demo-tenant';
const AGENT = { upn: 'global.reader@contoso.com', password: 'Reader!Demo2026' };

type WorkerStats = { throttled: number; busy: ReturnType<typeof performance.eventLoopUtilization> };
type Endpoints = Pick<DemoEndpoints, 'origin' | 'tenantId' | 'clientId' | 'caCertPem' | 'msal'> & {
  pagesOrigin: string;
};

// The worker side: a demo tenant serving until told to stop.
if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  void (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'resetline-bench-registration-'));
    const tenant = await startDemoTenant({ dataDir, users: USERS, seed: 7, knobs: { latencyMs: LATENCY_MS } });
    const endpoints: Endpoints = {
      origin: tenant.origin,
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      caCertPem: tenant.caCertPem,
      msal: tenant.msal,
      pagesOrigin: tenant.pagesOrigin,
    };
    parentPort!.postMessage({ endpoints });
    parentPort!.on('message', (m: string) => {
      if (m === 'stats') {
        parentPort!.postMessage({ stats: { ...tenant.knobs.stats(), busy: performance.eventLoopUtilization() } });
      }
      if (m === 'stop') {
        void tenant.stop().finally(() => {
          rmSync(dataDir, { recursive: true, force: true });
          parentPort!.postMessage({ stopped: true });
        });
      }
    });
  })();
}

/** The SQLite side alone: staging upserts (1,000-row pages), then the promotion (move + index rebuild). */
function sqliteRates(): { upsertPerSecond: number; promoteMs: number } {
  const store = tempDb();
  try {
    const run = createRun(store.db, 'bench:upsert', 'report', Date.now());
    const writer = new RegistrationWriter(store.db);
    const rows = Array.from({ length: USERS }, (_, i) => syntheticRow(i));
    const start = performance.now();
    for (let i = 0; i < rows.length; i += 1000) writer.writeRows(run.id, rows.slice(i, i + 1000), `next-${i}`);
    const upsertPerSecond = USERS / ((performance.now() - start) / 1000);
    const promoted = performance.now();
    promoteRun(store.db, run.id, Date.now());
    return { upsertPerSecond, promoteMs: performance.now() - promoted };
  } finally {
    store.dispose();
  }
}

function ask<T>(worker: Worker, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        worker.off('message', on);
        resolve(m[key] as T);
      }
    };
    worker.on('message', on);
    if (message) worker.postMessage(message);
  });
}

export async function benchRegistration(): Promise<void> {
  // The worker loads this TypeScript file through tsx's CommonJS hook, as `npm run bench` does.
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, {
    eval: true,
    workerData: { role: ROLE },
  });
  const endpoints = await ask<Endpoints>(worker, '', 'endpoints');
  const dispatcher = new Agent({ connect: { ca: endpoints.caCertPem } });
  // Only what the sign-in page client reads of a test tenant.
  const pages = { tenant: endpoints, dispatcher } as unknown as TestTenant;
  const store = tempDb();
  try {
    const requests: { method: string; url: string }[] = [];
    const session = new AgentSession({
      settings: () => ({ cloud: 'demo' }),
      startDemo: async () => endpoints,
      openBrowser: async (url) => void completeBrowserSignIn(pages, url, AGENT).catch(() => undefined),
      onGraphRequest: (method, url) => requests.push({ method, url }),
    });
    await session.signIn('interactive');
    const service = new RegistrationService({ db: store.db, session, policy: new PolicyService(store.db, session) });
    const before = requests.length;
    const statsBefore = await ask<WorkerStats>(worker, 'stats', 'stats');
    const cpu = process.cpuUsage();
    const start = performance.now();
    service.startIngest({ source: 'report' });
    const done = await service.settled();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (done?.state !== 'done') throw new Error(`ingest ended ${done?.state}: ${JSON.stringify(done?.error)}`);
    const trips = requests.length - before;
    const floor = trips * LATENCY_MS;
    const statsAfter = await ask<WorkerStats>(worker, 'stats', 'stats');
    const throttled = statsAfter.throttled - statsBefore.throttled;
    const demoBusy = performance.eventLoopUtilization(statsAfter.busy, statsBefore.busy).utilization;
    console.log(
      `registration ingest, ${done.processed.toLocaleString('en-US')} users, demo latency ${LATENCY_MS} ms, demo tenant in a worker thread (agent: Global Reader)`,
    );
    console.log(
      `  ingest time: ${(ms / 1000).toFixed(2)} s (app thread CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`,
    );
    console.log(`  round trips: ${trips} (report + /users pages, and /users/$count)`);
    console.log(`  sequential floor (round trips × latency): ${(floor / 1000).toFixed(2)} s`);
    console.log(`  ratio ingest / floor: ${(ms / floor).toFixed(2)} (goal ≤ 1.15, < 1 with concurrent streams)`);
    console.log(`  throttled: ${throttled} 429s answered, ${done.throttledWaits} waits`);
    console.log(`  demo tenant thread busy ${(demoBusy * 100).toFixed(0)}% of the ingest`);
    console.log(`  end to end: ${Math.round(done.processed / (ms / 1000)).toLocaleString('en-US')} users/s`);
  } finally {
    store.dispose();
    await ask(worker, 'stop', 'stopped');
    await worker.terminate();
    await dispatcher.close();
  }
  const sqlite = sqliteRates();
  console.log(
    `  SQLite upsert rate (staging writer alone, 1,000-row pages, one commit each): ${Math.round(sqlite.upsertPerSecond).toLocaleString('en-US')} rows/s`,
  );
  console.log(
    `  SQLite promotion of ${USERS.toLocaleString('en-US')} rows (move, methods table, 7 indexes rebuilt): ${(sqlite.promoteMs / 1000).toFixed(2)} s`,
  );
}
