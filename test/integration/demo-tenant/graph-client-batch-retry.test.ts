// $batch through the REAL Graph client's BatchRequestContent/BatchResponseContent, per-item 429s,
// and the client's RetryHandler riding out 429s injected by the throttle knob.
import { BatchRequestContent, BatchResponseContent, type Client } from '@microsoft/microsoft-graph-client';
import type { AuthenticationMethod, User } from '@microsoft/microsoft-graph-types';
import { fetch as undiciFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestTenant, type TestTenant } from './identity-helpers';
import { clientFor, tokenFor } from './graph-helpers';

let t: TestTenant;
let ga: Client;
beforeAll(async () => {
  t = await startTestTenant({ users: 200, seed: 7 });
  ga = await clientFor(t, 'global.admin@contoso.com');
});
afterEach(() => {
  t.tenant.knobs.set({ throttle: { everyNth: 0, maxPerSecond: 0, retryAfterSeconds: 1 } });
});
afterAll(async () => {
  await t?.close();
});

function get(id: string, url: string, dependsOn?: string[]): { id: string; request: Request; dependsOn?: string[] } {
  return {
    id,
    request: new Request(`https://127.0.0.1${url}`, { method: 'GET' }),
    ...(dependsOn ? { dependsOn } : {}),
  };
}

describe('$batch', () => {
  it('answers each request of a batch, in one round trip', async () => {
    const batch = new BatchRequestContent([
      get('me', '/me'),
      get('methods', '/users/alex.cloud@contoso.com/authentication/methods'),
      get('missing', '/users/nobody@contoso.com'),
    ]);
    const raw = (await ga.api('/$batch').post(await batch.getContent())) as unknown;
    const res = new BatchResponseContent(raw as { responses: [] });
    const me = res.getResponseById('me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as User).userPrincipalName).toBe('global.admin@contoso.com');
    const methods = (await res.getResponseById('methods').json()) as {
      value: (AuthenticationMethod & { '@odata.type': string })[];
    };
    expect(methods.value[0]?.['@odata.type']).toBe('#microsoft.graph.passwordAuthenticationMethod');
    const missing = res.getResponseById('missing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('Request_ResourceNotFound');
  });

  it('returns 429 for a throttled item inside a 200 batch, and 424 for its dependants', async () => {
    t.tenant.knobs.set({ throttle: { everyNth: 2, retryAfterSeconds: 7 } });
    const batch = new BatchRequestContent([get('1', '/me'), get('2', '/me', ['1']), get('3', '/me', ['2'])]);
    const raw = (await ga.api('/$batch').post(await batch.getContent())) as {
      responses: { id: string; status: number; headers: Record<string, string> }[];
    };
    const byId = new Map(raw.responses.map((r) => [r.id, r]));
    expect(byId.get('1')?.status).toBe(200);
    expect(byId.get('2')?.status).toBe(429);
    expect(byId.get('2')?.headers['Retry-After']).toBe('7');
    expect(byId.get('3')?.status).toBe(424);
  });

  it('refuses a batch of more than 20 and duplicate ids', async () => {
    const token = await tokenFor(t, 'global.admin@contoso.com', 'GlobalAdm!Demo2026');
    const post = (requests: unknown[]): Promise<number> =>
      undiciFetch(`${t.tenant.graphBaseUrl}/$batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ requests }),
        dispatcher: t.dispatcher,
      }).then((r) => r.status);
    expect(await post(Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' })))).toBe(400);
    expect(
      await post([
        { id: '1', method: 'GET', url: '/me' },
        { id: '1', method: 'GET', url: '/me' },
      ]),
    ).toBe(400);
  });
});

describe('throttling', () => {
  it("sends 429 with Retry-After, which the client's RetryHandler honours until the call succeeds", async () => {
    t.tenant.knobs.set({ throttle: { everyNth: 2, retryAfterSeconds: 0 } });
    const before = t.tenant.knobs.stats().throttled;
    const names: string[] = [];
    for (let i = 0; i < 6; i++)
      names.push(((await ga.api('/me').select('displayName').get()) as User).displayName ?? '');
    expect(names).toEqual(Array(6).fill('Gloria Global'));
    // Every other request was answered 429, so the client must have retried.
    expect(t.tenant.knobs.stats().throttled - before).toBeGreaterThanOrEqual(5);

    const token = await tokenFor(t, 'global.admin@contoso.com', 'GlobalAdm!Demo2026');
    t.tenant.knobs.set({ throttle: { everyNth: 1, retryAfterSeconds: 3 } });
    const res = await undiciFetch(`${t.tenant.graphBaseUrl}/me`, {
      headers: { authorization: `Bearer ${token}` },
      dispatcher: t.dispatcher,
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
  });
});
