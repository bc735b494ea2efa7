// `npm run bench` runs outside vitest, so nothing it imports may import vitest (a test helper that
// did once broke every bench). run.ts imports every bench statically: asking it for an unknown bench
// loads the whole graph, then exits 2 with the list of known benches.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

// Loading every bench through tsx compiles them all: minutes on a loaded machine, so a long time limit.
it('loads every bench module outside vitest', { timeout: 150_000 }, () => {
  const tsx = resolve('node_modules/tsx/dist/cli.mjs');
  const run = spawnSync(process.execPath, [tsx, 'bench/run.ts', 'no-such-bench'], {
    encoding: 'utf8',
    timeout: 140_000,
  });
  expect(run.stderr).toContain('Unknown bench: no-such-bench. Known: audit');
  expect(run.status).toBe(2);
});
