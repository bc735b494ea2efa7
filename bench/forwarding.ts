// Forwarding the audit trail to Azure Monitor Logs, and reading it back as Team History does.
//
// 1. Writes N audit rows (default 1,000,000; `npm run bench forwarding -- --rows 100000` or
//    BENCH_FORWARDING_ROWS) into a real SQLite file with the app's own append (whole calls, as bench/audit.ts
//    writes them): not counted.
// 2. Forwards them with the app's AuditForwarder (the outbox, batches under the call limit) through the real
//    LogsIngestionClient (gzip, TLS) to the demo tenant's Logs Ingestion endpoint. The demo tenant runs in a
//    child process (lib/demoTenantProcess.ts), so this process's CPU is the app's; the demo's is printed apart.
//    Figures next to the documented limits: MicrosoftDocs/azure-monitor-docs
//    articles/azure-monitor/fundamentals/service-limits.md, "Logs Ingestion API" (its include
//    articles/azure-monitor/logs/includes/azure-monitor-limits-custom-logs.md): 1 MB per call, compressed or
//    not; 2 GB per minute per DCR; 12,000 requests per minute per DCR.
// 3. Runs Team History's real queries (src/main/core/forwarding/teamQueries.ts: a page, its calls' outcomes,
//    the count, the three trend aggregates; with and without a filter; the two desk checks of
//    anchorQueries.ts) through the real LogsQueryClient and prints p50/p95. The query rate limit is 200
//    queries per 30 s per user (same page, "Log queries and language", include
//    azure-monitor-limits-log-queries.md).
// Options: --rows N, --runs N (query repetitions, default 10), --store sqlite|memory (the demo workspace's
// rows: the SQLite file the app's demo mode uses, default; or memory), --gap-ms N (the forwarder's least gap
// between calls; default 0, unpaced: a desk's default is 100 ms). Figures are printed, never asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:https';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { LogsIngestionClient } from '@azure/monitor-ingestion';
import { LogsQueryClient, LogsQueryResultStatus, type QueryTimeInterval } from '@azure/monitor-query-logs';
import { PublicClientApplication, type AccountInfo } from '@azure/msal-node';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { appendAuditEvents, CHECKPOINT_EVERY, type AuditEventInput } from '../src/main/core/audit';
import { AuditForwarder } from '../src/main/core/forwarding';
import { deskCheckpointsQuery, deskEventsQuery } from '../src/main/core/forwarding/anchorQueries';
import {
  teamCallOutcomesQuery,
  teamCountQuery,
  teamPageQuery,
  teamTrendQueries,
} from '../src/main/core/forwarding/teamQueries';
import type { TeamFilterParsed } from '../src/shared/team';
import { auditDb } from '../test/support/auditDb';
import { calls } from './audit';
import { startDemoTenantProcess, type ChildStats, type ChildTenant } from './lib/demoTenantProcess';

const MB = 1024 * 1024;
const DAY = 86_400_000;
/** The rows' time span (bench/audit.ts's calls start 2024-11-01). */
const SPAN = 365 * DAY;
const START = Date.UTC(2024, 10, 1);

export interface ForwardingBenchOptions {
  rows: number;
  runs: number;
  store: 'sqlite' | 'memory';
  gapMs: number;
}

function intOption(raw: string | undefined, name: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
  return n;
}

/** The bench's options from `--name value` pairs (run.ts) and BENCH_FORWARDING_ROWS. */
export function forwardingOptions(args: Record<string, string> = {}): ForwardingBenchOptions {
  const store = args.store ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'memory') throw new Error(`--store must be sqlite or memory, got ${store}`);
  return {
    rows: intOption(args.rows ?? process.env.BENCH_FORWARDING_ROWS, 'rows', 1_000_000, 1_000),
    runs: intOption(args.runs, 'runs', 10, 1),
    store,
    gapMs: intOption(args['gap-ms'], 'gap-ms', 0, 0),
  };
}

/** bench/audit.ts's calls, with the call outcome on each `call.closed` row (as the app writes it). */
function* trail(total: number): Generator<AuditEventInput> {
  for (const e of calls(total, SPAN)) {
    if (e.action === 'call.closed')
      yield { ...e, detail: { outcome: e.outcome === 'success' ? 'resolved' : 'not-verified' } };
    else yield e;
  }
}

/** A TokenCredential over the demo agent's MSAL session (silent renewal while the bench runs). */
async function agentCredential(tenant: ChildTenant): Promise<{ credential: TokenCredential; close(): Promise<void> }> {
  const dispatcher = new UndiciAgent({ connect: { ca: tenant.caCertPem } });
  const send = async (url: string, method: 'GET' | 'POST', o?: { headers?: Record<string, string>; body?: string }) => {
    const r = await undiciFetch(url, {
      method,
      headers: o?.headers ?? {},
      ...(method === 'POST' ? { body: o?.body ?? '' } : {}),
      dispatcher,
    });
    return { headers: Object.fromEntries(r.headers), body: (await r.json()) as never, status: r.status };
  };
  const pca = new PublicClientApplication({
    auth: { clientId: tenant.clientId, ...tenant.msal },
    system: {
      networkClient: {
        sendGetRequestAsync: (url, o) => send(url, 'GET', o),
        sendPostRequestAsync: (url, o) => send(url, 'POST', o),
      },
    },
  });
  let account: AccountInfo | null = null;
  const credential: TokenCredential = {
    getToken: async (scopes): Promise<AccessToken> => {
      const list = Array.isArray(scopes) ? scopes : [scopes];
      const auth = account
        ? await pca.acquireTokenSilent({ account, scopes: list })
        : await pca.acquireTokenByUsernamePassword({
            scopes: list,
            username: tenant.agent.upn,
            password: tenant.agent.password,
          });
      if (!auth) throw new Error('no token');
      account = auth.account;
      return { token: auth.accessToken, expiresOnTimestamp: auth.expiresOn?.getTime() ?? Date.now() + 600_000 };
    },
  };
  return { credential, close: () => dispatcher.close() };
}

function percentile(sorted: readonly number[], p: number): number {
  // Nearest rank.
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

async function forward(
  opts: ForwardingBenchOptions,
  tenant: ChildTenant,
  credential: TokenCredential,
  demoStats: () => Promise<ChildStats>,
  agent: Agent,
): Promise<number> {
  // The app's audit database with a checkpoint key: a signed checkpoint every 100 rows, as on a desk.
  const trailDb = auditDb();
  const db = trailDb.db;
  try {
    const w0 = performance.now();
    let batch: AuditEventInput[] = [];
    for (const e of trail(opts.rows)) {
      batch.push(e);
      // Appends of CHECKPOINT_EVERY rows: a checkpoint signed per 100 rows, as a desk's trail has them.
      if (batch.length === CHECKPOINT_EVERY) {
        appendAuditEvents(db, batch);
        batch = [];
      }
    }
    if (batch.length > 0) appendAuditEvents(db, batch);
    const backlog0 = db.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get() as number;
    console.log(
      `wrote ${fmt(opts.rows)} audit rows and ${fmt(backlog0)} signed checkpoints with the app's append in ${fmt((performance.now() - w0) / 1000, 1)} s (not counted)`,
    );

    // The SDK client as clients.ts builds it: retries are the forwarder's, the demo CA trusted by this agent only.
    const ingestion = new LogsIngestionClient(tenant.ingestionEndpoint, credential, {
      retryOptions: { maxRetries: 0 },
      agent,
    });
    const fwd = new AuditForwarder({
      db,
      config: {
        ingestionEndpoint: tenant.ingestionEndpoint,
        dcrImmutableId: tenant.dcrImmutableId,
        streamName: tenant.streamName,
      },
      client: ingestion,
      desk: 'bench',
      minGapMs: opts.gapMs,
    });
    // The first token is fetched before the clock starts (a sign-in, not forwarding).
    await credential.getToken('https://monitor.azure.com//.default');
    const demo0 = await demoStats();
    const load0 = load();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const progress = setInterval(() => {
      const s = fwd.status();
      console.log(`  … ${fmt((performance.now() - t0) / 1000)} s: ${fmt(s.backlog)} records left (load ${load()})`);
    }, 30_000);
    const result = await fwd.drain().finally(() => clearInterval(progress));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const demo1 = await demoStats();
    const load1 = load();
    const left = fwd.status().backlog;
    if (result.kind === 'blocked' || left > 0) console.log(`forwarding stopped: ${result.kind}, ${fmt(left)} left`);

    const callsMade = demo1.calls - demo0.calls;
    const records = demo1.rows - demo0.rows;
    const json = demo1.jsonBytes - demo0.jsonBytes;
    const wire = demo1.wireBytes - demo0.wireBytes;
    const minutes = seconds / 60;
    const appCpu = (cpu.user + cpu.system) / 1e6;
    const demoCpu = (demo1.cpuMicros - demo0.cpuMicros) / 1e6;
    const refused = Object.entries(demo1.statuses)
      .filter(([s]) => s !== '204')
      .map(([s, n]) => `${n}× ${s}`);
    console.log(
      `\nforwarded ${fmt(records)} records (${fmt(opts.rows)} audit rows and their signed checkpoints) in ${fmt(callsMade)} calls, ${fmt(seconds, 1)} s` +
        ` (gap between calls ${opts.gapMs} ms${opts.gapMs === 0 ? ': unpaced; a desk keeps 100 ms by default' : ''}` +
        `${refused.length ? `; refused: ${refused.join(', ')}` : ''})`,
    );
    printTable(
      ['forwarding', 'measured', 'documented limit (service-limits.md, Logs Ingestion API)'],
      [
        ['records/s', fmt(records / seconds), '-'],
        ['JSON (uncompressed) MB/s', fmt(json / MB / seconds, 2), '2 GB/min per DCR = 34.1 MB/s'],
        ['gzip body on the wire MB/s', fmt(wire / MB / seconds, 2), '2 GB/min per DCR, compressed or not'],
        ['JSON MB/min', fmt(json / MB / minutes, 0), '2,048 MB/min per DCR'],
        ['calls/min', fmt(callsMade / minutes, 0), '12,000 requests/min per DCR'],
        ['largest call, JSON bytes', fmt(demo1.largestCallJson), '1 MB per call, compressed or not'],
        ['gzip ratio', `${fmt(json / Math.max(1, wire), 1)}×`, '-'],
        ['records per call', fmt(records / Math.max(1, callsMade)), '-'],
        ['app CPU s (forwarder + SDK + gzip + TLS)', fmt(appCpu, 1), '-'],
        ['app CPU, % of one core', fmt((appCpu / seconds) * 100, 0), '-'],
        ['demo server CPU s (other process)', fmt(demoCpu, 1), '-'],
        ['demo server CPU, % of one core', fmt((demoCpu / seconds) * 100, 0), '-'],
        ['demo server RSS MB', fmt(demo1.rssBytes / MB, 0), '-'],
        ['app RSS MB', fmt(process.memoryUsage().rss / MB, 0), '-'],
      ],
    );
    console.log(`load average (1/5/15 min) before: ${load0}; after: ${load1} (2 cores, shared)`);
    return records;
  } finally {
    trailDb.dispose();
  }
}

interface QueryCase {
  name: string;
  query: string;
  span: QueryTimeInterval;
}

/** Team History's queries as team.ts sends them (the same builders and the same time spans). */
function teamCases(table: string, lastAt: number, now: number): QueryCase[] {
  const all: QueryTimeInterval = { startTime: new Date(Date.UTC(2000, 0, 1)), endTime: new Date(now + DAY) };
  const none: TeamFilterParsed = {};
  const agentAction: TeamFilterParsed = { agentUpn: 'agent3@contoso.com', action: 'reset.password' };
  const text: TeamFilterParsed = { text: 'INC01000' };
  const from = lastAt - 30 * DAY;
  const monthSpan: QueryTimeInterval = { startTime: new Date(from), endTime: new Date(lastAt + 1) };
  const month = teamTrendQueries(table, { from, to: lastAt });
  const monthAgent = teamTrendQueries(table, { from, to: lastAt, agentUpn: 'agent3@contoso.com' });
  const callIds = Array.from({ length: 100 }, (_, i) => `call-${i * 7}`);
  return [
    { name: 'page 1 (100 rows), no filter', query: teamPageQuery(table, none, 0, 100), span: all },
    { name: 'page 1, agent + action', query: teamPageQuery(table, agentAction, 0, 100), span: all },
    { name: 'page 1, ticket/notes text', query: teamPageQuery(table, text, 0, 100), span: all },
    { name: "a page's call outcomes (100 calls)", query: teamCallOutcomesQuery(table, callIds), span: all },
    { name: 'count, no filter', query: teamCountQuery(table, none), span: all },
    { name: 'count, agent + action', query: teamCountQuery(table, agentAction), span: all },
    { name: 'count, ticket/notes text', query: teamCountQuery(table, text), span: all },
    { name: 'trends per day (30 days)', query: month.perDay, span: monthSpan },
    { name: 'trends per agent (30 days)', query: month.perAgent, span: monthSpan },
    { name: 'trends checks (30 days)', query: month.checks, span: monthSpan },
    { name: 'trends per day, one agent', query: monthAgent.perDay, span: monthSpan },
    { name: 'trends per agent, one agent', query: monthAgent.perAgent, span: monthSpan },
    { name: 'trends checks, one agent', query: monthAgent.checks, span: monthSpan },
    // The desk checks (anchor.ts): two aggregate queries over every row, all time.
    { name: 'desk checks: events per desk', query: deskEventsQuery(table), span: all },
    { name: 'desk checks: checkpoints per desk', query: deskCheckpointsQuery(table), span: all },
  ];
}

async function queries(
  opts: ForwardingBenchOptions,
  tenant: ChildTenant,
  credential: TokenCredential,
  agent: Agent,
  records: number,
): Promise<void> {
  const client = new LogsQueryClient(credential, {
    endpoint: tenant.queryEndpoint,
    retryOptions: { maxRetries: 0 },
    agent,
  });
  const run = async (c: QueryCase): Promise<{ ms: number; rows: number; partial: boolean }> => {
    const t0 = performance.now();
    const r = await client.queryWorkspace(tenant.workspaceId, c.query, c.span);
    const ms = performance.now() - t0;
    const partial = r.status === LogsQueryResultStatus.PartialFailure;
    const rows = r.status === LogsQueryResultStatus.Success ? (r.tables[0]?.rows.length ?? 0) : 0;
    return { ms, rows, partial };
  };
  // The last row's time, for the trends' last 30 days (the rows end a year after 2024-11-01).
  const lastAt = START + SPAN;
  const cases = teamCases(tenant.tableName, lastAt, Date.now());
  await credential.getToken('https://api.loganalytics.io/.default');
  // The first query reads the workspace's rows into the demo's memory (from its SQLite file): timed apart.
  const first = await run(cases[4] as QueryCase);
  console.log(
    `\nfirst query after forwarding (the demo loads ${fmt(records)} rows from its ${opts.store} store): ${fmt(first.ms)} ms`,
  );
  const rows: string[][] = [];
  const load0 = load();
  for (const c of cases) {
    const times: number[] = [];
    let answer = { rows: 0, partial: false };
    for (let i = 0; i < opts.runs; i++) {
      const r = await run(c);
      times.push(r.ms);
      answer = r;
    }
    times.sort((a, b) => a - b);
    rows.push([
      c.name,
      fmt(percentile(times, 50)),
      fmt(percentile(times, 95)),
      `${fmt(answer.rows)}${answer.partial ? ' (partial)' : ''}`,
    ]);
  }
  console.log(
    `team queries over ${fmt(records)} records, real LogsQueryClient → demo workspace (${opts.runs} runs each; load ${load0} → ${load()}):`,
  );
  printTable(['query (teamQueries.ts)', 'p50 ms', 'p95 ms', 'rows back'], rows);
}

export async function benchForwarding(args: Record<string, string> = {}): Promise<void> {
  const opts = forwardingOptions(args);
  const dir = await mkdtemp(join(tmpdir(), 'resetline-bench-fwd-'));
  const demo = await startDemoTenantProcess({
    dataDir: join(dir, 'tenant'),
    users: 200,
    workspaceFile: opts.store === 'sqlite' ? join(dir, 'workspace.sqlite') : null,
  });
  const agent = new Agent({ ca: demo.tenant.caCertPem, keepAlive: true });
  const auth = await agentCredential(demo.tenant);
  try {
    console.log(
      `${fmt(opts.rows)} audit rows; demo tenant in its own process (workspace store: ${opts.store}); load average ${load()}`,
    );
    const records = await forward(opts, demo.tenant, auth.credential, demo.stats, agent);
    await queries(opts, demo.tenant, auth.credential, agent, records);
  } finally {
    agent.destroy();
    await auth.close();
    await demo.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
