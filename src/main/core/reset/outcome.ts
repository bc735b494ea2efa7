// The one outcome row of a password reset Microsoft settled (confirmed or failed), whichever follower
// saw the verdict: `reset:run` itself for a cloud user confirmed within seconds (service.ts
// `afterReset`), or the password-writeback job (writebackJob.ts `settle`). Both write the same row: what
// confirmed it or why it failed, and whether the agent typed the password.
import type { AuditWrite, CallAudit } from '../audit';
import type { CallState } from '../call/state';
import type { ResetOutcome } from '../graph/actions';
import { assertNever } from '../../../shared/result';

/** Microsoft's verdict on an accepted reset (not `pending`). */
export type SettledReset = Exclude<ResetOutcome, { status: 'pending' }>;

/** Records the settled reset's outcome row (kept to write later when the database is busy). */
export function recordSettledReset(
  audit: CallAudit<CallState>,
  call: CallState,
  outcome: SettledReset,
  typedByAgent: boolean,
): AuditWrite {
  switch (outcome.status) {
    case 'succeeded':
      return audit.recordOutcome(call, 'reset.password', 'success', {
        via: outcome.via,
        typedByAgent,
        forceChange: true,
        confirmedBy: outcome.confirmedBy,
      });
    case 'failed':
      return audit.recordOutcome(call, 'reset.password', 'failure', {
        via: outcome.via,
        typedByAgent,
        error: outcome.code,
      });
    default:
      return assertNever(outcome, 'reset outcome');
  }
}
