// `npm test`: every check in package.json's scripts, in phases. A phase starts only when the one before
// passed in full; the checks within a phase do not depend on each other and run two at once (or as many
// as the phase says, some at low priority). Each check's
// output is printed as one block under its name when it ends (the end-to-end run streams as it goes), a
// summary with every check's time closes the run, and the run fails if any check failed.
// `node scripts/test.mjs --serial` runs the same checks one at a time, each streaming its output;
// `--keep-going` runs every phase even after a failure (to see every check's result and time);
// `--phases=<file>` runs the phases in a JSON file instead (for the tests of this runner).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';

/**
 * `low`: runs at the lowest CPU priority (nice 19; not on Windows), taking only the CPU that the checks
 * beside it leave idle.
 * @typedef {{ name: string, command: string, live?: boolean, low?: boolean }} Check
 */
/** A phase's checks, run two at a time; or `lanes` at a time. @typedef {Check[] | { lanes: number, checks: Check[] }} Phase */

/** @type {Phase[]} */
const NPM_TEST = [
  // Conformance judges this run's Graph requests only: the trace of earlier runs goes first.
  [{ name: 'clear the Graph request trace', command: 'npm run -s test:clear-trace' }],
  // The unit and integration tests, and beside them the static checks at low priority. The tests leave
  // about a quarter of the two cores idle (many wait out Microsoft's throttling windows) and must not be
  // slowed: CPU-bound ones (the audit chain's tamper sweep, zxcvbn over the word list) overran their
  // 30-second timeouts beside three browsers. The static checks fill the idle CPU, two at a time, the
  // longest first; once the tests end they have both cores. (`npm run typecheck` is the same three
  // projects one after another.) The tests trace their Graph requests for the conformance check.
  {
    lanes: 3,
    checks: [
      { name: 'unit + integration', command: 'npm run -s test:unit' },
      { name: 'lint', command: 'npm run -s lint', low: true },
      { name: 'typecheck (node)', command: 'tsc -p tsconfig.node.json --noEmit', low: true },
      { name: 'format', command: 'npm run -s format:check', low: true },
      { name: 'typecheck (web)', command: 'tsc -p tsconfig.web.json --noEmit', low: true },
      { name: 'typecheck (e2e)', command: 'tsc -p tsconfig.e2e.json --noEmit', low: true },
      // The renderer and main bundles the end-to-end run drives (`npm run test:e2e` builds them itself);
      // Electronegativity reads them too, so it runs after the build in the same lane.
      {
        name: 'build, electronegativity',
        command: 'npm run -s build && npm run -s test:electronegativity',
        low: true,
      },
    ],
  },
  // Alone: it keeps both cores busy (two browsers and their hosts) and traces its Graph requests too.
  [{ name: 'end-to-end', command: 'playwright test', live: true }],
  [{ name: 'conformance', command: 'npm run -s test:conformance' }],
];

const phasesFile = process.argv.find((a) => a.startsWith('--phases='))?.slice('--phases='.length);
/** @type {Phase[]} */
const PHASES = phasesFile ? JSON.parse(readFileSync(phasesFile, 'utf8')) : NPM_TEST;
const LANES = 2;
const serial = process.argv.includes('--serial');
const keepGoing = process.argv.includes('--keep-going');
/** Each check runs in its own process group, so a stopped run stops every process a check started. */
const running = new Set();
const env = {
  ...process.env,
  // `node scripts/test.mjs` finds the tools as `npm test` does.
  PATH: `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`,
  // Buffered checks write to a pipe: keep their colours when the run itself is on a terminal (some
  // tools colour whenever FORCE_COLOR is set at all, so it is left unset otherwise).
  ...(process.stdout.isTTY && process.env.FORCE_COLOR === undefined ? { FORCE_COLOR: '1' } : {}),
};

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** @param {Check} check @param {boolean} live */
function run(check, live) {
  return new Promise((done) => {
    const started = Date.now();
    process.stdout.write(live ? `\n── ${check.name}: ${check.command}\n` : `── ${check.name}: started\n`);
    /** @type {import('node:child_process').SpawnOptions} */
    const options = {
      detached: true,
      env,
      stdio: live ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    };
    const child =
      check.low && process.platform !== 'win32'
        ? spawn('nice', ['-n', '19', 'sh', '-c', check.command], options)
        : spawn(check.command, { ...options, shell: true });
    running.add(child);
    const chunks = [];
    child.stdout?.on('data', (c) => chunks.push(c));
    child.stderr?.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) => {
      running.delete(child);
      const ms = Date.now() - started;
      const ok = code === 0;
      const end = `── ${check.name}: ${ok ? 'passed' : `FAILED (${signal ?? `exit code ${code}`})`} in ${seconds(ms)}\n`;
      const output = Buffer.concat(chunks).toString().trimEnd();
      process.stdout.write(live ? end : `\n── ${check.name}: ${check.command}\n${output ? `${output}\n` : ''}${end}`);
      done({ name: check.name, ok, ms });
    });
  });
}

/** Runs a phase's checks in order, `lanes` at a time; resolves with every result. */
async function runPhase(checks, lanes) {
  const queue = [...checks];
  const results = [];
  const live = (check) => serial || checks.length === 1 || Boolean(check.live);
  await Promise.all(
    Array.from({ length: Math.min(lanes, queue.length) }, async () => {
      for (let check = queue.shift(); check; check = queue.shift()) results.push(await run(check, live(check)));
    }),
  );
  return results;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // That check has just ended.
      }
    }
    process.exit(130);
  });
}

const startedAll = Date.now();
const summary = [];
let failed = false;
for (const phase of PHASES) {
  const { checks, lanes } = Array.isArray(phase) ? { checks: phase, lanes: LANES } : phase;
  const results = await runPhase(checks, serial ? 1 : lanes);
  summary.push(...results);
  if (results.some((r) => !r.ok)) {
    failed = true;
    if (!keepGoing) break;
  }
}
process.stdout.write(`\n── npm test: ${failed ? 'FAILED' : 'passed'} in ${seconds(Date.now() - startedAll)}\n`);
for (const r of summary)
  process.stdout.write(`${r.ok ? 'passed' : 'FAILED'} ${seconds(r.ms).padStart(8)}  ${r.name}\n`);
process.exitCode = failed ? 1 : 0;
