// knobs.stats().graphHttpRequests: Graph round trips counted at the demo tenant (one per HTTP request
// to /v1.0, a $batch once), beside graphRequests (each $batch item). A tenant of its own, so no other
// test's late request (a latency knob outliving its client's timeout) lands in the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetch as undiciFetch } from 'undici';
import { createPca, GRAPH_SCOPES, graphClient, startTestTenant, type TestTenant } from './identity-helpers';

let t: TestTenant;
let token: string;
beforeAll(async () => {
  t = await startTestTenant();
  const a = t.tenant.agents[0];
  if (!a) throw new Error('no agents');
  const r = await createPca(t).acquireTokenByUsernamePassword({
    scopes: GRAPH_SCOPES,
    username: a.upn,
    password: a.password,
  });
  token = r?.accessToken ?? '';
});
afterAll(async () => {
  await t?.close();
});

function me() {
  return undiciFetch(`${t.tenant.graphBaseUrl}/me`, {
    dispatcher: t.dispatcher,
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('graphHttpRequests: Graph round trips counted at the demo tenant', () => {
  const counts = () => {
    const s = t.tenant.knobs.stats();
    return { http: s.graphHttpRequests, items: s.graphRequests };
  };

  it('counts one per HTTP request to /v1.0 (a $batch once), beside graphRequests (each item)', async () => {
    const start = counts();
    expect((await me()).status).toBe(200);
    expect(counts()).toEqual({ http: start.http + 1, items: start.items + 1 });

    const batch = await undiciFetch(`${t.tenant.graphBaseUrl}/$batch`, {
      method: 'POST',
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: ['1', '2', '3'].map((id) => ({ id, method: 'GET', url: '/me' })),
      }),
    });
    expect(batch.status).toBe(200);
    const items = ((await batch.json()) as { responses: { status: number }[] }).responses;
    expect(items.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(counts()).toEqual({ http: start.http + 2, items: start.items + 4 });

    // The Graph client following @odata.nextLink: one round trip per page.
    const firstPage = (await graphClient(t, async () => token)
      .api('/users')
      .top(100)
      .get()) as { '@odata.nextLink'?: string };
    expect(firstPage['@odata.nextLink']).toBeTruthy();
    const next = await undiciFetch(firstPage['@odata.nextLink'] ?? '', {
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(next.status).toBe(200);
    await next.arrayBuffer();
    expect(counts().http).toBe(start.http + 4);
  });

  it('counts refused round trips too (401, injected faults), and nothing that is not Graph', async () => {
    const start = counts();
    const anonymous = await undiciFetch(`${t.tenant.graphBaseUrl}/me`, { dispatcher: t.dispatcher });
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
    t.tenant.knobs.set({ faults: [{ pattern: '^GET /me$', fault: { kind: 'status', status: 503 }, times: 1 }] });
    expect((await me()).status).toBe(503);
    expect(counts()).toEqual({ http: start.http + 2, items: start.items });

    // Token, discovery, pages and the HTTP listener's 404 for /v1.0 are not Graph round trips.
    const a = t.tenant.agents[0];
    if (!a) throw new Error('no agents');
    await createPca(t).acquireTokenByUsernamePassword({ scopes: GRAPH_SCOPES, username: a.upn, password: a.password });
    await (await undiciFetch(`${t.tenant.pagesOrigin}/devicelogin`)).arrayBuffer();
    const overHttp = await undiciFetch(`${t.tenant.pagesOrigin}/v1.0/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(overHttp.status).toBe(404);
    await overHttp.arrayBuffer();
    expect(counts()).toEqual({ http: start.http + 2, items: start.items });
  });
});
