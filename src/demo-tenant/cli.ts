// `npm run demo-tenant -- [--port N] [--pages-port N] [--users N] [--seed S] [--latency-ms N]
// [--no-premium] [--no-writeback] [--cloud global|usgov|dod|china] [--data-dir DIR]`: starts the demo tenant, prints ONE JSON line
// describing it (pagesOrigin: the plain-HTTP loopback origin of the sign-in pages), and serves until
// SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { createPrivateDataDir } from './data-dir';
import { parseCloud, UnknownCloudError, type Cloud } from './rules/clouds';
import { startDemoTenant } from './server';

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

function int(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new CliUsageError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'pages-port': { type: 'string' },
      users: { type: 'string' },
      seed: { type: 'string' },
      'latency-ms': { type: 'string' },
      'no-premium': { type: 'boolean', default: false },
      'no-writeback': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      cloud: { type: 'string' },
    },
    strict: true,
  });
  const port = int('port', values.port, 0);
  const pagesPort = int('pages-port', values['pages-port'], 0);
  const users = int('users', values.users, 0);
  const seed = int('seed', values.seed, 0);
  const latencyMs = int('latency-ms', values['latency-ms'], 0);
  let cloud: Cloud | undefined;
  try {
    cloud = values.cloud === undefined ? undefined : parseCloud(values.cloud);
  } catch (err) {
    if (err instanceof UnknownCloudError) throw new CliUsageError(`--cloud: ${err.message}`);
    throw err;
  }
  // A fresh private folder per run (a fixed one in the shared temp directory could be made, and its keys
  // read or replaced, by another user). Pass --data-dir to keep the CA between runs: it is checked and made private.
  const dataDir = values['data-dir'] ?? (await createPrivateDataDir());
  const tenant = await startDemoTenant({
    dataDir,
    ...(port !== undefined ? { port } : {}),
    ...(pagesPort !== undefined ? { pagesPort } : {}),
    ...(users !== undefined ? { users } : {}),
    ...(seed !== undefined ? { seed } : {}),
    premium: !values['no-premium'],
    writeback: !values['no-writeback'],
    ...(latencyMs !== undefined ? { knobs: { latencyMs } } : {}),
    ...(cloud !== undefined ? { cloud } : {}),
  });
  process.stdout.write(
    JSON.stringify({
      authority: tenant.authority,
      pagesOrigin: tenant.pagesOrigin,
      graphBaseUrl: tenant.graphBaseUrl,
      smsEndpoint: tenant.smsEndpoint,
      smsConnectionString: tenant.smsConnectionString,
      caCertPath: tenant.caCertPath,
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      cloud: tenant.cloud,
      agents: tenant.agents,
    }) + '\n',
  );
  const stop = (): void => {
    tenant.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof CliUsageError ? err.message : err);
  process.exit(err instanceof CliUsageError ? 2 : 1);
});
