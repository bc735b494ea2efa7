// The audit rows kept while SQLite's write lock is held by another connection: on a real file with a
// real second connection, a row that cannot be written waits (in order, with the time it happened),
// later rows queue behind it, and all land once the lock is gone; a row the audit module refuses is
// thrown at once instead of waiting.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAuditEvents, PendingAuditRows } from '../../../src/main/core/audit';
import { tempDb, type TempDb } from '../store/tempDb';

let store: TempDb;
let other: BetterSqlite3.Database;

beforeEach(() => {
  store = tempDb();
  // Short, so the test does not wait out the app's 5 s; the behaviour is the same.
  store.db.pragma('busy_timeout = 50');
  other = new BetterSqlite3(store.file);
});
afterEach(() => {
  other.close();
  store.dispose();
});

const row = (action: 'reset.password' | 'handover.shown', occurredAt?: number) => ({
  agentUpn: 'helpdesk@contoso.com',
  callId: 'call-1',
  action,
  outcome: 'success' as const,
  ...(occurredAt === undefined ? {} : { occurredAt }),
  detail: { via: 'resetPassword' },
});

const actions = () =>
  listAuditEvents(store.db, { limit: 50 })
    .events.sort((a, b) => a.id - b.id)
    .map((e) => e.action);

describe('PendingAuditRows', () => {
  it('writes at once when the database is free', () => {
    const q = new PendingAuditRows(store.db);
    expect(q.append(row('reset.password'))).toMatchObject({ id: expect.any(Number) });
    expect(q.size).toBe(0);
    expect(actions()).toEqual(['reset.password']);
  });

  it('keeps rows while another connection holds the write lock, in order, and writes them after', () => {
    const q = new PendingAuditRows(store.db);
    const happened = Date.now() - 60_000;
    other.exec('BEGIN IMMEDIATE');
    expect(q.append(row('reset.password', happened))).toBeNull();
    expect(q.append(row('handover.shown'))).toBeNull();
    expect(q.size).toBe(2);
    expect(q.flush()).toBe(false);
    other.exec('ROLLBACK');
    expect(q.flush()).toBe(true);
    expect(q.size).toBe(0);
    expect(actions()).toEqual(['reset.password', 'handover.shown']);
    const first = listAuditEvents(store.db, { limit: 50 }).events.find((e) => e.action === 'reset.password')!;
    expect(first.detail).toEqual({ via: 'resetPassword', recordedLate: true });
    expect(Date.parse(first.occurredAt)).toBe(happened);
  });

  it('writes what waits before a new row, so the trail keeps its order', () => {
    const q = new PendingAuditRows(store.db);
    other.exec('BEGIN IMMEDIATE');
    q.append(row('reset.password'));
    other.exec('ROLLBACK');
    expect(q.append(row('handover.shown'))).not.toBeNull();
    expect(actions()).toEqual(['reset.password', 'handover.shown']);
  });

  it('throws a row the audit module refuses instead of keeping it', () => {
    const q = new PendingAuditRows(store.db);
    expect(() => q.append({ ...row('reset.password'), detail: { newPassword: 'x' } })).toThrow();
    expect(q.size).toBe(0);
  });
});
