// The windowed-rows helper (store/windowedRows.ts) through the slices that use it, over a fake api whose
// answers the test releases: History's and Registration's tables ask only for the windows around the rows
// in view (by offset), never more than three at once; answers meant for an older filter or query are
// dropped; far-away windows are let go; a failed window is asked again only on Retry.
import { describe, expect, it } from 'vitest';
import type { AuditEvent, AuditListFilter, AuditPage } from '../../../src/shared/audit';
import type { RegistrationListRequest, RegistrationPage, RegistrationRow } from '../../../src/shared/registration';
import { fail, ok, type Result } from '../../../src/shared/result';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { HISTORY_WINDOW, HISTORY_WINDOWS_KEPT, trendsRange } from '../../../src/renderer/src/store/historySlice';
import { REGISTRATION_WINDOW, REGISTRATION_WINDOWS_KEPT } from '../../../src/renderer/src/store/registrationSlice';
import { rowAt, rowsError, type RowWindow } from '../../../src/renderer/src/store/windowedRows';
import { fakeApi } from '../support/fakeApi';
import { auditEvent } from '../support/auditEvents';

interface Pending<I> {
  input: I;
  release: () => void;
}

const event = (id: number): AuditEvent => auditEvent(id);

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Releases every pending answer, and those the released ones start, until none is left. */
async function releaseAll(pending: Pending<unknown>[]): Promise<void> {
  await tick();
  while (pending.length > 0) {
    pending.splice(0).forEach((p) => p.release());
    await tick();
  }
}

/** The held pages, by state. */
function held<T>(rows: RowWindow<T>, status: 'ready' | 'loading' | 'error' = 'ready'): number[] {
  return Object.entries(rows.pages)
    .filter(([, page]) => page.status === status)
    .map(([p]) => Number(p))
    .sort((a, b) => a - b);
}

/** A trail of `total` rows, newest (id = total) first; list answers wait until released. */
function history(total: number, failing = new Set<number>()) {
  const pending: Pending<AuditListFilter>[] = [];
  const store = createResetlineStore(
    fakeApi({
      audit: {
        count: async () => ok({ total }),
        list: (input) =>
          new Promise<Result<AuditPage>>((resolve) => {
            const offset = input.offset ?? 0;
            const limit = input.limit ?? 100;
            const length = Math.max(0, Math.min(limit, total - offset));
            const ids = Array.from({ length }, (_, i) => total - offset - i);
            pending.push({
              input,
              release: () =>
                resolve(
                  failing.has(offset)
                    ? fail('internal', 'disk full')
                    : ok({ events: ids.map(event), nextCursor: null } as AuditPage),
                ),
            });
          }),
        verify: async () => ok({ intact: true, rowsChecked: total } as never),
        getStats: () => new Promise(() => undefined),
      },
    }),
  );
  const rows = () => store.getState().history.rows;
  const load = async () => {
    const loading = store.getState().loadHistory();
    await releaseAll(pending);
    await loading;
  };
  return { store, pending, rows, load };
}

describe('History windows', () => {
  it('loads the count and the first window, then only the windows in view, by offset', async () => {
    const h = history(1_000_000);
    const loading = h.store.getState().loadHistory();
    await tick();
    expect(h.pending.map((p) => p.input.offset)).toEqual([0]);
    await releaseAll(h.pending);
    await loading;
    expect(h.rows().total).toBe(1_000_000);
    expect(rowAt(h.rows(), 0)?.id).toBe(1_000_000);

    h.store.getState().showHistoryRows(999_950, 999_999);
    expect(h.pending.map((p) => [p.input.offset, p.input.limit])).toEqual([[999_900, HISTORY_WINDOW]]);
    // Its page shows as loading until the answer comes: the rows read "Loading…".
    expect(held(h.rows(), 'loading')).toEqual([9_999]);
    expect(rowAt(h.rows(), 999_999)).toBeUndefined();
    await releaseAll(h.pending);
    expect(rowAt(h.rows(), 999_999)?.id).toBe(1);
  });

  it('keeps at most three windows in flight and fetches for where the view is now', async () => {
    const h = history(100_000);
    await h.load();
    h.store.getState().showHistoryRows(0, 2_000); // 21 windows wanted, one already held
    expect(h.pending).toHaveLength(3);
    // The viewport moves on before any answer: the next requests are for where it is now.
    h.store.getState().showHistoryRows(50_000, 50_040);
    h.pending.splice(0).forEach((p) => p.release());
    await tick();
    expect(h.pending.map((p) => p.input.offset)).toEqual([50_000]);
    await releaseAll(h.pending);
    expect(held(h.rows())).toEqual([0, 1, 2, 3, 500]);
  });

  it('drops an answer meant for the previous filter', async () => {
    const h = history(10_000);
    await h.load();
    h.store.getState().showHistoryRows(5_000, 5_020);
    const stale = h.pending.splice(0);
    expect(stale.map((p) => p.input.offset)).toEqual([5_000]);
    const second = h.store.getState().applyHistoryFilter({ agentUpn: 'someone@contoso.com' });
    await releaseAll(h.pending);
    await second;
    // The old filter's window comes after the new filter's rows are on screen: it must not join them.
    stale.forEach((p) => p.release());
    await tick();
    expect(held(h.rows())).toEqual([0]);
    expect(h.rows().key).toBe(JSON.stringify({ agentUpn: 'someone@contoso.com' }));
  });

  it(`holds at most ${HISTORY_WINDOWS_KEPT} windows, keeping those nearest the view`, async () => {
    const h = history(1_000_000);
    await h.load();
    for (let w = 1; w <= 60; w++) {
      h.store.getState().showHistoryRows(w * HISTORY_WINDOW, w * HISTORY_WINDOW + 20);
      await releaseAll(h.pending);
    }
    const pages = held(h.rows());
    expect(pages).toHaveLength(HISTORY_WINDOWS_KEPT);
    expect(pages).toContain(60);
    expect(pages).not.toContain(0);
  });

  it('keeps the rows shown after a failed window, asks again only on Retry', async () => {
    const failing = new Set([3_000]);
    const h = history(10_000, failing);
    await h.load();
    h.store.getState().showHistoryRows(2_950, 3_050);
    await releaseAll(h.pending);
    expect(rowsError(h.rows())).toEqual({ code: 'internal', message: 'disk full' });
    expect(held(h.rows())).toEqual([0, 29]);
    expect(held(h.rows(), 'error')).toEqual([30]);
    h.store.getState().showHistoryRows(2_960, 3_060);
    expect(h.pending).toHaveLength(0); // no retry storm while the error shows
    failing.clear();
    h.store.getState().retryHistoryWindows();
    expect(h.pending.map((p) => p.input.offset)).toEqual([3_000]);
    await releaseAll(h.pending);
    expect(rowsError(h.rows())).toBeNull();
    expect(rowAt(h.rows(), 3_000)?.id).toBe(7_000);
  });
});

function user(i: number, query: string): RegistrationRow {
  return {
    userId: `${query}-${i}`,
    userPrincipalName: `user${i}@contoso.com`,
    displayName: `User ${i}`,
    department: query,
  } as RegistrationRow;
}

/** A snapshot whose every query matches `total` users; list answers wait until released. */
function registration(total: number) {
  const pending: Pending<RegistrationListRequest>[] = [];
  const store = createResetlineStore(
    fakeApi({
      registration: {
        list: (input) =>
          new Promise<Result<RegistrationPage>>((resolve) => {
            const offset = input.offset ?? 0;
            const limit = input.limit ?? 100;
            const length = Math.max(0, Math.min(limit, total - offset));
            const tag = input.query.search ?? 'all';
            const rows = Array.from({ length }, (_, i) => user(offset + i, tag));
            pending.push({ input, release: () => resolve(ok({ snapshot: null, total, offset, rows })) });
          }),
      },
    }),
  );
  const rows = () => store.getState().registration.rows;
  return { store, pending, rows };
}

describe('Registration windows', () => {
  it('takes the first window with the total, then fetches the windows around the rows in view', async () => {
    const r = registration(100_000);
    const loading = r.store.getState().loadRegistrationList();
    await releaseAll(r.pending);
    await loading;
    expect(r.rows().total).toBe(100_000);
    expect(held(r.rows())).toEqual([0]);
    r.store.getState().showRegistrationRows(54_990, 55_010);
    expect(r.pending.map((p) => [p.input.offset, p.input.limit])).toEqual([
      [54_900, REGISTRATION_WINDOW],
      [55_000, REGISTRATION_WINDOW],
    ]);
    await releaseAll(r.pending);
    expect(rowAt(r.rows(), 55_005)?.userId).toBe('all-55005');
  });

  it('keeps the old rows until the new query answers, and drops the old query’s late windows', async () => {
    const r = registration(10_000);
    const first = r.store.getState().loadRegistrationList();
    await releaseAll(r.pending);
    await first;
    r.store.getState().showRegistrationRows(5_000, 5_010);
    const stale = r.pending.splice(0);
    const second = r.store.getState().setRegistrationQuery({ search: 'jensen' });
    await tick();
    // Until the new query's first window comes, the table still shows the old rows.
    expect(rowAt(r.rows(), 0)?.userId).toBe('all-0');
    r.pending.splice(0).forEach((p) => p.release());
    await second;
    expect(rowAt(r.rows(), 0)?.userId).toBe('jensen-0');
    stale.forEach((p) => p.release());
    await tick();
    expect(held(r.rows())).toEqual([0]);
    expect(rowAt(r.rows(), 5_000)).toBeUndefined();
    // The windows asked now answer the new query.
    r.store.getState().showRegistrationRows(5_000, 5_010);
    expect(r.pending.map((p) => p.input.query.search)).toEqual(['jensen']);
    await releaseAll(r.pending);
    expect(rowAt(r.rows(), 5_000)?.userId).toBe('jensen-5000');
  });

  it(`holds at most ${REGISTRATION_WINDOWS_KEPT} windows`, async () => {
    const r = registration(100_000);
    const loading = r.store.getState().loadRegistrationList();
    await releaseAll(r.pending);
    await loading;
    for (let w = 1; w <= REGISTRATION_WINDOWS_KEPT + 20; w++) {
      r.store.getState().showRegistrationRows(w * REGISTRATION_WINDOW, w * REGISTRATION_WINDOW + 10);
      await releaseAll(r.pending);
    }
    const pages = held(r.rows());
    expect(pages).toHaveLength(REGISTRATION_WINDOWS_KEPT);
    expect(pages).toContain(REGISTRATION_WINDOWS_KEPT + 20);
    expect(pages).not.toContain(0);
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
