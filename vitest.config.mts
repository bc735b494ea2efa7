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
        },
      },
    ],
  },
});
