import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// The app's Graph requests (browser hosts run in this process) are traced for the conformance check.
process.env.RESETLINE_GRAPH_LOG_DIR ??= resolve('node_modules/.cache/resetline-graph-log');

// End-to-end tests drive the built renderer in Debian's Chromium through the browser host
// (the Electron binary cannot be downloaded here). `npm run test:e2e` builds first.
//
// Which Chromium: Debian's headless build of it (package chromium-headless-shell, the same source and
// version as /usr/bin/chromium, the Blink and V8 the app's pages run on) when it is installed, as
// Playwright's own default for headless runs is; otherwise the full browser. The headless build leaves
// out the browser's window and UI layers: on the 94 tests (2 workers, December 2026) the machine spent
// 496 CPU-s against about 620 with the full browser, and the run took 4.8 min against 6.1.
// CHROMIUM_PATH names another binary (CHROMIUM_PATH=/usr/bin/chromium runs the full browser).
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const chromium = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

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
      executablePath: chromium,
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
    // A failed test keeps its trace: every action and assertion with its call log, the page's requests
    // (each channel's input and answer) and its console. The page's DOM before and after every action comes
    // with RESETLINE_E2E_SNAPSHOTS=1: every test paid for it while it ran, walking the DOM and Fluent's style
    // sheets at each step, about a fifth of the run's CPU (19 tests of four specs: 123 CPU-s with, 96 and
    // 102 without). Nor the screencast's frames: caller-search.spec.ts on one worker took 20 and 21 s of CPU
    // and 32 and 29 s of test time with them, 16 and 16 s and 25 and 21 s without (load 4 to 6).
    trace: {
      mode: 'retain-on-failure',
      screenshots: false,
      snapshots: process.env.RESETLINE_E2E_SNAPSHOTS === '1',
      sources: true,
    },
  },
});
