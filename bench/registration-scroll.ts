// Issue 7: "100,000 rows smooth" — the longest Chromium task while scrolling the full Registration table
// (goal: none over 50 ms). A browser host on a fresh data folder, a Global Reader signed in through the
// demo tenant's real sign-in page, a current snapshot of BENCH_REGISTRATION_USERS synthetic users (default
// 100,000) written through the real snapshot writer, then Registration open and its virtualized table
// scrolled top to bottom in steps plus a few big jumps while long tasks are recorded (bench/lib).
// Needs the built renderer: $RESETLINE_OUT_DIR/renderer (default out/renderer); built here if missing.
// Run: npm run bench registration-scroll
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright';
import { startBrowserHost } from '../src/main/browser-host';
import { setLogSink } from '../src/main/core/log';
import { seedSnapshot } from '../test/unit/registration/fixtures';
import { fmt, measureScroll, printScrollFigures, signInAs } from './lib/chromiumScroll';

// The virtual-table shell's scroller is the ARIA table itself (components/VirtualTable.tsx).
const SCROLLER = '[data-testid="registration-scroller"]';

function rendererDir(): string {
  const out = resolve(process.env.RESETLINE_OUT_DIR ?? 'out');
  if (!existsSync(join(out, 'renderer', 'index.html'))) {
    console.log(`no built renderer in ${out}/renderer: running electron-vite build…`);
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', env: process.env });
  } else {
    console.log(`renderer: ${out}/renderer (as built; rebuild with npx electron-vite build after changes)`);
  }
  return join(out, 'renderer');
}

export async function benchRegistrationScroll(): Promise<void> {
  const users = Number(process.env.BENCH_REGISTRATION_USERS ?? 100_000);
  if (!Number.isSafeInteger(users) || users < 1000)
    throw new Error('BENCH_REGISTRATION_USERS must be an integer ≥ 1000');
  const steps = Number(process.env.BENCH_REGISTRATION_STEPS ?? 300);
  setLogSink(() => undefined, 'error');
  const dir = rendererDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'resetline-bench-registration-'));
  const host = await startBrowserHost({ dataDir, rendererDir: dir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    await host.runtime.session.restore();
    const tenant = host.runtime.demoTenant();
    if (tenant === undefined) throw new Error('the browser host did not start its demo tenant');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await signInAs(page, tenant, 'Global Reader');
    const signedIn = host.runtime.session.state().tenant;
    if (!signedIn) throw new Error('not signed in');

    // The snapshot the screen reads: written by the real writer and promoted, as an ingest ends.
    const t0 = performance.now();
    seedSnapshot(host.runtime.db, `${signedIn.cloud}:${signedIn.tenantId}`, users);
    console.log(`seeded a snapshot of ${fmt(users)} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const t1 = performance.now();
    await page.getByRole('navigation').getByRole('button', { name: 'Registration', exact: true }).click();
    await page.waitForSelector(`${SCROLLER}[aria-rowcount="${users + 1}"]`, { timeout: 120_000 });
    await page.waitForSelector(`${SCROLLER} [role="row"][aria-rowindex="2"]:not([aria-busy])`);
    console.log(`Registration shown with ${fmt(users)} users in ${fmt(performance.now() - t1)} ms`);

    const m = await measureScroll(page, SCROLLER, { steps, busySelector: '[aria-busy="true"]' });
    // The last row must be rendered with its data: the bench scrolled the whole table, not a prefix.
    const lastRow = await page
      .locator(`${SCROLLER} [role="row"][aria-rowindex="${users + 1}"]:not([aria-busy]) [role="cell"]`)
      .first()
      .textContent();
    console.log('');
    console.log(`users                     ${fmt(users)}`);
    printScrollFigures(m, steps);
    console.log(`last row                  ${lastRow ?? '(not rendered)'}`);
    console.log(`verdict                   ${m.tasksOver50 === 0 ? 'goal met' : 'GOAL MISSED'}`);
  } finally {
    await browser.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
