// The identity and access reports limit (five requests per 10 seconds per app per tenant,
// concepts/throttling-limits.md) between the app's REAL Graph client (its middleware chain: retry,
// priority and reports budget) and the REAL demo tenant over TLS. The tenant's windows are scaled
// down (throttlingTimeScale 0.2: 10 s → 2 s, Retry-After with it) so the waits stay short yet each
// test's few requests fit in one window on a loaded machine (at 0.1 one failed at load 10); nothing
// here asserts a time.
import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { background, ReportsBudget } from '../../../src/main/core/graph/budget';
import { createGraphClient } from '../../../src/main/core/graph/client';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { tokenFor } from '../demo-tenant/graph-helpers';

const SCALE = 0.2;
const WINDOW_MS = 10_000 * SCALE;
const REPORT = '/reports/authenticationMethods/userRegistrationDetails?$filter=userType%20eq%20%27member%27';

let t: TestTenant;
let token: string;

beforeAll(async () => {
  t = await startTestTenant({ users: 200, knobs: { throttlingTimeScale: SCALE } });
  const reader = t.tenant.directory.agents.find((a) => a.label === 'global-reader')!;
  token = await tokenFor(t, reader.upn, reader.password, ['AuditLog.Read.All', 'User.Read.All']);
});
afterAll(async () => {
  await t?.close();
});
// Every test starts with the tenant's window empty.
beforeEach(() => new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100)));

/**
 * A copy of the app (an agent's machine): its own client, its own budget (on the tenant's scaled
 * window), the same app registration.
 */
function app(options: { requests?: string[]; budget?: ReportsBudget } = {}): Client {
  return createGraphClient({
    graphOrigin: t.tenant.origin,
    getAccessToken: () => Promise.resolve(token),
    dispatcher: t.dispatcher,
    budget: options.budget ?? new ReportsBudget({ windowMs: WINDOW_MS }),
    ...(options.requests ? { onRequest: (_m: string, url: string) => options.requests!.push(url) } : {}),
  });
}

const throttled = (): number => t.tenant.knobs.stats().throttled;

describe('the identity and access reports limit, app and tenant together', () => {
  it("answers another copy of the app's sixth report read in 10 seconds with 429, which its retry handler rides out", async () => {
    const first = app();
    for (let i = 0; i < 5; i++) await first.api(REPORT).get();
    const requests: string[] = [];
    const second = app({ requests });
    const before = throttled();
    const page = (await second.api(REPORT).get()) as { value: unknown[] };
    expect(page.value.length).toBeGreaterThan(0);
    expect(throttled() - before).toBe(1);
    // One read, two HTTP requests: the 429 and the retry after its Retry-After.
    expect(requests).toHaveLength(2);
  });

  it('sends background reads as low priority: behind a high one, Graph throttles them first', async () => {
    // A caller-flow read (high by default) from one copy of the app …
    await app().api(REPORT).get();
    const before = throttled();
    // … then three background reads from another: low may use 3 of the 5 once high competes.
    const worker = background(app());
    for (let i = 0; i < 3; i++) await worker.api(REPORT).get();
    expect(throttled() - before).toBe(1);
  });

  it("puts the batch's priority on each $batch item, which Graph evaluates on its own", async () => {
    await app().api(REPORT).get();
    const res = (await background(app())
      .api('/$batch')
      .post({
        requests: ['1', '2', '3'].map((id) => ({ id, method: 'GET', url: REPORT })),
      })) as { responses: { id: string; status: number; headers?: Record<string, string> }[] };
    const statuses = res.responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const refused = res.responses.find((r) => r.status === 429);
    expect(Number(refused?.headers?.['Retry-After'])).toBeGreaterThan(0);
  });

  it('keeps background work behind the caller: the caller reads first, and Graph refuses nobody', async () => {
    const budget = new ReportsBudget({ windowMs: WINDOW_MS });
    const client = app({ budget });
    const done: string[] = [];
    const before = throttled();
    const ingest = Array.from({ length: 8 }, (_, i) =>
      background(client)
        .api(REPORT)
        .get()
        .then(() => done.push(`low${i}`)),
    );
    // The ingest has the window (no call yet); then the agent opens a caller card.
    while (budget.stats().inWindow < 5) await new Promise((r) => setTimeout(r, 10));
    const card = Array.from({ length: 3 }, (_, i) =>
      client
        .api(REPORT)
        .get()
        .then(() => done.push(`high${i}`)),
    );
    await Promise.all([...ingest, ...card]);
    // The card's reads waited only for the window the ingest had already taken, never behind the rest of it.
    const lastHigh = Math.max(...['high0', 'high1', 'high2'].map((h) => done.indexOf(h)));
    expect(lastHigh).toBeLessThan(8);
    expect(done.slice(lastHigh + 1).every((d) => d.startsWith('low'))).toBe(true);
    expect(throttled() - before).toBe(0);
  });
});
