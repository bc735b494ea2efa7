// Knobs observed from the outside (throttling, faults, latency — by counts and states, never by
// elapsed time) and the ACS-shaped SMS endpoint driven by the real @azure/communication-sms client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SmsClient } from '@azure/communication-sms';
import { fetch as undiciFetch } from 'undici';
import { InvalidKnobsError } from '../../../src/demo-tenant';
import { KnobStore } from '../../../src/demo-tenant/knobs';
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
afterEach(() => {
  t.tenant.knobs.set({
    latencyMs: 0,
    jitterMs: 0,
    throttle: { everyNth: 0, maxPerSecond: 0, retryAfterSeconds: 1 },
    faults: [],
  });
});
afterAll(async () => {
  await t?.close();
});

function me(init: { signal?: AbortSignal } = {}) {
  return undiciFetch(`${t.tenant.graphBaseUrl}/me`, {
    dispatcher: t.dispatcher,
    headers: { authorization: `Bearer ${token}` },
    ...init,
  });
}

describe('throttling', () => {
  it('answers every Nth Graph request with 429 + Retry-After in Graph’s error body', async () => {
    t.tenant.knobs.set({ throttle: { everyNth: 2, retryAfterSeconds: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await me();
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('3');
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
      } else await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 429, 200, 429]);
    expect(t.tenant.knobs.stats().throttled).toBeGreaterThanOrEqual(2);
  });

  it('lets the Graph client’s RetryHandler ride over an injected 429', async () => {
    t.tenant.knobs.set({ throttle: { everyNth: 2, retryAfterSeconds: 1 } });
    await me().then((r) => r.arrayBuffer()); // request 1 passes; the client's request is the 2nd → 429 → retried
    const before = t.tenant.knobs.stats().throttled;
    const result = (await graphClient(t, async () => token)
      .api('/me')
      .get()) as { id: string };
    expect(result.id).toBeTruthy();
    expect(t.tenant.knobs.stats().throttled).toBe(before + 1);
  });

  it('limits to maxPerSecond within a burst', async () => {
    t.tenant.knobs.set({ throttle: { maxPerSecond: 2 } });
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => me().then(async (r) => (await r.arrayBuffer(), r.status))),
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
  });
});

describe('faults and latency', () => {
  it('injects a status fault a given number of times, then recovers', async () => {
    t.tenant.knobs.set({
      faults: [{ pattern: '^GET /me$', fault: { kind: 'status', status: 503, retryAfterSeconds: 2 }, times: 1 }],
    });
    const first = await me();
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(((await first.json()) as { error: { code: string } }).error.code).toBe('serviceNotAvailable');
    expect((await me()).status).toBe(200);
  });

  it('resets the connection, then serves the next request', async () => {
    t.tenant.knobs.set({ faults: [{ pattern: '^GET /me$', fault: { kind: 'connection-reset' }, times: 1 }] });
    await expect(me()).rejects.toThrow();
    expect((await me()).status).toBe(200);
    expect(t.tenant.knobs.stats().faultsApplied).toBeGreaterThanOrEqual(1);
  });

  it('applies faults to the token endpoint by its full path', async () => {
    t.tenant.knobs.set({
      faults: [{ pattern: '^POST /[^/]+/oauth2/v2\\.0/token$', fault: { kind: 'status', status: 500 }, times: 1 }],
    });
    const post = () =>
      undiciFetch(`${t.tenant.authority}/oauth2/v2.0/token`, {
        method: 'POST',
        dispatcher: t.dispatcher,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: t.tenant.clientId,
          grant_type: 'password',
          username: 'x@y',
          password: 'z',
          scope: 'openid',
        }).toString(),
      });
    expect((await post()).status).toBe(500);
    expect((await post()).status).toBe(400); // the real answer: unknown user
  });

  it('holds requests back with latency and slow faults (a short client timeout gives up)', async () => {
    t.tenant.knobs.set({ latencyMs: 5000 });
    const delayedBefore = t.tenant.knobs.stats().delayedRequests;
    await expect(me({ signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(t.tenant.knobs.stats().delayedRequests).toBe(delayedBefore + 1);
    t.tenant.knobs.set({
      latencyMs: 0,
      faults: [{ pattern: '^GET /me$', fault: { kind: 'slow', delayMs: 5000 }, times: 1 }],
    });
    await expect(me({ signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect((await me()).status).toBe(200);
  });

  it('spreads latency by the jitter knob, within [latency, latency + jitter]', () => {
    const store = new KnobStore({ latencyMs: 10, jitterMs: 5 });
    const samples = Array.from({ length: 200 }, () => store.latencyFor());
    expect(samples.every((ms) => ms >= 10 && ms <= 15)).toBe(true);
    expect(new Set(samples.map((ms) => Math.round(ms))).size).toBeGreaterThan(1);
    expect(store.stats().delayedRequests).toBe(200);
  });

  it('changes while running, merges throttle fields and refuses nonsense', async () => {
    const k = t.tenant.knobs.set({ throttle: { everyNth: 5 } });
    expect(k.throttle).toMatchObject({ everyNth: 5, retryAfterSeconds: 1 });
    expect(() => t.tenant.knobs.set({ latencyMs: -1 })).toThrow(InvalidKnobsError);
    expect(() => t.tenant.knobs.set({ faults: [{ pattern: '(', fault: { kind: 'connection-reset' } }] })).toThrow(
      InvalidKnobsError,
    );
    const overHttp = await undiciFetch(`${t.tenant.origin}/demo/knobs`, {
      method: 'PUT',
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 7 }),
    });
    expect(overHttp.status).toBe(200);
    expect(t.tenant.knobs.get().latencyMs).toBe(7);
    const nonsense = await undiciFetch(`${t.tenant.origin}/demo/knobs`, {
      method: 'PUT',
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 'slow', throttle: { everyNth: 2 } }),
    });
    expect(nonsense.status).toBe(400);
    expect(t.tenant.knobs.get().throttle.everyNth).toBe(5);
    const anonymous = await undiciFetch(`${t.tenant.origin}/demo/knobs`, {
      method: 'PUT',
      dispatcher: t.dispatcher,
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('SMS through the real SmsClient', () => {
  it('accepts an HMAC-signed send, reports per recipient, and puts the message in the outbox', async () => {
    const client = new SmsClient(t.tenant.smsConnectionString, {
      tlsOptions: { ca: t.tenant.caCertPem },
      retryOptions: { maxRetries: 0 },
    });
    const results = await client.send({
      from: t.tenant.smsFromNumber,
      to: ['+14255550123', 'not-a-number'],
      message: 'Your Resetline code is 482913',
    });
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ to: '+14255550123', successful: true, httpStatusCode: 202 });
    expect(results[0]?.messageId).toBeTruthy();
    expect(results[1]).toMatchObject({ to: 'not-a-number', successful: false, httpStatusCode: 400 });
    const sms = t.tenant.outbox.list({ kind: 'sms', to: '+14255550123' });
    expect(sms.at(-1)).toMatchObject({
      kind: 'sms',
      from: t.tenant.smsFromNumber,
      body: 'Your Resetline code is 482913',
    });
    expect(t.tenant.outbox.list({ to: 'not-a-number' })).toHaveLength(0);

    const overHttp = await undiciFetch(`${t.tenant.origin}/demo/outbox?kind=sms`, {
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await overHttp.json()) as { value: { body: string }[] }).value.map((m) => m.body)).toContain(
      'Your Resetline code is 482913',
    );
  });

  it('refuses a request signed with the wrong access key and stores nothing', async () => {
    const count = t.tenant.outbox.list().length;
    const wrong = t.tenant.smsConnectionString.replace(
      /accesskey=.*$/,
      `accesskey=${Buffer.alloc(32, 7).toString('base64')}`,
    );
    const client = new SmsClient(wrong, { tlsOptions: { ca: t.tenant.caCertPem }, retryOptions: { maxRetries: 0 } });
    await expect(
      client.send({ from: t.tenant.smsFromNumber, to: ['+14255550124'], message: 'x' }),
    ).rejects.toMatchObject({ statusCode: 401 });
    expect(t.tenant.outbox.list()).toHaveLength(count);
  });
});
