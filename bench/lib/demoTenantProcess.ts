// Starts the demo tenant in a child process (demoTenantChild.ts) and talks to it over IPC: the bench's
// own process.cpuUsage() is then the app's (forwarder, SDK clients, gzip, TLS), and the demo server's
// CPU, memory and ingestion log come back from the child on request.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { MsalAuthorityConfig } from '../../src/demo-tenant';
import type { DemoMonitor } from '../../src/demo-tenant/monitor';

export interface ChildStart {
  dataDir: string;
  users: number;
  /** The Azure Monitor workspace's SQLite file (as the app's demo mode keeps it); null keeps rows in memory. */
  workspaceFile: string | null;
}

/** The demo tenant as the bench needs it: its sign-in and its Azure Monitor endpoints, as it describes them. */
export type ChildTenant = Pick<
  DemoMonitor,
  'ingestionEndpoint' | 'dcrImmutableId' | 'streamName' | 'tableName' | 'queryEndpoint' | 'workspaceId'
> & {
  clientId: string;
  msal: MsalAuthorityConfig;
  caCertPem: string;
  agent: { upn: string; password: string };
};

export interface ChildStats {
  type: 'stats';
  /** Ingestion calls the demo accepted (204), and what they carried. */
  calls: number;
  statuses: Record<string, number>;
  rows: number;
  jsonBytes: number;
  wireBytes: number;
  largestCallJson: number;
  firstAt: number;
  lastAt: number;
  /** The demo process's CPU time since it started serving (user + system, µs). */
  cpuMicros: number;
  rssBytes: number;
}

export type ChildRequest = { type: 'stats' } | { type: 'stop' };
export type ChildReply = { type: 'ready'; tenant: ChildTenant } | ChildStats;

export interface DemoTenantProcess {
  tenant: ChildTenant;
  stats(): Promise<ChildStats>;
  stop(): Promise<void>;
}

function next<T extends ChildReply['type']>(child: ChildProcess, type: T): Promise<Extract<ChildReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildReply): void => {
      if (m.type !== type) return;
      cleanup();
      resolve(m as Extract<ChildReply, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`the demo tenant process exited (${code ?? 'signal'})`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startDemoTenantProcess(start: ChildStart): Promise<DemoTenantProcess> {
  const child = fork(join(__dirname, 'demoTenantChild.ts'), [JSON.stringify(start)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await next(child, 'ready');
  return {
    tenant: ready.tenant,
    stats: () => {
      const reply = next(child, 'stats');
      child.send({ type: 'stats' } satisfies ChildRequest);
      return reply;
    },
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' } satisfies ChildRequest);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
