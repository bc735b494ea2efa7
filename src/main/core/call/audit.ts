// The audit rows of a call: each stamped with the call, its agent and caller, and the verification
// summary. The row before a change is sent to Microsoft must be written or nothing is sent; the row
// saying what happened waits out a busy database (auditQueue.ts) rather than being lost.
import type Database from 'better-sqlite3';
import type { AuditAction, AuditDetail, AuditOutcome } from '../../../shared/audit';
import { ResetlineError } from '../../../shared/result';
import { appendAuditEvent, type AuditEventInput } from '../audit';
import { createLogger } from '../log';
import { PendingAuditRows } from './auditQueue';
import { callEventInput, recordCallEvent, type CallState } from './state';

const log = createLogger('caller');

/** Whether a row of what happened is in the audit trail yet, or waits to be written. */
export type AuditWrite = 'recorded' | 'pending';

export class CallAudit {
  /** Records of what already happened that could not be written yet: retried, in order. */
  readonly pending: PendingAuditRows;

  /** @param required how many checks the call needs now (verify/rules.ts), for the verification summary. */
  constructor(
    private readonly db: Database.Database,
    private readonly required: (call: CallState) => number,
  ) {
    this.pending = new PendingAuditRows(db);
  }

  /** Whether the call is in the audit trail (its 'call.opened' row written or waiting to be). */
  audited(call: CallState): boolean {
    return call.opening.recorded;
  }

  /**
   * The call's 'call.opened' row, stamped with the time the caller was opened, while it is not written
   * yet: a call becomes an audited call with its first audited event, never by being looked at.
   */
  private openingRow(call: CallState): AuditEventInput | null {
    if (call.opening.recorded) return null;
    return {
      ...callEventInput(call, this.required(call), {
        action: 'call.opened',
        outcome: 'info',
        detail: call.opening.detail,
      }),
      occurredAt: call.opening.at,
      verification: { required: this.required(call), passed: [], failed: [] },
    };
  }

  /** Writes a row now (throws when it cannot); returns its id. */
  record(
    call: CallState,
    action: AuditAction,
    outcome: AuditOutcome,
    detail?: AuditDetail,
    extra: { ticketRef?: string | null; notes?: string | null } = {},
  ): number {
    // Rows of what already happened go first, so the trail keeps its order where it can.
    this.pending.flush();
    const opening = this.openingRow(call);
    if (opening) {
      appendAuditEvent(this.db, opening);
      call.opening.recorded = true;
    }
    return recordCallEvent(this.db, call, this.required(call), {
      action,
      outcome,
      ...(detail ? { detail } : {}),
      ...extra,
    });
  }

  /**
   * The row written before a change is sent to Microsoft. When it cannot be written, nothing is sent:
   * throws audit_unavailable with a message for the agent.
   */
  recordIntent(call: CallState, action: 'reset.requested' | 'handover.requested', detail: AuditDetail): void {
    try {
      this.record(call, action, 'info', detail);
    } catch (error) {
      log.warn('intent not recorded; the change was not sent', { action, detail, error });
      throw new ResetlineError(
        'audit_unavailable',
        'Resetline could not record this action in its audit trail, so it did not change anything. Another program may be holding the audit database; wait a moment and try again. If it keeps happening, close other copies of Resetline and tell your administrator.',
      );
    }
  }

  /**
   * The row saying what happened. A busy database does not make it throw: the row is kept and written
   * as soon as the database lets it. Returns whether it is in the trail yet.
   */
  recordOutcome(call: CallState, action: AuditAction, outcome: AuditOutcome, detail?: AuditDetail): AuditWrite {
    const opening = this.openingRow(call);
    if (opening) {
      // Written now or queued ahead of the outcome: either way the trail will hold it first.
      this.pending.append(opening);
      call.opening.recorded = true;
    }
    const input = callEventInput(call, this.required(call), {
      action,
      outcome,
      ...(detail ? { detail } : {}),
    });
    return this.pending.append(input) ? 'recorded' : 'pending';
  }
}
