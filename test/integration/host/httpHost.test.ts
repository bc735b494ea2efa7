import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../src/main/browser-host';
import { BOOTSTRAP_REFUSED_MESSAGE } from '../../../src/main/core/host/httpHost';
import { SECRET_HEADER } from '../../../src/shared/wire';

let dir: string;
let host: BrowserHost;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so tests can send any Host/Origin header (fetch forbids setting them). */
function call(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolveCall, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveCall({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const apiHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  [SECRET_HEADER]: host.secret,
  ...extra,
});

const bootstrapOf = (url: string) => new URL(url).hash.replace('#bootstrap=', '');

const exchange = (bootstrap: unknown, headers: Record<string, string> = {}) =>
  call('/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ bootstrap }),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'resetline-http-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Resetline</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'outside.txt'), 'must never be served');
  host = await startBrowserHost({ dataDir: join(dir, 'data'), rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser host transport', () => {
  it('binds to loopback only and puts a one-time bootstrap token, not a session key, in the address', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toMatch(new RegExp(`^${host.origin}/#bootstrap=[0-9a-f]{64}$`));
    expect(host.url).not.toContain(host.secret);
    expect(host.newUrl()).not.toBe(host.url);
  });

  it('trades a bootstrap token once for a session key that API calls accept; a replay is refused', async () => {
    const bootstrap = bootstrapOf(host.newUrl());
    // The token itself is no key: the API refuses it.
    const asKey = await call('/api/app:get-info', {
      method: 'POST',
      headers: apiHeaders({ [SECRET_HEADER]: bootstrap }),
      body: '{}',
    });
    expect(asKey.status).toBe(401);

    const first = await exchange(bootstrap);
    expect(first.status).toBe(200);
    const sessionKey = (JSON.parse(first.body) as { value: { sessionKey: string } }).value.sessionKey;
    expect(sessionKey).toMatch(/^[0-9a-f]{64}$/);
    const info = await call('/api/app:get-info', {
      method: 'POST',
      headers: apiHeaders({ [SECRET_HEADER]: sessionKey }),
      body: '{}',
    });
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { host: 'browser' } });

    const replay = await exchange(bootstrap);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: BOOTSTRAP_REFUSED_MESSAGE },
    });
    for (const wrong of ['f'.repeat(64), '', 42]) expect((await exchange(wrong)).status).toBe(401);
  });

  it('refuses the session exchange from a foreign Origin or Host, even with a fresh token', async () => {
    const bootstrap = bootstrapOf(host.newUrl());
    expect((await exchange(bootstrap, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await exchange(bootstrap, { host: `rebind.example:${host.port}` })).status).toBe(403);
    // Neither refusal used the token up.
    expect((await exchange(bootstrap)).status).toBe(200);
  });

  it('answers a call that carries the secret with the channel result', async () => {
    const res = await call('/api/app:get-info', { method: 'POST', headers: apiHeaders(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { host: 'browser', dataFolder: join(dir, 'data') } });
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    const missing = await call('/api/app:get-info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call('/api/app:get-info', {
      method: 'POST',
      headers: apiHeaders({ [SECRET_HEADER]: 'f'.repeat(64) }),
      body: '{}',
    });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Origin even with the secret', async () => {
    const res = await call('/api/app:get-info', {
      method: 'POST',
      headers: apiHeaders({ origin: 'https://evil.example' }),
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a foreign Host header (DNS rebinding), for pages and API alike', async () => {
    for (const path of ['/', '/api/app:get-info']) {
      const res = await call(path, {
        method: path === '/' ? 'GET' : 'POST',
        headers: apiHeaders({ host: `rebind.example:${host.port}` }),
        ...(path === '/' ? {} : { body: '{}' }),
      });
      expect(res.status).toBe(403);
    }
  });

  it('accepts its own origin under both loopback names', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const res = await call('/api/app:get-info', {
        method: 'POST',
        headers: apiHeaders({ host: `${name}:${host.port}`, origin: `http://${name}:${host.port}` }),
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { host: 'browser' } });
    }
  });

  it('refuses bodies over the limit, non-JSON bodies and non-JSON content types', async () => {
    const big = await call('/api/audit:list', {
      method: 'POST',
      headers: apiHeaders(),
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(big.status).toBe(413);
    const notJson = await call('/api/audit:list', { method: 'POST', headers: apiHeaders(), body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const form = await call('/api/audit:list', {
      method: 'POST',
      headers: apiHeaders({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: 'a=1',
    });
    expect(form.status).toBe(415);
  });

  it('answers bad input to a channel with a typed error in the envelope', async () => {
    const res = await call('/api/audit:list', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ input: { limit: -1 } }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('serves the renderer with security headers and nothing outside its folder', async () => {
    const index = await call('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Resetline</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await call('/assets/app.js')).status).toBe(200);
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e/%2e%2e/outside.txt', '/%00']) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('must never be served');
    }
  });

  it('refuses API calls that are not POST', async () => {
    const res = await call('/api/app:get-info', { headers: apiHeaders() });
    expect(res.status).toBe(405);
  });
});
