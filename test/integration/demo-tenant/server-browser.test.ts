// A real browser on the sign-in page, as a person's own browser would be: Chromium does NOT trust the
// demo CA (no --ignore-certificate-errors-spki-list, no bypass) and still signs in, because the pages
// are on the plain-HTTP loopback pages origin; the HTTPS origin stays refused. A person's clicks sign
// in, the form_post answer MSAL's loopback listener needs is submitted by the page itself, and the
// session cookie works on the HTTP origin. Skipped where Debian's Chromium is not installed.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptoProvider, ResponseMode } from '@azure/msal-node';
import { chromium } from '@playwright/test';
import { createPca, GRAPH_SCOPES, startTestTenant, type TestTenant } from './identity-helpers';

const CHROMIUM = '/usr/bin/chromium';

let t: TestTenant;
let app: Server;
const received: URLSearchParams[] = [];

beforeAll(async () => {
  t = await startTestTenant();
  // Stands in for MSAL's loopback listener: records what the browser posts back.
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'POST') received.push(new URLSearchParams(body));
      res.end('Signed in. You can close this window.');
    });
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise<void>((r) => app?.close(() => r()));
  await t?.close();
});

describe('sign-in page in Chromium', () => {
  it.skipIf(!existsSync(CHROMIUM))('signs in with clicks and auto-posts the code back (form_post)', async () => {
    const port = (app.address() as AddressInfo).port;
    const redirectUri = `http://localhost:${port}`;
    const { challenge } = await new CryptoProvider().generatePkceCodes();
    const url = await createPca(t).getAuthCodeUrl({
      scopes: GRAPH_SCOPES,
      redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: 'browser-state',
      responseMode: ResponseMode.FORM_POST,
    });
    expect(new URL(url).origin).toBe(t.tenant.pagesOrigin);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    try {
      // TLS is not weakened: this browser does not trust the demo CA, so the HTTPS origin is refused.
      const httpsTab = await browser.newPage();
      await expect(httpsTab.goto(`${t.tenant.origin}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
      await httpsTab.close();
      const page = await browser.newPage();
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(page.url().startsWith(`${t.tenant.pagesOrigin}/`)).toBe(true);
      const agent = t.tenant.agents[0];
      if (!agent) throw new Error('no agents');
      await page.fill('#username', agent.upn);
      await page.fill('#password', agent.password);
      await page.click('#submit');
      await page.waitForURL(`${redirectUri}/**`);
      expect(await page.textContent('body')).toContain('Signed in.');
      // The session cookie set over HTTP came back: the next sign-in offers to continue.
      await page.goto(url);
      expect(await page.textContent('#continue')).toContain(`Continue as ${agent.upn}`);
    } finally {
      await browser.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0]?.get('state')).toBe('browser-state');
    expect(received[0]?.get('code')).toBeTruthy();
  });
});
