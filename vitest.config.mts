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
