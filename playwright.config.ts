import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// The app's Graph requests (browser hosts run in this process) are traced for the conformance check.
process.env.RESETLINE_GRAPH_LOG_DIR ??= resolve('node_modules/.cache/resetline-graph-log');

// End-to-end tests drive the built renderer in Debian's Chromium through the browser host
// (the Electron binary cannot be downloaded here). `npm run test:e2e` builds first.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test has its own browser host, data folder, demo tenant and ports (tests share nothing within a
  // file), so tests rather than files are spread over the workers: a long file does not leave one worker
  // finishing alone. Most of a test's time is spent waiting, not computing (Microsoft's documented
  // throttling windows, the sign-in page, the app's own timers): all 94 tests together used 246 s of CPU
  // (Chromium, hosts and demo tenants included) against about 680 s of test time, so four run at once on
  // two cores. Four passed at load 30 (other work on the machine); RESETLINE_E2E_WORKERS overrides.
  fullyParallel: true,
  workers: Number(process.env.RESETLINE_E2E_WORKERS ?? 4),
  retries: 0,
  // RESETLINE_E2E_JSON=<file> also writes each test's duration there (for finding slow tests).
  reporter: process.env.RESETLINE_E2E_JSON
    ? [['list'], ['json', { outputFile: process.env.RESETLINE_E2E_JSON }]]
    : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    // A failed test keeps its trace: every action with the page's DOM before and after, the network and
    // the console. Not the screencast's frames, which every test paid for while it ran: caller-search.spec.ts
    // on one worker took 20 and 21 s of CPU and 32 and 29 s of test time with them, 16 and 16 s and 25
    // and 21 s without (load 4 to 6).
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
  },
});
