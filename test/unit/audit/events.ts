// Sample audit events for tests: varied enough that each filter has something to narrow.
import type { AuditEventInput } from '../../../src/main/core/audit';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../src/shared/audit';

export const T0 = Date.UTC(2026, 0, 1);
export const MINUTE = 60_000;

export function sampleEvent(i: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    occurredAt: T0 + i * MINUTE,
    callId: `call-${Math.floor(i / 4)}`,
    agentUpn: `agent${i % 3}@contoso.com`,
    agentId: `agent-id-${i % 3}`,
    targetId: `user-id-${i % 5}`,
    targetUpn: `user${i % 5}@contoso.com`,
    targetName: `User ${i % 5}`,
    action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length] ?? 'call.opened',
    outcome: AUDIT_OUTCOMES[i % AUDIT_OUTCOMES.length] ?? 'info',
    verification: i % 2 === 0 ? { required: 2, passed: ['sms', 'email'], failed: [] } : null,
    ticketRef: i % 4 === 0 ? `INC${1000 + i}` : null,
    notes: i % 6 === 0 ? `note ${i}` : null,
    detail: i % 3 === 0 ? { attempt: i, channel: 'phone', escalated: false, graphRequestId: null } : {},
    ...overrides,
  };
}

export function sampleEvents(n: number): AuditEventInput[] {
  return Array.from({ length: n }, (_, i) => sampleEvent(i));
}
