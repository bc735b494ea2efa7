// The audit rows of a call: each stamped with the call, its agent and caller, and the verification
// summary. The row before a change is sent to Microsoft must be written or nothing is sent; the row
// saying what happened waits out a busy database (pendingRows.ts) rather than being lost. The call is
// data here (`AuditedCall`: what its rows are stamped with); the services that act within a call
// (core/call, core/verify, core/reset) write through this, and this writes through `appendAuditEvent`.
import type Database from 'better-sqlite3';
import type { AuditAction, AuditDetail, AuditOutcome, VerificationType } from '../../../shared/audit';
import { ResetlineError } from '../../../shared/result';
import { createLogger } from '../log';
import { appendAuditEvent } from './append';
import { PendingAuditRows } from './pendingRows';
import type { AuditEventInput } from './rows';

const log = createLogger('caller');

/** Whether a row of what happened is in the audit trail yet, or waits to be written. */
export type AuditWrite = 'recorded' | 'pending';

/** What a call's rows are stamped with (core/call's `CallState` is one). */
export interface AuditedCall {
  readonly id: string;
  readonly agent: { readonly id: string; readonly userPrincipalName: string };
  readonly card: {
    readonly user: { readonly id: string; readonly userPrincipalName: string; readonly displayName: string };
  };
  /**
   * Viewing a caller is not a call in the audit trail yet: 'call.opened' (with this wall-clock time and
   * detail) is written just before the call's first audited event, and `recorded` set.
   */
  readonly opening: { at: number; detail: AuditDetail; recorded: boolean };
  readonly passed: ReadonlySet<VerificationType>;
  readonly failed: ReadonlySet<VerificationType>;
}

export interface CallEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  detail?: AuditDetail;
  ticketRef?: string | null;
  notes?: string | null;
}

/** The audit row for an event of this call, stamped now, as the audit module takes it. */
export function callEventInput(call: AuditedCall, required: number, event: CallEvent): AuditEventInput {
  return {
    occurredAt: Date.now(),
    callId: call.id,
    agentUpn: call.agent.userPrincipalName,
    agentId: call.agent.id,
    targetId: call.card.user.id,
    targetUpn: call.card.user.userPrincipalName,
    targetName: call.card.user.displayName,
    action: event.action,
    outcome: event.outcome,
    verification: { required, passed: [...call.passed], failed: [...call.failed] },
    ticketRef: event.ticketRef ?? null,
    notes: event.notes ?? null,
    ...(event.detail ? { detail: event.detail } : {}),
  };
}

/** The audit rows of the calls of one tenant's trail (`C`: the call as its services hold it). */
export class CallAudit<C extends AuditedCall = AuditedCall> {
  /** Records of what already happened that could not be written yet: retried, in order. */
  readonly pending: PendingAuditRows;

  /** @param required how many checks the call needs now (verify/rules.ts), for the verification summary. */
  constructor(
    private readonly db: Database.Database,
    private readonly required: (call: C) => number,
  ) {
    this.pending = new PendingAuditRows(db);
  }

  /** Whether the call is in the audit trail (its 'call.opened' row written or waiting to be). */
  audited(call: C): boolean {
    return call.opening.recorded;
  }

  /**
   * The call's 'call.opened' row, stamped with the time the caller was opened, while it is not written
   * yet: a call becomes an audited call with its first audited event, never by being looked at.
   */
  private openingRow(call: C): AuditEventInput | null {
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
    call: C,
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
    return appendAuditEvent(
      this.db,
      callEventInput(call, this.required(call), {
        action,
        outcome,
        ...(detail ? { detail } : {}),
        ...extra,
      }),
    ).id;
  }

  /**
   * The row written before a change is sent to Microsoft. When it cannot be written, nothing is sent:
   * throws audit_unavailable with a message for the agent.
   */
  recordIntent(call: C, action: 'reset.requested' | 'handover.requested', detail: AuditDetail): void {
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
  recordOutcome(call: C, action: AuditAction, outcome: AuditOutcome, detail?: AuditDetail): AuditWrite {
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
