// The browser host: Resetline's core behind a loopback HTTP transport, for machines where the
// Electron binary is missing (and for end-to-end tests in Chromium). Prints a one-time URL, and another
// each time Enter is pressed in its terminal (a reloaded tab has forgotten its in-memory session key).
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { version } from '../../package.json';
import { defaultDataDir } from './core/dataDir';
import { startHttpHost, type HttpHost } from './core/host/httpHost';
import { logToFileAndConsole } from './core/log';
import { createRuntime, type Runtime, type RuntimeOptions } from './core/runtime';

export interface BrowserHostOptions {
  dataDir?: string;
  /** undefined: a random free port. */
  port?: number | undefined;
  rendererDir?: string;
  /** Options for the built-in demo tenant (tests choose a cloud or withhold consent). */
  demoTenant?: RuntimeOptions['demoTenant'];
  /** Tests only: the app's reports budget window scale, matching the demo tenant's throttlingTimeScale. */
  graphTimeScale?: number;
  /** Tests only: how often a caught-up forwarder looks for new audit rows (ms; the runtime's default 5 s). */
  forwardingPollMs?: number;
}

export interface BrowserHost extends HttpHost {
  dataDir: string;
  runtime: Runtime;
}

function findRendererDir(): string {
  // Built: out/main/browser-host.js sits next to out/renderer. From source (tsx, tests): the repo's out/.
  const candidates = [resolve(__dirname, '../renderer'), resolve(process.cwd(), 'out/renderer')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? candidates[1]!;
}

export async function startBrowserHost(options: BrowserHostOptions = {}): Promise<BrowserHost> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const runtime = createRuntime({
    dataDir,
    host: 'browser',
    version,
    ...(options.demoTenant ? { demoTenant: options.demoTenant } : {}),
    ...(options.graphTimeScale ? { graphTimeScale: options.graphTimeScale } : {}),
    ...(options.forwardingPollMs ? { forwardingPollMs: options.forwardingPollMs } : {}),
  });
  try {
    const http = await startHttpHost({
      router: runtime.router,
      downloads: runtime.exports,
      events: runtime.events,
      rendererDir: options.rendererDir ?? findRendererDir(),
      port: options.port,
    });
    return {
      ...http,
      dataDir,
      runtime,
      close: async () => {
        await http.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

function parsePort(argv: string[]): number | undefined {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : process.env.RESETLINE_PORT;
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw}`);
  return port;
}

async function main(): Promise<void> {
  const dataDir = defaultDataDir();
  // JSON lines to <data>/logs/resetline.log, readable lines here in the terminal.
  const logFile = logToFileAndConsole(dataDir);
  const host = await startBrowserHost({ dataDir, port: parsePort(process.argv.slice(2)) });
  // Connect to the tenant now (in demo mode: start the demo tenant) so the first screen is ready.
  void host.runtime.session.restore();
  process.stdout.write(
    `Resetline is running in your browser at:\n  ${host.url}\n` +
      `(each address opens Resetline once; press Enter for a new one. data: ${host.dataDir}; Ctrl+C to stop)\n` +
      `Log file: ${logFile}\n`,
  );
  if (process.stdin.isTTY) {
    createInterface({ input: process.stdin }).on('line', () => {
      process.stdout.write(`New one-time address:\n  ${host.newUrl()}\n`);
    });
  }
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Resetline could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
