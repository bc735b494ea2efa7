// The browser host's HTTP transport as a real browser meets it: the page's own calls work, while a
// call without the key, from a foreign origin, or through a rebound DNS name is refused; an address
// opens the app once and leaves nothing usable in the address bar.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { screenTitle } from './a11y';
import { expect, test } from './fixtures';

test('an address opens the app once: the token leaves the address bar, and a replay is refused', async ({
  host,
  context,
  page,
}) => {
  const url = host.url;
  const bootstrap = new URL(url).hash.replace('#bootstrap=', '');
  await page.goto(url);
  await expect(screenTitle(page)).toHaveText('Sign in to Resetline');
  expect(page.url()).toBe(`${host.origin}/`);
  expect(await page.evaluate(() => window.location.href)).not.toContain(bootstrap);

  // The same address again (from history, a screenshot, another process): refused, and the page says why.
  const replay = await context.newPage();
  await replay.goto(url);
  await expect(replay.getByText('This address was already used')).toBeVisible();
  await expect(replay.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
  expect(replay.url()).toBe(`${host.origin}/`);
  const direct = await replay.request.post(`${host.origin}/session`, { data: { bootstrap } });
  expect(direct.status()).toBe(401);

  // The first tab keeps working on its in-memory key.
  await page.keyboard.press('Control+Shift+A');
  await expect(
    page.getByRole('dialog', { name: 'About Resetline' }).locator('dt:text-is("Data folder") + dd'),
  ).toHaveText(host.dataDir);
});

test('a call without the session key is refused', async ({ host, request }) => {
  const res = await request.post(`${host.origin}/api/app:get-info`, { data: { input: undefined } });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
});

test('the same call with the key answers from app:get-info', async ({ host, request }) => {
  const res = await request.post(`${host.origin}/api/app:get-info`, {
    data: {},
    headers: { 'x-resetline-secret': host.secret },
  });
  expect(await res.json()).toMatchObject({ ok: true, value: { dataFolder: host.dataDir, host: 'browser' } });
});

test('a foreign Origin is refused even with the key', async ({ host, request }) => {
  const res = await request.post(`${host.origin}/api/app:get-info`, {
    data: {},
    headers: { 'x-resetline-secret': host.secret, origin: 'http://localhost:1' },
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('a page on another origin cannot call the API, even knowing the key', async ({ host, page }) => {
  const foreign: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = foreign.address() as AddressInfo;
    await page.goto(`http://localhost:${port}/`);
    const status = await page.evaluate(
      async ({ origin, secret }) => {
        const res = await fetch(`${origin}/api/app:get-info`, {
          method: 'POST',
          mode: 'cors',
          headers: { 'content-type': 'application/json', 'x-resetline-secret': secret },
          body: '{}',
        }).catch((error: unknown) => String(error));
        return typeof res === 'string' ? res : res.status;
      },
      { origin: host.origin, secret: host.secret },
    );
    // The preflight carries the foreign Origin; the server refuses it, so the browser never sends the call.
    expect(String(status)).toMatch(/TypeError|Failed to fetch/);
  } finally {
    foreign.close();
  }
});

test('a rebound DNS name pointing at the host is refused (Host check)', async ({ host }) => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const res = await page.goto(`http://rebind.test:${host.port}/`);
    expect(res?.status()).toBe(403);
    const apiStatus = await page.evaluate(async (secret) => {
      const r = await fetch('/api/app:get-info', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-resetline-secret': secret },
        body: '{}',
      });
      return r.status;
    }, host.secret);
    expect(apiStatus).toBe(403);
  } finally {
    await browser.close();
  }
});

test("the page's icon is served: the tab shows Resetline's mark, not a blank page", async ({ host, page, request }) => {
  await page.goto(host.url);
  await expect(screenTitle(page)).toBeVisible();
  const href = await page.locator('link[rel="icon"]').evaluate((l) => (l as HTMLLinkElement).href);
  const icon = await request.get(href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<title>Resetline</title>');
});
