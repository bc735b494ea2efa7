// The demo tenant's transport: its own CA (kept in the data folder, trusted explicitly, never
// bypassed), the request-id header, and Graph's 401 for missing, expired and forged tokens.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphError } from '@microsoft/microsoft-graph-client';
import { generateKeyPair, SignJWT } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import { startDemoTenant } from '../../../src/demo-tenant';
import { createPca, GRAPH_SCOPES, graphClient, startTestTenant, type TestTenant } from './identity-helpers';

let t: TestTenant;
let token: string;
beforeAll(async () => {
  t = await startTestTenant();
  const hd = t.tenant.agents[0];
  if (!hd) throw new Error('no agents');
  const r = await createPca(t).acquireTokenByUsernamePassword({
    scopes: GRAPH_SCOPES,
    username: hd.upn,
    password: hd.password,
  });
  token = r?.accessToken ?? '';
});
afterAll(async () => {
  await t?.close();
});

describe('TLS from the demo CA', () => {
  it('is refused by a client that does not trust the demo CA', async () => {
    const plain = new Agent();
    try {
      await expect(
        undiciFetch(`${t.tenant.authority}/v2.0/.well-known/openid-configuration`, { dispatcher: plain }),
      ).rejects.toThrow();
    } finally {
      await plain.close();
    }
  });

  it('serves 127.0.0.1 and localhost to a client trusting only the demo CA', async () => {
    const port = new URL(t.tenant.origin).port;
    for (const host of ['127.0.0.1', 'localhost']) {
      const res = await undiciFetch(
        `https://${host}:${port}/${t.tenant.tenantId}/v2.0/.well-known/openid-configuration`,
        { dispatcher: t.dispatcher },
      );
      expect(res.status).toBe(200);
      const doc = (await res.json()) as {
        issuer: string;
        token_endpoint: string;
        device_authorization_endpoint: string;
      };
      expect(doc.issuer).toBe(`${t.tenant.authority}/v2.0`);
      expect(doc.token_endpoint).toBe(`${t.tenant.authority}/oauth2/v2.0/token`);
      expect(doc.device_authorization_endpoint).toBe(`${t.tenant.authority}/oauth2/v2.0/devicecode`);
    }
  });

  it('keeps its CA in the data folder and reuses it on the next start', async () => {
    expect(t.tenant.caCertPath).toBe(join(t.dataDir, 'demo-ca.crt.pem'));
    expect(await readFile(t.tenant.caCertPath, 'utf8')).toBe(t.tenant.caCertPem);
    expect((await stat(join(t.dataDir, 'demo-ca.key.pem'))).mode & 0o077).toBe(0);
    const second = await startDemoTenant({ dataDir: t.dataDir, users: 20 });
    try {
      expect(second.caCertPem).toBe(t.tenant.caCertPem);
      // The first tenant's trust settings work against the second server.
      const res = await undiciFetch(`${second.authority}/v2.0/.well-known/openid-configuration`, {
        dispatcher: t.dispatcher,
      });
      expect(res.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe("Graph's 401 and the request-id header", () => {
  it('answers a request without a token with InvalidAuthenticationToken, echoing request ids', async () => {
    const res = await undiciFetch(`${t.tenant.graphBaseUrl}/me`, {
      dispatcher: t.dispatcher,
      headers: { 'client-request-id': 'crid-1' },
    });
    expect(res.status).toBe(401);
    const requestId = res.headers.get('request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('client-request-id')).toBe('crid-1');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.message).toBe('Access token is empty.');
    expect(body.error.innerError['request-id']).toBe(requestId);
    expect(body.error.innerError['client-request-id']).toBe('crid-1');
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('refuses a token signed by another key (Graph client sees 401)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey);
    const err = (await graphClient(t, async () => forged)
      .api('/me')
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(err.statusCode).toBe(401);
    expect(err.code).toBe('InvalidAuthenticationToken');
    expect(err.message).toMatch(/Signature validation failed/);
  });

  it('refuses an expired token once the tenant clock passes its exp', async () => {
    const dir = t.tenant.directory;
    dir.setClock(() => Date.now() + 2 * 3600_000);
    try {
      const err = (await graphClient(t, async () => token)
        .api('/me')
        .get()
        .catch((e: unknown) => e)) as GraphError;
      expect(err.statusCode).toBe(401);
      expect(err.message).toBe('Lifetime validation failed, the token is expired.');
    } finally {
      dir.setClock(Date.now);
    }
  });

  it('accepts the same token on Graph once it is valid', async () => {
    const me = (await graphClient(t, async () => token)
      .api('/me')
      .get()) as { id: string };
    expect(me.id).toBe(t.tenant.directory.findUserByUpn(t.tenant.agents[0]?.upn ?? '')?.id);
  });

  it('stamps request-id on token endpoint errors and unknown paths too', async () => {
    const tokenRes = await undiciFetch(`${t.tenant.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      dispatcher: t.dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: t.tenant.clientId,
        grant_type: 'client_credentials',
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
    expect(tokenRes.status).toBe(401);
    expect(tokenRes.headers.get('request-id')).toBeTruthy();
    expect(await tokenRes.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000218] });
    const missing = await undiciFetch(`${t.tenant.origin}/nothing-here`, { dispatcher: t.dispatcher });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('request-id')).toBeTruthy();
  });
});
