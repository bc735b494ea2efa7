// A fresh browser host on a temp data folder for each test, started in this process from source.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host';
import { setLogSink } from '../../src/main/core/log';

// The host's own logs stay out of the test report unless asked for.
if (process.env.RESETLINE_TEST_LOGS !== '1') setLogSink(() => undefined, 'error');

export interface HostFixture {
  url: string;
  port: number;
  origin: string;
  secret: string;
  dataDir: string;
  host: BrowserHost;
}

export const test = base.extend<{ host: HostFixture }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'resetline-e2e-'));
    const host = await startBrowserHost({ dataDir, rendererDir: resolve('out/renderer') });
    try {
      await use({ url: host.url, port: host.port, origin: host.origin, secret: host.secret, dataDir, host });
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
