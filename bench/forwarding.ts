// Forwarding 100,000 audit rows to the demo tenant's Logs Ingestion endpoint with the real
// LogsIngestionClient (gzip, TLS): rows/s, bytes/s and calls/min next to the documented limits (1 MB per
// call, 12,000 requests and 2 GB per minute per DCR: MicrosoftDocs/azure-monitor-docs
// articles/azure-monitor/fundamentals/service-limits.md), the process's CPU while it runs (the demo server
// is in the same process), and the team query's p50/p95 over those rows. Printed, never asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { LogsIngestionClient } from '@azure/monitor-ingestion';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { PublicClientApplication } from '@azure/msal-node';
import { Agent as UndiciAgent, fetch as undiciFetch } from 'undici';
import { startDemoTenant } from '../src/demo-tenant';
import { appendAuditEvents, type AuditEventInput } from '../src/main/core/audit';
import { AuditForwarder, buildTeamQuery } from '../src/main/core/forwarding';
import { closeDatabase, migrate, openDatabase } from '../src/main/core/store';

const ROWS = 100_000;
const MB = 1024 * 1024;

function event(i: number): AuditEventInput {
  return {
    occurredAt: Date.UTC(2026, 0, 1) + i * 1000,
    callId: `call-${Math.floor(i / 4)}`,
    agentUpn: `agent${i % 20}@contoso.com`,
    targetUpn: `user${i % 997}@contoso.com`,
    targetId: `user-id-${i % 997}`,
    action: i % 4 === 0 ? 'reset.password' : 'verify.challenge-passed',
    outcome: 'success',
    notes: i % 5 === 0 ? `ticket follow-up ${i}` : null,
    detail: { i },
  };
}

async function tokenFor(tenant: Awaited<ReturnType<typeof startDemoTenant>>, scope: string): Promise<string> {
  const dispatcher = new UndiciAgent({ connect: { ca: tenant.caCertPem } });
  const pca = new PublicClientApplication({
    auth: { clientId: tenant.clientId, ...tenant.msal },
    system: {
      networkClient: {
        sendGetRequestAsync: async (url, o) => {
          const r = await undiciFetch(url, { headers: o?.headers ?? {}, dispatcher });
          return { headers: Object.fromEntries(r.headers), body: (await r.json()) as never, status: r.status };
        },
        sendPostRequestAsync: async (url, o) => {
          const r = await undiciFetch(url, {
            method: 'POST',
            headers: o?.headers ?? {},
            body: o?.body ?? '',
            dispatcher,
          });
          return { headers: Object.fromEntries(r.headers), body: (await r.json()) as never, status: r.status };
        },
      },
    },
  });
  const agent = tenant.agents[0];
  if (!agent) throw new Error('no demo agent');
  const auth = await pca.acquireTokenByUsernamePassword({
    scopes: [scope],
    username: agent.upn,
    password: agent.password,
  });
  await dispatcher.close();
  if (!auth) throw new Error('no token');
  return auth.accessToken;
}

const credential = (token: string): TokenCredential => ({
  getToken: (): Promise<AccessToken> => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function benchForwarding(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'resetline-bench-fwd-'));
  const tenant = await startDemoTenant({ dataDir: join(dir, 'tenant'), users: 200, seed: 1 });
  const file = join(dir, 'resetline.sqlite');
  const db = openDatabase(file);
  try {
    migrate(db, file);
    for (let i = 0; i < ROWS; i += 1000)
      appendAuditEvents(
        db,
        Array.from({ length: 1000 }, (_, k) => event(i + k)),
      );
    const m = tenant.monitor;
    const agent = new Agent({ ca: tenant.caCertPem, keepAlive: true });
    const ingestion = new LogsIngestionClient(
      m.ingestionEndpoint,
      credential(await tokenFor(tenant, 'https://monitor.azure.com//.default')),
      { retryOptions: { maxRetries: 0 }, agent },
    );
    const fwd = new AuditForwarder({
      db,
      config: { ingestionEndpoint: m.ingestionEndpoint, dcrImmutableId: m.dcrImmutableId, streamName: m.streamName },
      client: ingestion,
      desk: 'bench',
      minGapMs: 0,
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await fwd.drain();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const calls = m.ingestions().filter((r) => r.status === 204);
    const json = calls.reduce((n, r) => n + r.jsonBytes, 0);
    const wire = calls.reduce((n, r) => n + r.wireBytes, 0);
    const rows = calls.reduce((n, r) => n + r.rows, 0);
    console.log(
      `forwarded ${rows.toLocaleString('en-US')} records (${ROWS.toLocaleString('en-US')} audit rows) in ${calls.length} calls, ${seconds.toFixed(2)} s`,
    );
    console.log(
      `→ ${Math.round(rows / seconds).toLocaleString('en-US')} records/s; ${(json / MB / seconds).toFixed(1)} MB/s of JSON, ${(wire / MB / seconds).toFixed(1)} MB/s gzipped on the wire`,
    );
    console.log(
      `largest call: ${Math.max(...calls.map((r) => r.jsonBytes)).toLocaleString('en-US')} bytes of JSON (limit 1 MB per call, compressed or not; Resetline stays under 1,000,000)`,
    );
    console.log(
      `pace: ${Math.round(calls.length / (seconds / 60)).toLocaleString('en-US')} calls/min (limit 12,000 per DCR), ${(json / MB / (seconds / 60)).toFixed(0)} MB/min (limit 2 GB per DCR); a desk paces itself to 600 calls/min by default`,
    );
    console.log(
      `CPU while forwarding (client and demo server in one process): ${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)}% of one core`,
    );

    const query = new LogsQueryClient(credential(await tokenFor(tenant, 'https://api.loganalytics.io/.default')), {
      endpoint: m.queryEndpoint,
      agent,
    });
    const times: number[] = [];
    const span = { startTime: new Date(Date.UTC(2000, 0, 1)), endTime: new Date(Date.UTC(2100, 0, 1)) };
    for (let i = 0; i < 20; i++) {
      const q = buildTeamQuery({
        table: m.tableName,
        kind: 'event',
        agentUpns: [`agent${i}@contoso.com`],
        action: 'reset.password',
        take: 200,
      });
      const q0 = performance.now();
      await query.queryWorkspace(m.workspaceId, q, span);
      times.push(performance.now() - q0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `team query over ${rows.toLocaleString('en-US')} records (20 runs): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`,
    );
    agent.destroy();
  } finally {
    closeDatabase(db);
    await tenant.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
