import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Many integration tests spend their time waiting out Microsoft's documented throttling windows
    // (Retry-After), not computing: three files at once keep the two cores busy.
    maxWorkers: 3,
    setupFiles: ['test/setup.ts'],
    // The app's Graph requests are traced here for the conformance check (test/conformance).
    env: { RESETLINE_GRAPH_LOG_DIR: resolve('node_modules/.cache/resetline-graph-log') },
  },
});
