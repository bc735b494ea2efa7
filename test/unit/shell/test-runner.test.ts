// The `npm test` runner (scripts/test.mjs) runs checks two at a time (or as many as a phase names, some at
// low priority) and still fails on any failure: run for real over small shell commands, a phase with a
// failing check stops the run before the next phase, every check's output is printed whole under its
// name, and --keep-going runs the later phases anyway.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Check {
  name: string;
  command: string;
  live?: boolean;
  low?: boolean;
}

type Phase = Check[] | { lanes: number; checks: Check[] };

describe('npm test runner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resetline-runner-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(phases: Phase[], ...args: string[]) {
    const file = join(dir, `phases-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(phases));
    return spawnSync(process.execPath, ['scripts/test.mjs', `--phases=${file}`, ...args], { encoding: 'utf8' });
  }

  // The two checks of the first phase run at once: each waits (up to 10 s) for the other's mark.
  const together = (me: string, other: string) =>
    `touch ${join(dir, me)}; i=0; while [ ! -e ${join(dir, other)} ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; ` +
    `[ -e ${join(dir, other)} ] && echo ${me} saw ${other}`;

  it('passes when every check passes, running the checks of a phase at once', () => {
    const r = run([
      [
        { name: 'first', command: together('a', 'b') },
        { name: 'second', command: together('b', 'a') },
      ],
      [{ name: 'third', command: 'echo third ran' }],
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('a saw b');
    expect(r.stdout).toContain('b saw a');
    expect(r.stdout).toContain('third ran');
    expect(r.stdout).toMatch(/npm test: passed in/);
  });

  it('fails when one check fails, prints each output whole under its name, and stops before the next phase', () => {
    const r = run([
      [
        { name: 'broken', command: 'echo line one; echo line two >&2; exit 3' },
        { name: 'fine', command: 'sleep 0.3; echo fine ran' },
      ],
      [{ name: 'later', command: 'echo later ran' }],
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/── broken: echo line one[^\n]*\nline one\nline two\n── broken: FAILED \(exit code 3\)/);
    expect(r.stdout).toMatch(/── fine: sleep[^\n]*\nfine ran\n── fine: passed/);
    expect(r.stdout).not.toContain('later ran');
    expect(r.stdout).toMatch(/npm test: FAILED in/);
    expect(r.stdout).toMatch(/FAILED +[\d.]+ s {2}broken/);
  });

  it('runs as many checks at once as a phase names, and a low one at low CPU priority', () => {
    const three = (me: string, others: string[]) =>
      others.map((other) => together(`${me}-${other}`, `${other}-${me}`)).join('; ');
    const r = run([
      {
        lanes: 3,
        checks: [
          { name: 'one', command: three('x', ['y', 'z']) },
          { name: 'two', command: three('y', ['x', 'z']) },
          // `nice` with no command prints the niceness it runs at.
          { name: 'three', command: `${three('z', ['x', 'y'])}; echo "niceness $(nice)"`, low: true },
        ],
      },
    ]);
    expect(r.status).toBe(0);
    for (const [me, other] of [
      ['x', 'y'],
      ['x', 'z'],
      ['y', 'z'],
    ]) {
      expect(r.stdout).toContain(`${me}-${other} saw ${other}-${me}`);
      expect(r.stdout).toContain(`${other}-${me} saw ${me}-${other}`);
    }
    if (process.platform !== 'win32') expect(r.stdout).toMatch(/niceness 19\n/);
  });

  it('runs the later phases after a failure with --keep-going, and still fails', () => {
    const r = run(
      [[{ name: 'broken', command: 'exit 1' }], [{ name: 'later', command: 'echo later ran', live: true }]],
      '--keep-going',
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('later ran');
    expect(r.stdout).toMatch(/passed +[\d.]+ s {2}later/);
  });
});
