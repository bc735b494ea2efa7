import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Many integration tests spend their time waiting out Microsoft's documented throttling windows
    // (Retry-After), not computing: three files at once keep the two cores busy.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/setup.ts'],
          // Each worker runs file after file in one process and keeps what they loaded: MSAL, the
          // TypeScript programs of the lint tests, SQLite, zxcvbn's dictionaries. Loading them again per
          // file was about half this project's CPU (December 2026, 2 cores, load 6 to 15: 273 s isolated
          // against 134 s to 148 s shared; `vitest run` as a whole 297 s against 169 s to 174 s).
          // What a file changes for the process is put back: setup.ts runs again before every file (log
          // sink), tests that set an environment variable, the umask or fake timers restore them, and
          // vitest restores spies after each file. No file mocks a module (a mock reaches only modules
          // loaded after it, and stays for the next file): test/unit/shell/vitest-shared.test.ts.
          // Databases and data folders are temporary, one per test; the app's module-level state is
          // constants, caches keyed by a database, and lazily loaded libraries.
          isolate: false,
          // The app's Graph requests are traced here for the conformance check (test/conformance).
          env: { RESETLINE_GRAPH_LOG_DIR: resolve('node_modules/.cache/resetline-graph-log') },
        },
      },
      {
        // The renderer's own code (store slices, transport) in a browser-like window; typechecked by
        // tsconfig.web.json like the renderer it tests.
        extends: true,
        test: {
          name: 'web',
          include: ['test/web/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // Loading the renderer's modules (Fluent UI, React, the store) again for every file was most of
          // this project's time (24 files, CI=true, load 3: 32 s and 63 s of CPU, against 8 s and 15 s
          // when each worker keeps them). Nothing here depends on a fresh module: each test
          // builds its own store (createResetlineStore with a fake api), renders into its own container
          // that it removes (support/reactRoot.ts) and puts back real timers; no test touches the app's
          // shared `useStore`. The main-process project keeps its isolation (log sinks, environment
          // variables and databases are process-wide there).
          isolate: false,
        },
      },
    ],
  },
});
