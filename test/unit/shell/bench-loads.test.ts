// `npm run bench` runs outside vitest, so nothing it imports may import vitest (a test helper that
// did once broke every bench). run.ts imports every bench statically: asking it for an unknown bench
// loads the whole graph, then exits 2 with the list of known benches.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forwardingOptions } from '../../../bench/forwarding';

// Loading every bench through tsx compiles them all: minutes on a loaded machine, so a long time limit.
it('loads every bench module outside vitest; options are not taken for bench names', { timeout: 150_000 }, () => {
  const tsx = resolve('node_modules/tsx/dist/cli.mjs');
  const run = spawnSync(process.execPath, [tsx, 'bench/run.ts', 'no-such-bench', '--rows', '100000'], {
    encoding: 'utf8',
    timeout: 140_000,
  });
  expect(run.stderr).toContain('Unknown bench: no-such-bench. Known: audit');
  expect(run.status).toBe(2);
});

describe('the forwarding bench options', () => {
  const saved = process.env.BENCH_FORWARDING_ROWS;
  afterEach(() => {
    if (saved === undefined) delete process.env.BENCH_FORWARDING_ROWS;
    else process.env.BENCH_FORWARDING_ROWS = saved;
  });

  it('forwards 1,000,000 rows unless told fewer by --rows or BENCH_FORWARDING_ROWS', () => {
    delete process.env.BENCH_FORWARDING_ROWS;
    expect(forwardingOptions()).toEqual({ rows: 1_000_000, runs: 10, store: 'sqlite', gapMs: 0 });
    expect(forwardingOptions({ rows: '100000', runs: '3', store: 'memory', 'gap-ms': '100' })).toEqual({
      rows: 100_000,
      runs: 3,
      store: 'memory',
      gapMs: 100,
    });
    process.env.BENCH_FORWARDING_ROWS = '20000';
    expect(forwardingOptions().rows).toBe(20_000);
    expect(forwardingOptions({ rows: '5000' }).rows).toBe(5_000);
  });

  it('refuses a row count or a store it cannot run', () => {
    expect(() => forwardingOptions({ rows: 'many' })).toThrow(/--rows/);
    expect(() => forwardingOptions({ rows: '10' })).toThrow(/--rows/);
    expect(() => forwardingOptions({ store: 'disk' })).toThrow(/--store/);
  });
});
