import { defineConfig } from 'vitest/config';

// The conformance check runs alone, after the integration and end-to-end suites have traced the app's
// Graph requests (see test/conformance/graph-requests.test.ts).
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
  },
});
