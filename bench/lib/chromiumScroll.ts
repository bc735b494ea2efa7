// Scroll smoothness in real Chromium: scrolls an element top to bottom in steps (and a few big jumps),
// waiting for frames (and, optionally, for the content to settle) after each, while a buffered
// PerformanceObserver records long tasks (> 50 ms main-thread blocks) and a rAF loop records frame
// times. Generic: any scroll container, any virtualized list or table. Used by bench/history-scroll.ts
// and the registration bench.
import type { Page } from 'playwright';
import type { DemoTenant } from '../../src/demo-tenant/server';

export interface MeasureScrollOptions {
  /** Evenly spaced positions from top to bottom (default 200). */
  steps?: number;
  /** Extra jumps, as fractions of the scroll range, done after the sweep (default: middle, end, ¼, top, end). */
  jumps?: number[];
  /** Animation frames to wait after each scroll position is set (default 2). */
  framesPerStep?: number;
  /**
   * While an element matching this selector exists inside the scroller, the content is still loading
   * (e.g. '[aria-busy="true"]'): each step waits for it to go (up to settleTimeoutMs) so the rendering
   * of fetched rows is measured too.
   */
  busySelector?: string;
  settleTimeoutMs?: number;
  /**
   * Also record a Chromium trace of the run and report the renderer main thread's tasks by CPU time
   * (default true). Long-task durations are wall time, so on a loaded machine they include time the
   * thread waited for a core; CPU time is what the page itself cost.
   */
  cpuTime?: boolean;
}

export interface ScrollMeasurement {
  /** Scroll positions visited (sweep steps plus jumps). */
  steps: number;
  longestTaskMs: number;
  tasksOver50: number;
  /** Every long task seen (the API reports only tasks over 50 ms, so this equals tasksOver50). */
  longTasks: number;
  /** Frame-to-frame intervals seen by requestAnimationFrame during the run. */
  frames: number;
  p95FrameMs: number;
  maxFrameMs: number;
  /** From the trace (cpuTime): the main thread's longest task by CPU time, and how many took > 50 ms of CPU. */
  longestTaskCpuMs: number | null;
  tasksOver50Cpu: number | null;
  /** Steps whose content had not settled within settleTimeoutMs. */
  unsettledSteps: number;
  scrollHeight: number;
  durationMs: number;
}

// The few page globals the run uses, typed here: the bench's tsconfig has no DOM library.
interface PageScroller {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  querySelector(selector: string): unknown;
}
interface PageEntry {
  startTime: number;
  duration: number;
}
interface PageObserver {
  observe(options: { type: string; buffered: boolean }): void;
  takeRecords(): PageEntry[];
  disconnect(): void;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageScroller | null };
  requestAnimationFrame(callback: (time: number) => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): PageEntry[] }) => void) => PageObserver;
  performance: { now(): number };
  setTimeout(callback: () => void, ms: number): unknown;
}

interface PageResult {
  longTasks: number[];
  frameMs: number[];
  unsettled: number;
  scrollHeight: number;
  durationMs: number;
  steps: number;
}

/** Measures scrolling the element `scrollerSelector` (which must already be on the page). */
/** Traces `action` in Chromium and returns the renderer main thread's tasks, CPU ms each (null: no tracing). */
export async function traceCpu(page: Page, action: () => Promise<void>): Promise<number[] | null> {
  const browser = page.context().browser();
  if (!browser) {
    await action();
    return null;
  }
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'toplevel'] });
  let trace: Buffer = Buffer.alloc(0);
  try {
    await action();
  } finally {
    trace = await browser.stopTracing();
  }
  return mainThreadCpu(trace);
}

export async function measureScroll(
  page: Page,
  scrollerSelector: string,
  opts: MeasureScrollOptions = {},
): Promise<ScrollMeasurement> {
  await page.waitForSelector(scrollerSelector);
  const args = {
    selector: scrollerSelector,
    steps: opts.steps ?? 200,
    jumps: opts.jumps ?? [0.5, 1, 0.25, 0, 1],
    framesPerStep: opts.framesPerStep ?? 2,
    busySelector: opts.busySelector ?? null,
    settleTimeoutMs: opts.settleTimeoutMs ?? 5_000,
  };

  // tsx (esbuild with keepNames) wraps the page function's inner functions in a `__name` helper that
  // exists only in Node; give the page a no-op one.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  const browser = opts.cpuTime === false ? null : page.context().browser();
  if (browser) await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'toplevel'] });
  // The page-side run: one evaluate, so Playwright's round trips are not part of what is measured.
  const result = (await page.evaluate(
    async ({ selector, steps, jumps, framesPerStep, busySelector, settleTimeoutMs }) => {
      const w = globalThis as unknown as PageGlobals;
      const { performance } = w;
      const el = w.document.querySelector(selector);
      if (!el) throw new Error(`measureScroll: no element ${selector}`);
      const frame = () => new Promise<number>((r) => w.requestAnimationFrame(r));
      const longTasks: number[] = [];
      const start = performance.now();
      const observer = new w.PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.startTime >= start) longTasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: true });
      const frameMs: number[] = [];
      let running = true;
      let last = await frame();
      void (async () => {
        while (running) {
          const now = await frame();
          frameMs.push(now - last);
          last = now;
        }
      })();
      const settle = async () => {
        for (let i = 0; i < framesPerStep; i++) await frame();
        if (busySelector === null) return true;
        const deadline = performance.now() + settleTimeoutMs;
        while (el.querySelector(busySelector) !== null) {
          if (performance.now() > deadline) return false;
          await frame();
        }
        return true;
      };
      let unsettled = 0;
      const positions: number[] = [];
      for (let i = 0; i <= steps; i++) positions.push(i / steps);
      positions.push(...jumps);
      for (const fraction of positions) {
        // The range is re-read each time: a virtualized list may resize as it learns its rows.
        el.scrollTop = Math.round(fraction * (el.scrollHeight - el.clientHeight));
        if (!(await settle())) unsettled++;
      }
      running = false;
      await frame();
      // Long-task entries are delivered asynchronously; give the observer a moment.
      await new Promise<void>((r) => w.setTimeout(r, 100));
      for (const e of observer.takeRecords()) if (e.startTime >= start) longTasks.push(e.duration);
      observer.disconnect();
      return {
        longTasks,
        frameMs,
        unsettled,
        scrollHeight: el.scrollHeight,
        durationMs: performance.now() - start,
        steps: positions.length,
      };
    },
    args,
  )) as PageResult;

  const cpu = browser ? mainThreadCpu(await browser.stopTracing()) : null;
  const sorted = [...result.frameMs].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN;
  return {
    steps: result.steps,
    longestTaskMs: result.longTasks.length > 0 ? Math.max(...result.longTasks) : 0,
    tasksOver50: result.longTasks.filter((d) => d > 50).length,
    longTasks: result.longTasks.length,
    frames: sorted.length,
    p95FrameMs: p95,
    maxFrameMs: sorted[sorted.length - 1] ?? Number.NaN,
    longestTaskCpuMs: cpu === null ? null : Math.max(0, ...cpu),
    tasksOver50Cpu: cpu === null ? null : cpu.filter((ms) => ms > 50).length,
    unsettledSteps: result.unsettled,
    scrollHeight: result.scrollHeight,
    durationMs: result.durationMs,
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** CPU milliseconds of every top-level task on the renderer main thread(s) in a Chromium trace. */
export function mainThreadCpu(trace: Buffer): number[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => (e.tdur ?? e.dur ?? 0) / 1000);
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The figures every scroll bench prints, one per line, after its own "rows"/"users" line. */
export function printScrollFigures(m: ScrollMeasurement, steps: number, heightNote = ''): void {
  console.log(
    `scroll positions          ${fmt(m.steps)} (${steps} steps top → bottom, then jumps ½, end, ¼, top, end)`,
  );
  console.log(`scroll height             ${fmt(m.scrollHeight)} px${heightNote}`);
  console.log(`longest task              ${fmt(m.longestTaskMs, 1)} ms   (goal: none over 50 ms)`);
  console.log(`tasks over 50 ms          ${m.tasksOver50}`);
  console.log(
    `by CPU time (trace)       longest ${m.longestTaskCpuMs === null ? 'n/a' : fmt(m.longestTaskCpuMs, 1)} ms; ` +
      `over 50 ms: ${m.tasksOver50Cpu ?? 'n/a'}   (wall time above includes waiting for a core)`,
  );
  console.log(
    `frames                    ${fmt(m.frames)}; p95 ${fmt(m.p95FrameMs, 1)} ms, max ${fmt(m.maxFrameMs, 1)} ms`,
  );
  console.log(`positions not settled     ${m.unsettledSteps} (rows still loading after 5 s)`);
  console.log(`run time                  ${fmt(m.durationMs / 1000, 1)} s`);
}

/** Signs in as the e2e specs do: the app's link opens the demo tenant's real sign-in page in a new tab. */
export async function signInAs(page: Page, tenant: DemoTenant, role: string): Promise<void> {
  const agent = tenant.agents.find((a) => a.roles.includes(role));
  if (agent === undefined) throw new Error(`the demo tenant has no ${role}`);
  await page.getByRole('button', { name: 'Sign in with browser' }).click();
  const opened = page.context().waitForEvent('page');
  await page.getByRole('link', { name: 'Open the Microsoft sign-in page' }).click();
  const signInPage = await opened;
  await signInPage.fill('#username', agent.upn);
  await signInPage.fill('#password', agent.password);
  await signInPage.click('#submit');
  await signInPage.getByRole('heading', { name: 'Signed in to Resetline' }).waitFor();
  await signInPage.close();
  await page.getByRole('banner').getByText(agent.upn).waitFor();
}
