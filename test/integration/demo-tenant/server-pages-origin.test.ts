// The pages origin: the sign-in pages a person's browser opens are served over plain HTTP on
// 127.0.0.1 (no demo CA to trust), while everything a client library calls stays HTTPS-only. Driven
// with the REAL msal-node; the "browser" here is a page client that does NOT trust the demo CA.
import { request as httpRequest } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptoProvider } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { fetch as undiciFetch } from 'undici';
import { startDemoTenant, DemoTenantStartError } from '../../../src/demo-tenant';
import {
  authorityMetadata,
  createPca,
  GRAPH_SCOPES,
  PageClient,
  readForm,
  startTestTenant,
  type TestTenant,
} from './identity-helpers';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

function agent(label: string): { upn: string; password: string } {
  const a = t.tenant.directory.agents.find((x) => x.label === label);
  if (!a) throw new Error(`no agent ${label}`);
  return a;
}

/** A raw HTTP/1.1 request to the pages listener with exactly the headers given (Host included). */
function rawRequest(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body = '',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const { port } = new URL(t.tenant.pagesOrigin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: Number(port), path, method, headers, setHost: false, agent: false },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves with the socket error code (or 'connected'). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

describe('where each endpoint lives', () => {
  it('publishes authorize and end-session on the pages origin, the rest on the HTTPS origin', async () => {
    expect(t.tenant.pagesOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.tenant.pagesOrigin).not.toBe(t.tenant.origin.replace('https:', 'http:'));
    const served = (await (
      await undiciFetch(`${t.tenant.authority}/v2.0/.well-known/openid-configuration`, { dispatcher: t.dispatcher })
    ).json()) as Record<string, string>;
    for (const doc of [served, authorityMetadata(t)]) {
      expect(doc.authorization_endpoint).toBe(`${t.tenant.pagesOrigin}/${t.tenant.tenantId}/oauth2/v2.0/authorize`);
      expect(doc.end_session_endpoint).toBe(`${t.tenant.pagesOrigin}/${t.tenant.tenantId}/oauth2/v2.0/logout`);
      expect(doc.issuer).toBe(`${t.tenant.authority}/v2.0`);
      expect(doc.token_endpoint).toBe(`${t.tenant.authority}/oauth2/v2.0/token`);
      expect(doc.jwks_uri).toBe(`${t.tenant.authority}/discovery/v2.0/keys`);
      expect(doc.device_authorization_endpoint).toBe(`${t.tenant.authority}/oauth2/v2.0/devicecode`);
    }
    expect(t.tenant.msal.authority.startsWith('https://')).toBe(true);
  });

  it('MSAL’s getAuthCodeUrl builds an authorize URL on the pages origin', async () => {
    const { challenge } = await new CryptoProvider().generatePkceCodes();
    const url = new URL(
      await createPca(t).getAuthCodeUrl({
        scopes: GRAPH_SCOPES,
        redirectUri: 'http://localhost:53130/cb',
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
      }),
    );
    expect(url.origin).toBe(t.tenant.pagesOrigin);
    expect(url.pathname).toBe(`/${t.tenant.tenantId}/oauth2/v2.0/authorize`);
    expect(url.searchParams.get('code_challenge')).toBe(challenge);
  });

  it('refuses token, discovery, keys, device code, Graph, SMS and /demo routes over HTTP (404)', async () => {
    const p = t.tenant.pagesOrigin;
    const a = `/${t.tenant.tenantId}`;
    const apiRoutes: [string, string][] = [
      ['POST', `${a}/oauth2/v2.0/token`],
      ['POST', `${a}/oauth2/v2.0/devicecode`],
      ['GET', `${a}/v2.0/.well-known/openid-configuration`],
      ['GET', `${a}/discovery/v2.0/keys`],
      ['GET', '/common/discovery/instance'],
      ['GET', '/v1.0/me'],
      ['GET', '/v1.0/users'],
      ['POST', '/v1.0/$batch'],
      ['POST', '/sms?api-version=2021-03-07'],
      ['GET', '/demo/outbox'],
      ['GET', '/demo/knobs'],
    ];
    for (const [method, path] of apiRoutes) {
      const overHttp = await undiciFetch(`${p}${path}`, {
        method,
        ...(method === 'POST' ? { body: 'grant_type=password&client_id=x' } : {}),
      });
      expect({ path, status: overHttp.status }).toEqual({ path, status: 404 });
      await overHttp.arrayBuffer();
      // The same route is there on HTTPS (answers, whatever it thinks of this request).
      const overHttps = await undiciFetch(`${t.tenant.origin}${path}`, {
        method,
        dispatcher: t.dispatcher,
        ...(method === 'POST' ? { body: 'grant_type=password&client_id=x' } : {}),
      });
      expect({ path, status: overHttps.status }).not.toEqual({ path, status: 404 });
      await overHttps.arrayBuffer();
    }
    // The pages themselves answer over HTTP.
    expect((await undiciFetch(`${p}/devicelogin`)).status).toBe(200);
    expect((await undiciFetch(`${p}/`)).status).toBe(200);
  });

  it('binds 127.0.0.1 only: other loopback addresses and ::1 are refused on both ports', async () => {
    for (const origin of [t.tenant.pagesOrigin, t.tenant.origin]) {
      const port = Number(new URL(origin).port);
      expect(await tryConnect('127.0.0.1', port)).toBe('connected');
      // Bound to 0.0.0.0 / :: these would connect.
      expect(await tryConnect('127.0.0.2', port)).not.toBe('connected');
      expect(await tryConnect('::1', port)).not.toBe('connected');
    }
  });

  it('answers only to its own Host (no DNS rebinding) and refuses cross-site posts', async () => {
    const port = new URL(t.tenant.pagesOrigin).port;
    expect((await rawRequest('/devicelogin', { host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await rawRequest('/devicelogin', { host: `localhost:${port}` })).status).toBe(200);
    const rebound = await rawRequest('/', { host: `attacker.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.text).not.toContain(t.tenant.agents[0]?.password ?? '(none)');
    // No Host at all: Node itself answers 400 (requireHostHeader), or the guard 421.
    expect([400, 421]).toContain((await rawRequest('/devicelogin', {})).status);

    const form = { 'content-type': 'application/x-www-form-urlencoded', host: `127.0.0.1:${port}` };
    const crossSite = await rawRequest(
      '/devicelogin',
      { ...form, origin: 'https://attacker.example' },
      'POST',
      'code=X',
    );
    expect(crossSite.status).toBe(403);
    const sameSite = await rawRequest('/devicelogin', { ...form, origin: t.tenant.pagesOrigin }, 'POST', 'code=X');
    expect(sameSite.status).toBe(200);
    expect(sameSite.text).toContain('id="code-form"');
  });
});

describe('signing in through the HTTP pages, with a browser that does not trust the demo CA', () => {
  it('acquireTokenInteractive completes: MSAL opens the pages origin, tokens come over HTTPS', async () => {
    const pca = createPca(t);
    const hd = agent('helpdesk');
    let browser: PageClient | undefined;
    const result = await pca.acquireTokenInteractive({
      scopes: GRAPH_SCOPES,
      successTemplate: 'Signed in. You can close this window.',
      errorTemplate: 'Sign-in failed: {{error}}',
      openBrowser: async (url) => {
        expect(new URL(url).origin).toBe(t.tenant.pagesOrigin);
        const page = new PageClient(t, { trustDemoCa: false });
        browser = page;
        const form = readForm(await (await page.get(url)).text(), 'signin-form');
        const res = await page.post(form.action, { ...form.fields, username: hd.upn, password: hd.password });
        expect(res.status).toBe(200);
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rl_demo_sso='));
        expect(cookie).toMatch(/; HttpOnly/);
        expect(cookie).toMatch(/; SameSite=Lax/);
        expect(cookie).not.toMatch(/Secure/i);
        const back = readForm(await res.text(), 'form-post');
        const landing = await undiciFetch(back.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(back.fields).toString(),
        });
        expect(await landing.text()).toContain('Signed in.');
      },
    });
    expect(result.account?.username).toBe(hd.upn);
    expect(decodeJwt(result.accessToken).iss).toBe(`${t.tenant.authority}/v2.0`);
    // Every page the "browser" loaded was on the plain-HTTP pages origin.
    expect(browser?.visited.length).toBeGreaterThanOrEqual(2);
    for (const u of browser?.visited ?? []) expect(new URL(u).origin).toBe(t.tenant.pagesOrigin);
    // And its session cookie works there (no Secure flag): the next /authorize offers to continue.
    expect(browser?.cookiesFor('127.0.0.1').has('rl_demo_sso')).toBe(true);
    const { challenge } = await new CryptoProvider().generatePkceCodes();
    const again = await browser?.get(
      await pca.getAuthCodeUrl({
        scopes: GRAPH_SCOPES,
        redirectUri: 'http://localhost:53130/cb',
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
      }),
    );
    expect(await again?.text()).toContain(`Continue as ${hd.upn}`);
  });

  it('a browser without the CA cannot reach the HTTPS origin (TLS is not weakened)', async () => {
    const page = new PageClient(t, { trustDemoCa: false });
    await expect(page.get(`${t.tenant.origin}/`)).rejects.toThrow();
  });

  it('device code: verification_uri is the pages origin’s /devicelogin, and completes there', async () => {
    const pca = createPca(t);
    const gr = agent('global-reader');
    let shown!: (r: { userCode: string; verificationUri: string; message: string }) => void;
    const info = new Promise<{ userCode: string; verificationUri: string; message: string }>((r) => (shown = r));
    const pending = pca.acquireTokenByDeviceCode({ scopes: GRAPH_SCOPES, deviceCodeCallback: (r) => shown(r) });
    const { userCode, verificationUri, message } = await info;
    expect(verificationUri).toBe(`${t.tenant.pagesOrigin}/devicelogin`);
    expect(message).toContain(verificationUri);
    const page = new PageClient(t, { trustDemoCa: false });
    const codeForm = readForm(await (await page.get(verificationUri)).text(), 'code-form');
    const signIn = readForm(await (await page.post(codeForm.action, { code: userCode })).text(), 'signin-form');
    const done = await page.post(signIn.action, { ...signIn.fields, username: gr.upn, password: gr.password });
    expect(await done.text()).toContain('You may now close this window');
    expect((await pending)?.account?.username).toBe(gr.upn);
    for (const u of page.visited) expect(new URL(u).origin).toBe(t.tenant.pagesOrigin);
  });
});

describe('pagesPort', () => {
  async function freePort(): Promise<number> {
    const s: Server = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as { port: number }).port;
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }

  it('listens on the port asked for, and fails to start (releasing its HTTPS port) when it is taken', async () => {
    const port = await freePort();
    const tenant = await startDemoTenant({ dataDir: t.dataDir, users: 20, pagesPort: port });
    try {
      expect(tenant.pagesOrigin).toBe(`http://127.0.0.1:${port}`);
      expect((await undiciFetch(`${tenant.pagesOrigin}/devicelogin`)).status).toBe(200);
      const httpsPort = await freePort();
      const clash = startDemoTenant({ dataDir: t.dataDir, users: 20, port: httpsPort, pagesPort: port });
      await expect(clash).rejects.toBeInstanceOf(DemoTenantStartError);
      // The half-started tenant let go of the HTTPS port it had already taken.
      expect(await tryConnect('127.0.0.1', httpsPort)).not.toBe('connected');
    } finally {
      await tenant.stop();
    }
    expect(await tryConnect('127.0.0.1', port)).not.toBe('connected');
  });
});
