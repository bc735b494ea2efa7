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
  // finishing alone. The run is bound by CPU, not by waiting: at two workers on this 2-core machine the
  // CPU was 85 % busy (vmstat, December 2026) and the 94 tests took 6.1 min; four workers took 6.0 min
  // and made keystrokes far enough apart to end a debounce. RESETLINE_E2E_WORKERS overrides.
  fullyParallel: true,
  workers: Number(process.env.RESETLINE_E2E_WORKERS ?? 2),
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
