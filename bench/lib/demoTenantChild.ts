// The demo tenant in a process of its own, for benches that measure the app's CPU: the bench forks this
// file (demoTenantProcess.ts), so process.cpuUsage() in the bench is the app's alone and this process
// reports the demo server's. Talks over the fork's IPC channel: 'ready' with what a client needs, then
// answers 'stats' and 'stop'.
import { startDemoTenant } from '../../src/demo-tenant';
import type { ChildReply, ChildRequest, ChildStart } from './demoTenantProcess';

function send(message: ChildReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const start = JSON.parse(process.argv[2] ?? '{}') as ChildStart;
  const tenant = await startDemoTenant({
    dataDir: start.dataDir,
    users: start.users,
    seed: 1,
    monitorWorkspaceFile: start.workspaceFile,
  });
  const agent = tenant.agents.find((a) => a.roles.length > 0) ?? tenant.agents[0];
  if (!agent) throw new Error('the demo tenant has no agent');
  const m = tenant.monitor;
  const cpu0 = process.cpuUsage();
  process.on('message', (raw: ChildRequest) => {
    if (raw.type === 'stats') {
      const calls = m.ingestions();
      const accepted = calls.filter((r) => r.status === 204);
      const statuses: Record<string, number> = {};
      for (const r of calls) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      send({
        type: 'stats',
        calls: accepted.length,
        statuses,
        rows: accepted.reduce((n, r) => n + r.rows, 0),
        jsonBytes: accepted.reduce((n, r) => n + r.jsonBytes, 0),
        wireBytes: accepted.reduce((n, r) => n + r.wireBytes, 0),
        largestCallJson: accepted.reduce((n, r) => Math.max(n, r.jsonBytes), 0),
        firstAt: accepted[0]?.at ?? 0,
        lastAt: accepted.at(-1)?.at ?? 0,
        cpuMicros: ((c) => c.user + c.system)(process.cpuUsage(cpu0)),
        rssBytes: process.memoryUsage().rss,
      });
    } else if (raw.type === 'stop') {
      void tenant.stop().finally(() => process.exit(0));
    }
  });
  send({
    type: 'ready',
    tenant: {
      clientId: tenant.clientId,
      msal: tenant.msal,
      caCertPem: tenant.caCertPem,
      agent: { upn: agent.upn, password: agent.password },
      ingestionEndpoint: m.ingestionEndpoint,
      dcrImmutableId: m.dcrImmutableId,
      streamName: m.streamName,
      tableName: m.tableName,
      queryEndpoint: m.queryEndpoint,
      workspaceId: m.workspaceId,
    },
  });
}

process.on('disconnect', () => process.exit(0));
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
