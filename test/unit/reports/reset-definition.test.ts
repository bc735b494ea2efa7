// One definition of a reset (RESET_DEFINITION in shared/audit.ts) behind every screen that counts
// them: Trends' figure and per-agent column (audit:get-stats), History's table filtered to the resets
// (audit:count / audit:list), and Self-service's helpdesk resets (sspr:get-stats) agree on the same trail,
// and TAPs, revocations, enabled accounts and accepted-but-unconfirmed resets are not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAuditEvents,
  auditStats,
  countAuditMatches,
  listAuditEvents,
  type AuditEventInput,
} from '../../../src/main/core/audit';
import { ssprStats } from '../../../src/main/core/reports/sspr';
import { isReset, RESET_DEFINITION, type AuditAction, type AuditOutcome } from '../../../src/shared/audit';
import { tempDb, type TempDb } from '../store/tempDb';

const D1 = Date.UTC(2026, 6, 1, 9);
const D2 = Date.UTC(2026, 6, 2, 9);
const M = 60_000;
const RANGE = { from: '2026-07-01T00:00:00.000Z', to: '2026-07-02T23:59:59.999Z' };

let t: TempDb;
function call(id: string, agentUpn: string, start: number, steps: [AuditAction, AuditOutcome][]): AuditEventInput[] {
  return steps.map(([action, outcome], i) => ({ occurredAt: start + i * M, callId: id, agentUpn, action, outcome }));
}

beforeAll(() => {
  t = tempDb();
  appendAuditEvents(t.db, [
    // A cloud reset plus a TAP and a revocation in the same call: one reset.
    ...call('a', 'ann@contoso.com', D1, [
      ['call.opened', 'info'],
      ['reset.requested', 'info'],
      ['reset.password', 'success'],
      ['reset.tap', 'success'],
      ['reset.revoke-sessions', 'success'],
      ['call.closed', 'success'],
    ]),
    // A synced reset accepted, then confirmed: one reset (the pending row is not one).
    ...call('b', 'ann@contoso.com', D1 + 60 * M, [
      ['call.opened', 'info'],
      ['reset.password', 'pending'],
      ['reset.password', 'success'],
      ['call.closed', 'success'],
    ]),
    // Accepted, never confirmed; a failed reset; an enabled account: no reset.
    ...call('c', 'bo@contoso.com', D2, [
      ['call.opened', 'info'],
      ['reset.password', 'pending'],
      ['reset.password', 'failure'],
      ['reset.enable-account', 'success'],
      ['reset.require-mfa-reregistration', 'success'],
      ['call.closed', 'info'],
    ]),
    ...call('d', 'bo@contoso.com', D2 + 30 * M, [
      ['call.opened', 'info'],
      ['reset.password', 'success'],
      ['call.closed', 'success'],
    ]),
  ]);
});
afterAll(() => t.dispose());

describe('what counts as a reset', () => {
  it('is a reset.password row Microsoft confirmed, and nothing else', () => {
    expect(RESET_DEFINITION).toEqual({ action: 'reset.password', outcome: 'success' });
    expect(isReset({ action: 'reset.password', outcome: 'success' })).toBe(true);
    expect(isReset({ action: 'reset.password', outcome: 'pending' })).toBe(false);
    expect(isReset({ action: 'reset.tap', outcome: 'success' })).toBe(false);
    expect(isReset({ action: 'reset.revoke-sessions', outcome: 'success' })).toBe(false);
  });

  it('gives the same count on Trends, in History and on Self-service', () => {
    const stats = auditStats(t.db, RANGE);
    const trends = stats.resetsPerDay.filter((r) => r.outcome === 'success').reduce((n, r) => n + r.count, 0);
    const perAgent = stats.perAgent.reduce((n, a) => n + a.resets, 0);
    const history = countAuditMatches(t.db, { ...RANGE, ...RESET_DEFINITION });
    const listed = listAuditEvents(t.db, { ...RANGE, ...RESET_DEFINITION }).events;
    const selfService = ssprStats(t.db, 'demo:any', RANGE).perDay.reduce((n, d) => n + d.helpdesk, 0);
    expect({ trends, perAgent, history, listed: listed.length, selfService }).toEqual({
      trends: 3,
      perAgent: 3,
      history: 3,
      listed: 3,
      selfService: 3,
    });
    expect(listed.every(isReset)).toBe(true);
  });

  it('agrees per day and per agent too', () => {
    const stats = auditStats(t.db, RANGE);
    const days = ssprStats(t.db, 'demo:any', RANGE).perDay.map((d) => [d.day, d.helpdesk]);
    expect(days).toEqual([
      ['2026-07-01', 2],
      ['2026-07-02', 1],
    ]);
    expect(stats.resetsPerDay.filter((r) => r.outcome === 'success').map((r) => [r.day, r.count])).toEqual(days);
    expect(stats.perAgent.map((a) => [a.agentUpn, a.resets])).toEqual([
      ['ann@contoso.com', 2],
      ['bo@contoso.com', 1],
    ]);
  });
});
