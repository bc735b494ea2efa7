// The audit trail comes before the change: with SQLite's write lock held by another connection to the
// same file (as another process would), a reset sends nothing to Microsoft when its intent cannot be
// recorded; and when only the outcome row is blocked, the change is kept, the agent still gets the
// secret, the summary says the record waits, and the row lands once the lock is released.
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditPage } from '../../../src/shared/audit';
import type { RunSummary } from '../../../src/shared/caller';
import type { DemoUser } from '../../../src/demo-tenant/model-types';
import { setVerificationPolicy } from '../../../src/main/core/settings/settings';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import {
  createCallerHarness,
  expectNoSecrets,
  openVerified,
  SHORT_WINDOWS,
  testPolicy,
  type CallerHarness,
} from '../../support/callerHarness';

/** Each test waits out SQLite's busy_timeout at least once, on top of the reset itself. */
const LOCKED_TEST_MS = 60_000;

let t: TestTenant;
let h: CallerHarness;
/** Set by a test to act when a Graph request leaves (the harness's onGraphRequest seam). */
let onRequest: ((method: string, url: string) => void) | null = null;

beforeAll(async () => {
  t = await startTestTenant({ users: 50, knobs: SHORT_WINDOWS });
  // An Authentication Administrator may read the reset's operation: for a cloud user the run waits for
  // Microsoft's verdict (reset/service.ts CLOUD_CONFIRM_MS).
  h = await createCallerHarness(t, 'authentication-admin', {
    onGraphRequest: (method, url) => onRequest?.(method, url),
  });
  // The app waits 5 s for a busy database; 1 s here keeps the test short and, since this process (and
  // the in-process demo tenant) is blocked while SQLite waits, keeps the tenant's keep-alive sockets
  // (closed after 5 s idle) from racing the next token request. The behaviour is the same: busy, refused.
  h.store.db.pragma('busy_timeout = 1000');
  setVerificationPolicy(h.store.db, testPolicy(1));
});
afterAll(async () => {
  h?.dispose();
  await t?.close();
});

const alex = (): DemoUser => t.tenant.directory.findUserByUpn('alex.cloud@contoso.com')!;

/** Another connection to the same file taking SQLite's write lock, as another process would. */
function takeWriteLock(): { release: () => void } {
  const other = new BetterSqlite3(h.store.file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

/** Requests that change something (a $batch only reads here: the agent's profile and roles). */
const writes = (from: number) => h.requests.slice(from).filter((r) => r.method !== 'GET' && !r.url.includes('$batch'));

async function eventsOf(callId: string): Promise<AuditEvent[]> {
  const page = await h.call<AuditPage>('audit:list', { limit: 500 });
  return page.events.filter((e) => e.callId === callId).sort((a, b) => a.id - b.id);
}

describe('the audit trail before a Graph write', () => {
  it(
    'sends nothing to Microsoft when the intent cannot be recorded, and says so plainly',
    async () => {
      const { callId } = await openVerified(h, alex(), 'email');
      const passwordBefore = alex().password;
      const sessionsBefore = alex().signInSessionsValidFromDateTime;
      const from = h.requests.length;
      const lock = takeWriteLock();
      let run: RunSummary;
      try {
        run = await h.call<RunSummary>('reset:run', {
          callId,
          actions: [{ kind: 'resetPassword' }, { kind: 'revokeSessions' }],
        });
      } finally {
        lock.release();
      }
      expect(run.results).toEqual([
        expect.objectContaining({
          kind: 'resetPassword',
          status: 'failed',
          errorCode: 'audit_unavailable',
          audit: 'not-recorded',
          message: expect.stringMatching(
            /^Resetline could not record this action in its audit trail, so it did not change anything\./,
          ),
        }),
        expect.objectContaining({ kind: 'revokeSessions', status: 'not-run' }),
      ]);
      expect(run.results[0]!.secretId).toBeUndefined();
      expect(writes(from)).toEqual([]);
      expect(alex().password).toBe(passwordBefore);
      expect(alex().signInSessionsValidFromDateTime).toBe(sessionsBefore);

      // Once the database is free again the same call resets normally, intent first.
      const again = await h.call<RunSummary>('reset:run', { callId, actions: [{ kind: 'resetPassword' }] });
      expect(again.results[0]).toMatchObject({ status: 'done', audit: 'recorded' });
      expect(again.auditPending).toBe(0);
      const shown = await h.call<{ value: string }>('reset:reveal-secret', {
        callId,
        secretId: again.results[0]!.secretId!,
      });
      expect(t.tenant.directory.checkPassword(alex().id, shown.value)).toBe(true);
      await h.call('call:close', { callId, outcome: 'resolved' });
      const actions = (await eventsOf(callId)).map((e) => `${e.action}:${e.outcome}`);
      expect(actions.slice(-4)).toEqual([
        'reset.requested:info',
        'reset.password:success',
        'handover.shown:success',
        'call.closed:success',
      ]);
      expect(actions.filter((a) => a.startsWith('reset.'))).toEqual(['reset.requested:info', 'reset.password:success']);
    },
    LOCKED_TEST_MS,
  );

  it(
    'keeps the change and the secret when only the outcome row is blocked, and writes it once the lock goes',
    async () => {
      const { callId, code } = await openVerified(h, alex(), 'email');
      let lock: { release: () => void } | null = null;
      // The seam: the lock is taken as the reset request leaves, after its intent row was written.
      onRequest = (method, url) => {
        if (method === 'POST' && url.includes('/resetPassword') && !lock) lock = takeWriteLock();
      };
      let value: string;
      try {
        const run = await h.call<RunSummary>('reset:run', { callId, actions: [{ kind: 'resetPassword' }] });
        expect(lock).not.toBeNull();
        // Graph succeeded; the audit record of it waits: two different states.
        expect(run.results[0]).toMatchObject({ kind: 'resetPassword', status: 'done', audit: 'pending' });
        expect(run.results[0]!.errorCode).toBeUndefined();
        expect(run.auditPending).toBeGreaterThanOrEqual(1);
        // The intent is in the trail (WAL readers are not blocked); the outcome is not yet.
        const during = await eventsOf(callId);
        expect(during.at(-1)).toMatchObject({
          action: 'reset.requested',
          outcome: 'info',
          detail: { action: 'reset.password' },
        });
        // The agent can still hand the password over, with the lock still held.
        const shown = await h.call<{ value: string }>('reset:reveal-secret', {
          callId,
          secretId: run.results[0]!.secretId!,
        });
        value = shown.value;
        expect(t.tenant.directory.checkPassword(alex().id, value)).toBe(true);
      } finally {
        onRequest = null;
        (lock as { release: () => void } | null)?.release();
      }
      // Released: the background retry writes what waited, without waiting for the call to close.
      let landed = false;
      for (let i = 0; i < 100 && !landed; i++) {
        await new Promise((r) => setTimeout(r, 100));
        landed = (await eventsOf(callId)).some((e) => e.action === 'handover.shown');
      }
      expect(landed).toBe(true);
      await h.call('call:close', { callId, outcome: 'resolved' });
      const events = await eventsOf(callId);
      const tail = events.slice(-4);
      expect(tail.map((e) => `${e.action}:${e.outcome}`)).toEqual([
        'reset.requested:info',
        'reset.password:success',
        'handover.shown:success',
        'call.closed:success',
      ]);
      expect(tail[1]!.detail).toMatchObject({ recordedLate: true });
      // The late row keeps the time the reset happened, not the time it could be written.
      expect(Date.parse(tail[1]!.occurredAt)).toBeLessThanOrEqual(Date.parse(tail[3]!.occurredAt));
      expectNoSecrets(h, [value, code]);
      expect(h.logs.join('\n')).toMatch(/audit row could not be written; kept to retry/);
      expect(h.logs.join('\n')).toMatch(/waiting audit rows written/);
    },
    LOCKED_TEST_MS,
  );
});
