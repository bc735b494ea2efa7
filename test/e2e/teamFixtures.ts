// Several desks in one test for the team trail: each desk is a browser host with its own data folder,
// in-process demo tenant (the same seeded tenant: same agents, callers, rule and workspace) and browser
// context, and every desk's demo workspace keeps its rows in one SQLite file of the test's own, the way
// demo desks on one PC share DEMO_WORKSPACE_FILE (core/runtime.ts). So what desk A forwards, a team lead
// signed in at desk C reads in Team History, through the real forwarder, LogsIngestionClient and
// LogsQueryClient. A desk can be stopped and started again on its data folder (the app closed, and
// opened again after someone touched its files).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import type { Row } from '../../src/demo-tenant/monitor/kql';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host';
import { deskName } from '../../src/main/core/forwarding/tenant';
import { DATABASE_FILE, DEMO_DATA_FOLDER } from '../../src/main/core/runtime';
import { expect, openApp, test as base, THROTTLING_TIME_SCALE, type DemoFixture } from './fixtures';

/**
 * How often a caught-up desk looks for new audit rows to forward (the app's default is 5 s): short, so a
 * test waits for the rows themselves rather than for the forwarder's next look.
 */
const FORWARDING_POLL_MS = 200;

export interface Desk extends DemoFixture {
  host: BrowserHost;
  dataDir: string;
  /** The desk's name in the team view: the app's own deskName of its demo data folder. */
  name: string;
  /** The demo data's SQLite file, the one an attacker at this PC would open. */
  databaseFile: string;
}

export interface Desks {
  /** A new desk: a fresh data folder, its app started and open in a new browser context (signed out). */
  open(): Promise<Desk>;
  /** Closes the desk's page and app (as quitting Resetline does), keeping its data folder. */
  stop(desk: Desk): Promise<void>;
  /** Starts the app again on a stopped desk's data folder, open in a new browser context. */
  start(stopped: Desk): Promise<Desk>;
  /** The workspace's rows (every desk's, duplicates included), as the demo tenant holds them. */
  workspaceRows(): Row[];
}

async function startDesk(browser: Browser, dataDir: string, workspaceFile: string): Promise<Desk> {
  const host = await startBrowserHost({
    dataDir,
    rendererDir: resolve(process.env.RESETLINE_OUT_DIR ?? 'out', 'renderer'),
    demoTenant: { monitorWorkspaceFile: workspaceFile, knobs: { throttlingTimeScale: THROTTLING_TIME_SCALE } },
    graphTimeScale: THROTTLING_TIME_SCALE,
    forwardingPollMs: FORWARDING_POLL_MS,
  });
  try {
    // Connects the session: the in-process demo tenant starts now, the agent stays signed out.
    await host.runtime.session.restore();
    const tenant = host.runtime.demoTenant();
    if (tenant === undefined) throw new Error('The browser host did not start its demo tenant');
    const context = await browser.newContext();
    const page = await context.newPage();
    await openApp(page, host.newUrl());
    const agent = (roleName: string) => {
      const found = tenant.agents.find((a) => a.roles.includes(roleName));
      if (found === undefined) throw new Error(`The demo tenant has no agent with the role ${roleName}`);
      return found;
    };
    const demoFolder = join(dataDir, DEMO_DATA_FOLDER);
    return {
      host,
      dataDir,
      name: deskName(demoFolder),
      databaseFile: join(demoFolder, DATABASE_FILE),
      tenant,
      context,
      page,
      agent,
    };
  } catch (error) {
    await host.close();
    throw error;
  }
}

export const test = base.extend<{ desks: Desks }>({
  desks: async ({ browser, demoTenantKeys }, use) => {
    const root = mkdtempSync(join(tmpdir(), 'resetline-e2e-team-'));
    const workspaceFile = join(root, 'workspace.sqlite');
    const running = new Set<Desk>();
    let opened = 0;
    const stop = async (desk: Desk) => {
      if (!running.delete(desk)) return;
      await desk.context.close();
      await desk.host.close();
    };
    const startAt = async (dataDir: string) => {
      const desk = await startDesk(browser, dataDir, workspaceFile);
      running.add(desk);
      return desk;
    };
    const desks: Desks = {
      open: async () => {
        const dataDir = join(root, `desk-${++opened}`);
        // The runtime starts its demo tenant in <data folder>/demo-tenant: the worker's keys, copied.
        cpSync(demoTenantKeys, join(dataDir, 'demo-tenant'), { recursive: true });
        return startAt(dataDir);
      },
      stop,
      start: (stopped) => startAt(stopped.dataDir),
      workspaceRows: () => {
        const any = [...running][0];
        if (!any) throw new Error('No desk is running to read the workspace through');
        return any.tenant.monitor.rows();
      },
    };
    try {
      await use(desks);
    } finally {
      for (const desk of [...running]) await stop(desk);
      rmSync(root, { recursive: true, force: true });
    }
  },
});

export { expect };
