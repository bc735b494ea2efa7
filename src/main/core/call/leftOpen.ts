// Calls left open by a crash or a quit: open calls live only in memory (state.ts), so a call the
// audit trail shows as opened but never closed can no longer be finished. At the next start each is
// closed as abandoned, through the normal audit path, with the reason History shows.
import type Database from 'better-sqlite3';
import type { AuditVerification } from '../../../shared/audit';
import { appendAuditEvent } from '../audit';
import { createLogger } from '../log';

const log = createLogger('caller');

/** The reason on the call.closed row written at the next start (detail.reason, shown in History). */
export const LEFT_OPEN_REASON = 'Resetline closed before the call ended';

/** Each call.opened row without a call.closed row (by_action, then by_call for each). */
const SELECT_LEFT_OPEN = `
  SELECT o.call_id, o.occurred_at, o.agent_upn, o.agent_id, o.target_id, o.target_upn, o.target_name, o.tenant,
    (SELECT l.verification FROM audit_events l WHERE l.call_id = o.call_id AND l.verification IS NOT NULL
      ORDER BY l.id DESC LIMIT 1) AS verification
  FROM audit_events o
  WHERE o.action = 'call.opened' AND o.call_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM audit_events c WHERE c.call_id = o.call_id AND c.action = 'call.closed')
  ORDER BY o.id`;

interface LeftOpenRow {
  call_id: string;
  occurred_at: number;
  agent_upn: string;
  agent_id: string | null;
  target_id: string | null;
  target_upn: string | null;
  target_name: string | null;
  tenant: string | null;
  verification: string | null;
}

function verificationOf(text: string | null): AuditVerification | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as AuditVerification;
  } catch {
    return null;
  }
}

/**
 * Closes, as abandoned, every call the trail shows opened and never closed. Run once when a tenant's
 * data is opened, before any call can be open in this process. Returns how many it closed.
 */
export function closeCallsLeftOpen(db: Database.Database, now: number = Date.now()): number {
  const rows = db.prepare(SELECT_LEFT_OPEN).all() as LeftOpenRow[];
  for (const row of rows) {
    appendAuditEvent(db, {
      occurredAt: Math.max(now, row.occurred_at),
      callId: row.call_id,
      agentUpn: row.agent_upn,
      agentId: row.agent_id,
      targetId: row.target_id,
      targetUpn: row.target_upn,
      targetName: row.target_name,
      tenant: row.tenant,
      action: 'call.closed',
      outcome: 'info',
      verification: verificationOf(row.verification),
      detail: { outcome: 'abandoned', reason: LEFT_OPEN_REASON },
    });
  }
  if (rows.length > 0) log.warn('calls left open by the last run closed as abandoned', { calls: rows.length });
  return rows.length;
}
