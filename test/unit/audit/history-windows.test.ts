// The History slice's window fetching for the virtualized table, over a fake transport whose answers
// the test releases: only the windows in view are asked for (by offset), never more than three at once,
// answers to an older filter are dropped, and far-away windows are let go.
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { AuditEvent, AuditListFilter } from '../../../src/shared/audit';

// The slice belongs to the renderer's TypeScript project (DOM types), so it is loaded by path rather
// than compiled into this one; these are the parts of it the test uses.
interface HistoryPart {
  history: {
    total: number;
    windows: Record<number, AuditEvent[] | undefined>;
    windowError: { code: string; message: string } | null;
  };
  loadHistory: () => Promise<void>;
  applyHistoryFilter: (filter: Omit<AuditListFilter, 'cursor' | 'offset' | 'limit'>) => Promise<void>;
  showHistoryRows: (first: number, last: number) => void;
  retryHistoryWindows: () => void;
}
interface SliceModule {
  createHistorySlice: (api: () => unknown) => (set: unknown, get: unknown, store: unknown) => HistoryPart;
  HISTORY_WINDOW: number;
  HISTORY_WINDOWS_KEPT: number;
  trendsRange: (filter: { from?: string; to?: string }, now?: number) => { from: string; to: string };
}
const SLICE: string = '../../../src/renderer/src/store/historySlice';
const { createHistorySlice, HISTORY_WINDOW, HISTORY_WINDOWS_KEPT, trendsRange } = (await import(SLICE)) as SliceModule;

interface Pending {
  input: AuditListFilter;
  release: () => void;
}

function event(id: number): AuditEvent {
  return {
    id,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(),
    callId: null,
    agentUpn: 'agent@contoso.com',
    agentId: null,
    targetId: null,
    targetUpn: null,
    targetName: null,
    action: 'reset.password',
    outcome: 'success',
    verification: null,
    ticketRef: null,
    notes: null,
    detail: {},
  };
}

/** A trail of `total` rows, newest (id = total) first; list answers wait until released. */
function harness(total: number, failing = new Set<number>()) {
  const pending: Pending[] = [];
  const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
  const api = {
    audit: {
      count: () => ok({ total }),
      list: (input: AuditListFilter) =>
        new Promise((resolve) => {
          const offset = input.offset ?? 0;
          const limit = input.limit ?? 100;
          const ids = Array.from(
            { length: Math.max(0, Math.min(limit, total - offset)) },
            (_, i) => total - offset - i,
          );
          pending.push({
            input,
            release: () =>
              resolve(
                failing.has(offset)
                  ? { ok: false, error: { code: 'internal', message: 'disk full' } }
                  : { ok: true, value: { events: ids.map(event), nextCursor: null } },
              ),
          });
        }),
      verify: () => ok({ intact: true, rowsChecked: total }),
      stats: () => new Promise(() => undefined),
    },
  };
  const store = create<HistoryPart>()((set, get, api_) => createHistorySlice(() => api)(set, get, api_));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.splice(0).forEach((p) => p.release());
      await settle();
    }
  };
  return { store, pending, settle, releaseAll };
}

describe('History windows', () => {
  it('loads the count and the first window, then only the windows in view, by offset', async () => {
    const h = harness(1_000_000);
    const loading = h.store.getState().loadHistory();
    await h.settle();
    expect(h.pending.map((p) => p.input.offset)).toEqual([0]);
    await h.releaseAll();
    await loading;
    expect(h.store.getState().history.total).toBe(1_000_000);
    expect(h.store.getState().history.windows[0]?.[0]?.id).toBe(1_000_000);

    h.store.getState().showHistoryRows(999_950, 999_999);
    expect(h.pending.map((p) => [p.input.offset, p.input.limit])).toEqual([[999_900, HISTORY_WINDOW]]);
    await h.releaseAll();
    const last = h.store.getState().history.windows[9_999];
    expect(last?.at(-1)?.id).toBe(1);
  });

  it('keeps at most three windows in flight and drops the ones scrolled past', async () => {
    const h = harness(100_000);
    const loading = h.store.getState().loadHistory();
    await h.settle();
    await h.releaseAll();
    await loading;
    h.store.getState().showHistoryRows(0, 2_000); // 21 windows wanted, one already held
    expect(h.pending).toHaveLength(3);
    // The viewport moves on before any answer: the next requests are for where it is now.
    h.store.getState().showHistoryRows(50_000, 50_040);
    h.pending.splice(0).forEach((p) => p.release());
    await h.settle();
    expect(h.pending.map((p) => p.input.offset)).toEqual([50_000]);
    await h.releaseAll();
    expect(
      Object.keys(h.store.getState().history.windows)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 500]);
  });

  it('drops an answer meant for the previous filter', async () => {
    const h = harness(10_000);
    const first = h.store.getState().loadHistory();
    await h.settle();
    await h.releaseAll();
    await first;
    h.store.getState().showHistoryRows(5_000, 5_020);
    const stale = h.pending.splice(0);
    const second = h.store.getState().applyHistoryFilter({ agentUpn: 'someone@contoso.com' });
    await h.settle();
    stale.forEach((p) => p.release());
    await h.releaseAll();
    await second;
    expect(Object.keys(h.store.getState().history.windows)).toEqual(['0']);
  });

  it(`holds at most ${HISTORY_WINDOWS_KEPT} windows, keeping those nearest the view`, async () => {
    const h = harness(1_000_000);
    const loading = h.store.getState().loadHistory();
    await h.settle();
    await h.releaseAll();
    await loading;
    for (let w = 1; w <= 60; w++) {
      h.store.getState().showHistoryRows(w * HISTORY_WINDOW, w * HISTORY_WINDOW + 20);
      await h.releaseAll();
    }
    const held = Object.keys(h.store.getState().history.windows).map(Number);
    expect(held).toHaveLength(HISTORY_WINDOWS_KEPT);
    expect(held).toContain(60);
    expect(held).not.toContain(0);
  });
});

describe('a failed window', () => {
  it('keeps the rows shown, stops fetching until retried, then fetches it again', async () => {
    const failing = new Set([3_000]);
    const h = harness(10_000, failing);
    const loading = h.store.getState().loadHistory();
    await h.settle();
    await h.releaseAll();
    await loading;
    h.store.getState().showHistoryRows(2_950, 3_050);
    await h.releaseAll();
    expect(h.store.getState().history.windowError).toEqual({ code: 'internal', message: 'disk full' });
    expect(Object.keys(h.store.getState().history.windows).sort()).toEqual(['0', '29']);
    h.store.getState().showHistoryRows(2_960, 3_060);
    expect(h.pending).toHaveLength(0); // no retry storm while the error shows
    failing.clear();
    h.store.getState().retryHistoryWindows();
    expect(h.pending.map((p) => p.input.offset)).toEqual([3_000]);
    await h.releaseAll();
    expect(h.store.getState().history.windowError).toBeNull();
    expect(h.store.getState().history.windows[30]?.[0]?.id).toBe(7_000);
  });
});

describe('trendsRange', () => {
  it('follows the filter dates and defaults to the 30 days ending today (UTC)', () => {
    const now = Date.UTC(2026, 11, 2, 15, 30);
    expect(trendsRange({}, now)).toEqual({ from: '2026-11-03T00:00:00.000Z', to: '2026-12-02T23:59:59.999Z' });
    expect(trendsRange({ from: '2026-01-05T00:00:00.000Z', to: '2026-01-06T23:59:59.999Z' }, now)).toEqual({
      from: '2026-01-05T00:00:00.000Z',
      to: '2026-01-06T23:59:59.999Z',
    });
    expect(trendsRange({ to: '2026-01-31T23:59:59.999Z' }, now).from).toBe('2026-01-02T00:00:00.000Z');
  });
});
