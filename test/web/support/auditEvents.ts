// A History row (and a Team History row: the same with its desk) as main answers them, for the store
// tests: a password reset by an agent, the fields the test names changed.
import type { AuditEvent } from '../../../src/shared/audit';
import type { TeamEvent } from '../../../src/shared/team';

export function auditEvent(id: number, changes: Partial<AuditEvent> = {}): AuditEvent {
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
    ...changes,
  } as AuditEvent;
}

/** Row `i` of a desk's forwarded trail, newest first (a minute apart from 2 March 2026). */
export function teamEvent(i: number, desk: string, changes: Partial<TeamEvent> = {}): TeamEvent {
  return {
    ...auditEvent(i, { occurredAt: new Date(Date.UTC(2026, 2, 2) - i * 60_000).toISOString() }),
    agentUpn: 'anna@contoso.com',
    desk,
    callOutcome: null,
    ...changes,
  };
}
