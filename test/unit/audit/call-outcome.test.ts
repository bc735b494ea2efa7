// History's "Call outcome" column and filter: each listed row carries how its call was closed (from
// the call's `call.closed` row), null while the call is open; the filter keeps the rows of calls closed
// that way, and the count and the export's query agree with the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, countAuditMatches, listAuditEvents } from '../../../src/main/core/audit';
import { AuditListInput } from '../../../src/shared/audit';
import { tempDb, type TempDb } from '../store/tempDb';

const T = Date.UTC(2026, 7, 1, 9);
let t: TempDb;

beforeAll(() => {
  t = tempDb();
  const close = (callId: string, at: number, outcome: string) => ({
    occurredAt: at,
    callId,
    agentUpn: 'ann@contoso.com',
    action: 'call.closed' as const,
    outcome: 'info' as const,
    detail: { outcome },
  });
  const open = (callId: string, at: number) => ({
    occurredAt: at,
    callId,
    agentUpn: 'ann@contoso.com',
    action: 'call.opened' as const,
    outcome: 'info' as const,
  });
  appendAuditEvents(t.db, [
    open('resolved-call', T),
    { ...open('resolved-call', T + 1), action: 'reset.password', outcome: 'success' },
    close('resolved-call', T + 2, 'resolved'),
    open('escalated-call', T + 10),
    close('escalated-call', T + 11, 'escalated'),
    open('open-call', T + 20),
    { occurredAt: T + 30, agentUpn: 'ann@contoso.com', action: 'settings.changed', outcome: 'success' },
  ]);
});
afterAll(() => t.dispose());

describe('call outcome', () => {
  it('is on every listed row of a closed call, null for an open call or no call', () => {
    const rows = listAuditEvents(t.db, {}).events.map((e) => [e.callId, e.action, e.callOutcome]);
    expect(rows).toEqual([
      [null, 'settings.changed', null],
      ['open-call', 'call.opened', null],
      ['escalated-call', 'call.closed', 'escalated'],
      ['escalated-call', 'call.opened', 'escalated'],
      ['resolved-call', 'call.closed', 'resolved'],
      ['resolved-call', 'reset.password', 'resolved'],
      ['resolved-call', 'call.opened', 'resolved'],
    ]);
  });

  it('filters to the calls closed that way, with the count agreeing', () => {
    const filter = { callOutcome: 'escalated' } as const;
    expect(listAuditEvents(t.db, filter).events.map((e) => e.callId)).toEqual(['escalated-call', 'escalated-call']);
    expect(countAuditMatches(t.db, filter)).toBe(2);
    expect(countAuditMatches(t.db, { callOutcome: 'abandoned' })).toBe(0);
    expect(
      listAuditEvents(t.db, { callOutcome: 'resolved', action: 'reset.password' }).events.map((e) => e.callId),
    ).toEqual(['resolved-call']);
  });

  it('shows a call’s outcome once it closes, though the page was read while it was open', () => {
    const before = listAuditEvents(t.db, {}).events.find((e) => e.callId === 'open-call');
    expect(before?.callOutcome).toBeNull();
    appendAuditEvents(t.db, [
      {
        occurredAt: T + 40,
        callId: 'open-call',
        agentUpn: 'ann@contoso.com',
        action: 'call.closed',
        outcome: 'info',
        detail: { outcome: 'abandoned' },
      },
    ]);
    const after = listAuditEvents(t.db, {}).events.filter((e) => e.callId === 'open-call');
    expect(after.map((e) => e.callOutcome)).toEqual(['abandoned', 'abandoned']);
  });

  it('accepts only the outcomes an agent can close a call with', () => {
    expect(AuditListInput.safeParse({ callOutcome: 'resolved' }).success).toBe(true);
    expect(AuditListInput.safeParse({ callOutcome: 'won' }).success).toBe(false);
  });
});
