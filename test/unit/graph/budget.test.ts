// The app's reports budget (core/graph/budget.ts) on fake time: five report requests per 10 seconds
// shared by the caller flow (high) and background work (low), high first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isReportsRequest, ReportsBudget, type Slots } from '../../../src/main/core/graph/budget';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 6, 9, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Settles the slots as soon as they are granted, moving fake time on in 100 ms steps until then. */
async function admitted(slots: Promise<Slots>): Promise<void> {
  let got: Slots | undefined;
  void slots.then((s) => (got = s));
  await vi.advanceTimersByTimeAsync(0);
  while (!got) await vi.advanceTimersByTimeAsync(100);
  got.settle();
}

/** Takes `count` slots of `priority` one after another, each answered at once. */
async function take(b: ReportsBudget, priority: 'high' | 'low', count: number): Promise<void> {
  for (let i = 0; i < count; i++) await admitted(b.acquire(priority, 1));
}

describe('ReportsBudget', () => {
  it('lets a waiting high request go before a low one that waited longer', async () => {
    const b = new ReportsBudget();
    await take(b, 'low', 5); // no call in progress: background may use the whole window (at 0, 2, 4, 6, 8 s)
    const order: string[] = [];
    const low = b.acquire('low', 1).then((s) => {
      order.push('low');
      s.settle();
    });
    await vi.advanceTimersByTimeAsync(1000);
    const high = b.acquire('high', 1).then((s) => {
      order.push('high');
      s.settle();
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual([]);
    expect(b.stats()).toEqual({ inWindow: 5, waitingHigh: 1, waitingLow: 1 });
    await vi.advanceTimersByTimeAsync(1); // the first slot leaves the window: it goes to the high request
    expect(order).toEqual(['high']);
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all([low, high]);
    expect(order).toEqual(['high', 'low']);
  });

  it('paces background work evenly across the window instead of taking it in one burst', async () => {
    const b = new ReportsBudget();
    let lows = 0;
    for (let i = 0; i < 5; i++) void b.acquire('low', 1).then((s) => ((lows += 1), s.settle()));
    await vi.advanceTimersByTimeAsync(0);
    expect(lows).toBe(1);
    await vi.advanceTimersByTimeAsync(4000);
    expect(lows).toBe(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(lows).toBe(5);
  });

  it('keeps three slots free for the caller card while a call is in progress', async () => {
    const b = new ReportsBudget();
    await take(b, 'high', 1); // the agent opened a caller: the reserve holds
    let lows = 0;
    for (let i = 0; i < 4; i++) void b.acquire('low', 1).then(() => (lows += 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(lows).toBe(1); // 1 high + 1 low in the window leaves the 3 the card needs
    // The card's three report requests (methods, registration details, self-service attempts) go at once.
    let card = false;
    void b.acquire('high', 3).then(() => (card = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(card).toBe(true);
    expect(b.stats().waitingLow).toBe(3);
  });

  it('gives background work the whole window again once no call has needed it for two minutes', async () => {
    const b = new ReportsBudget();
    await take(b, 'high', 1);
    let lows = 0;
    for (let i = 0; i < 5; i++) void b.acquire('low', 1).then((s) => ((lows += 1), s.settle()));
    await vi.advanceTimersByTimeAsync(8000);
    expect(lows).toBe(1); // the reserve holds: one high + one low leave the caller its three
    await vi.advanceTimersByTimeAsync(120_000);
    expect(lows).toBe(5);
  });

  it("holds background work back for Graph's Retry-After, but not the caller flow", async () => {
    const b = new ReportsBudget();
    b.noteThrottled(7000);
    let low = false;
    let high = false;
    void b.acquire('low', 1).then(() => (low = true));
    void b.acquire('high', 1).then(() => (high = true));
    await vi.advanceTimersByTimeAsync(6999);
    expect([high, low]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(low).toBe(true);
  });

  it('does not count a slot free before its request was answered', async () => {
    const b = new ReportsBudget();
    const slots = await b.acquire('high', 5);
    let next = false;
    void b.acquire('high', 1).then(() => (next = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(next).toBe(false);
    slots.settle();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(next).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next).toBe(true);
  });

  it('lets a $batch with more report items than the limit take the whole window instead of waiting forever', async () => {
    const b = new ReportsBudget();
    let done = false;
    void b.acquire('low', 10).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(b.stats().inWindow).toBe(5);
  });
});

describe('isReportsRequest', () => {
  it('knows the identity and access reports paths, absolute or as $batch items', () => {
    expect(isReportsRequest('https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$filter=x')).toBe(true);
    expect(isReportsRequest('/reports/authenticationMethods/userRegistrationDetails/u1')).toBe(true);
    expect(isReportsRequest('users/u1/authentication/methods')).toBe(true);
    expect(isReportsRequest('/me/authentication/temporaryAccessPassMethods')).toBe(true);
    expect(isReportsRequest('https://graph.microsoft.us/v1.0/users/u1?$select=id')).toBe(false);
    expect(isReportsRequest('/users/u1/transitiveMemberOf/microsoft.graph.directoryRole')).toBe(false);
  });
});
