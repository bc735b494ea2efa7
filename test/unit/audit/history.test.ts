// The call drawer's timeline and History's chart aggregates, against expectations worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAuditEvents,
  AUDIT_STATS_SQL,
  auditStats,
  getCallTimeline,
  type AuditEventInput,
} from '../../../src/main/core/audit';
import { AuditStatsInput } from '../../../src/shared/history';
import type { AuditAction, AuditOutcome, AuditVerification } from '../../../src/shared/audit';
import { tempDb, type TempDb } from '../store/tempDb';

const D1 = Date.UTC(2026, 2, 2, 9); // 2026-03-02 09:00Z
const D2 = Date.UTC(2026, 2, 3, 9);
const S = 1000;

let t: TempDb;
function call(
  id: string,
  agent: string,
  start: number,
  steps: [number, AuditAction, AuditOutcome, AuditVerification?][],
): AuditEventInput[] {
  return steps.map(([offset, action, outcome, verification]) => ({
    occurredAt: start + offset,
    callId: id,
    agentUpn: agent,
    targetUpn: `${id}@contoso.com`,
    action,
    outcome,
    verification: verification ?? null,
  }));
}

beforeAll(() => {
  t = tempDb();
  const v = (passed: AuditVerification['passed'], failed: AuditVerification['failed']) => ({
    required: 2,
    passed,
    failed,
  });
  // Appended interleaved, as concurrent calls would be: the timeline must still pick one call's rows.
  const a = call('A', 'agent1@contoso.com', D1, [
    [0, 'call.opened', 'info'],
    [10 * S, 'verify.challenge-failed', 'failure', v([], ['sms'])],
    [20 * S, 'verify.challenge-passed', 'success', v(['email'], ['sms'])],
    [40 * S, 'reset.password', 'success', v(['email', 'manager'], ['sms'])],
    [60 * S, 'handover.shown', 'success'],
    [90 * S, 'handover.sent', 'success'],
    [100 * S, 'call.closed', 'success', v(['email', 'manager'], ['sms'])],
  ]);
  const b = call('B', 'agent2@contoso.com', D1 + 30 * S, [
    [0, 'call.opened', 'info'],
    [10 * S, 'reset.tap', 'failure', v(['sms'], [])],
    [20 * S, 'call.closed', 'failure', v(['sms'], [])],
  ]);
  const c = call('C', 'Agent1@Contoso.com', D2, [
    [0, 'call.opened', 'info'],
    [30 * S, 'reset.password', 'success'],
    [40 * S, 'reset.revoke-sessions', 'success'],
    [120 * S, 'handover.shown', 'success'],
    [130 * S, 'call.closed', 'success', v(['sms', 'email'], [])],
  ]);
  const d = call('D', 'agent1@contoso.com', D2 + 3600 * S, [
    [0, 'call.opened', 'info'],
    [30 * S, 'handover.sent', 'success'],
    [50 * S, 'call.closed', 'success'],
  ]);
  const outside = call('E', 'agent1@contoso.com', Date.UTC(2026, 2, 10), [
    [0, 'call.opened', 'info'],
    [5 * S, 'reset.password', 'success'],
    [6 * S, 'handover.shown', 'success'],
    [7 * S, 'call.closed', 'success', v(['knowledge'], [])],
  ]);
  const merged = [...a, ...b, ...c, ...d, ...outside].sort(
    (x, y) => (x.occurredAt as number) - (y.occurredAt as number),
  );
  appendAuditEvents(t.db, merged);
});
afterAll(() => t.dispose());

const RANGE = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T23:59:59.999Z' };

describe('audit:get-call', () => {
  it('returns one call’s events, in the order they happened, and nothing else', () => {
    const timeline = getCallTimeline(t.db, 'A');
    expect(timeline.callId).toBe('A');
    expect(timeline.events.map((e) => e.action)).toEqual([
      'call.opened',
      'verify.challenge-failed',
      'verify.challenge-passed',
      'reset.password',
      'handover.shown',
      'handover.sent',
      'call.closed',
    ]);
    expect(new Set(timeline.events.map((e) => e.callId))).toEqual(new Set(['A']));
    expect(timeline.events.at(-1)?.verification).toEqual({
      required: 2,
      passed: ['email', 'manager'],
      failed: ['sms'],
    });
  });

  it('returns an empty timeline for a call it never saw', () => {
    expect(getCallTimeline(t.db, 'nope')).toEqual({ callId: 'nope', events: [] });
  });
});

describe('audit:get-stats', () => {
  it('computes resets per day, verification by type, volume per agent and time to hand-over', () => {
    expect(auditStats(t.db, RANGE)).toEqual({
      ...RANGE,
      // Password resets only: B's failed TAP and C's session revocation are not resets.
      resetsPerDay: [
        { day: '2026-03-02', outcome: 'success', count: 1 },
        { day: '2026-03-03', outcome: 'success', count: 1 },
      ],
      // Only each call's final summary (call.closed) counts, not the ones on earlier events.
      verificationByType: [
        { type: 'sms', passed: 2, failed: 1 },
        { type: 'email', passed: 2, failed: 0 },
        { type: 'manager', passed: 1, failed: 0 },
        { type: 'knowledge', passed: 0, failed: 0 },
      ],
      // UPNs group in any letter case, as Entra compares them.
      perAgent: [
        { agentUpn: 'agent1@contoso.com', calls: 3, resets: 2 },
        { agentUpn: 'agent2@contoso.com', calls: 1, resets: 0 },
      ],
      // A 60 s, C 120 s, D 30 s (B never handed over): nearest-rank median 60 s, p90 120 s.
      timeToHandover: { calls: 3, medianMs: 60 * S, p90Ms: 120 * S },
    });
  });

  it('narrows every aggregate to one agent', () => {
    expect(auditStats(t.db, { ...RANGE, agentUpn: 'AGENT2@contoso.com' })).toEqual({
      ...RANGE,
      resetsPerDay: [],
      verificationByType: [
        { type: 'sms', passed: 1, failed: 0 },
        { type: 'email', passed: 0, failed: 0 },
        { type: 'manager', passed: 0, failed: 0 },
        { type: 'knowledge', passed: 0, failed: 0 },
      ],
      perAgent: [{ agentUpn: 'agent2@contoso.com', calls: 1, resets: 0 }],
      timeToHandover: { calls: 0, medianMs: null, p90Ms: null },
    });
  });

  it('refuses a range that ends before it starts', () => {
    expect(AuditStatsInput.safeParse({ from: RANGE.to, to: RANGE.from }).success).toBe(false);
  });

  it.each(Object.entries(AUDIT_STATS_SQL))('reads %s through indexes only', (_name, sql) => {
    const n = (sql.match(/\?/g) ?? []).length;
    const steps = (
      t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<number>(n).fill(1)) as { detail: string }[]
    ).map((r) => r.detail);
    const reads = steps.filter((s) => /^(SEARCH|SCAN) (?!\(subquery|r$)/.test(s));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toMatch(/USING (COVERING INDEX|INDEX|PRIMARY KEY|INTEGER PRIMARY KEY)/);
  });
});
