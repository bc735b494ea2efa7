// A password reset Microsoft accepted but has not confirmed (a synced user's writeback to on-premises
// AD) as a job of kind `password-writeback`: `reset:run` answers `pending` with the job's id at once, and
// the job follows the operation (graph/actions.ts `followReset`, at Graph's pacing) until it settles.
// Then, exactly once: the outcome row in the audit trail (after the intent row written before the POST),
// and the secret made ready for hand-over (success) or dropped (failure). Stopped (cancel, the call
// ended, no verdict in time), the write was already sent: the agent is told the outcome is unknown and
// the trail records a failure with error `outcome_unknown`; the password is never handed over.
// Jobs live in memory: if Resetline closes first, the trail keeps the intent without an outcome, the
// call is closed as left open at the next start (call/leftOpen.ts), and the password, held only in
// memory, is gone with it.
import type { PasswordJobResult } from '../../../shared/jobs';
import { assertNever, ResetlineError } from '../../../shared/result';
import type { CallerCore } from '../call/core';
import type { CallState } from '../call/state';
import { followReset, type AcceptedReset, type ResetOutcome } from '../graph/actions';
import { JobCancelledError, type JobKindDef, type JobWork } from '../jobs/types';
import { resetFailureMessage, WRITEBACK_WORDS } from './messages';
import { recordSettledReset } from './outcome';

/** How long a job follows an accepted reset before it gives up and says the outcome is unknown. */
export const WRITEBACK_FOLLOW_LIMIT_MS = 15 * 60_000;

/** What the job needs beyond `call.pendingReset`: kept beside it until a job takes it. */
interface Handoff {
  accepted: AcceptedReset;
  /** The agent typed the password (recorded with the outcome, as for a reset confirmed at once). */
  typed: boolean;
  taken: boolean;
}

const handoffs = new WeakMap<object, Handoff>();

/** Called by the reset service right after Microsoft accepted the reset and `call.pendingReset` was set. */
export function handOverPending(call: CallState, accepted: AcceptedReset, typed: boolean): void {
  if (!call.pendingReset) throw new ResetlineError('internal', 'No pending reset to follow.');
  handoffs.set(call.pendingReset, { accepted, typed, taken: false });
}

/** Why following stopped without Microsoft's verdict ('not-followed': no job could be started). */
export type Unsettled = 'stopped' | 'call-ended' | 'no-verdict' | 'unreadable' | 'not-followed';

/**
 * The reset is over for Resetline without a verdict: the trail records the unknown outcome once, the
 * password is dropped (it may or may not work), and a new reset is allowed again.
 */
export function giveUp(core: CallerCore, call: CallState, why: Unsettled): void {
  const pending = call.pendingReset;
  const typed = pending ? (handoffs.get(pending)?.typed ?? false) : false;
  if (pending) {
    call.vault.delete(pending.secretId);
    call.pendingReset = null;
  }
  core.audit.recordOutcome(call, 'reset.password', 'failure', {
    via: 'resetPassword',
    typedByAgent: typed,
    error: 'outcome_unknown',
    stopped: why,
  });
}

/** Records Microsoft's verdict once and answers the job's result (or throws its failure). */
function settle(core: CallerCore, call: CallState, outcome: ResetOutcome): PasswordJobResult {
  const pending = call.pendingReset;
  if (!pending) throw new ResetlineError('internal', 'The reset was settled already.');
  const typed = handoffs.get(pending)?.typed ?? false;
  call.pendingReset = null;
  switch (outcome.status) {
    case 'succeeded': {
      // Ready for hand-over, unless the call ended meanwhile (its vault is gone with it).
      const entry = call.vault.get(pending.secretId);
      if (entry) entry.state = 'ready';
      call.actionsDone.push('resetPassword');
      const audit = recordSettledReset(core.audit, call, outcome, typed);
      return { type: 'password', secretId: pending.secretId, message: WRITEBACK_WORDS.confirmed, audit };
    }
    case 'failed':
      // The password never took effect: it must not be handed over.
      call.vault.delete(pending.secretId);
      recordSettledReset(core.audit, call, outcome, typed);
      throw new ResetlineError(outcome.code, resetFailureMessage(outcome.code, outcome.detail));
    case 'pending':
      throw new ResetlineError('internal', 'The reset was settled while still pending.');
    default:
      return assertNever(outcome, 'reset outcome');
  }
}

/** Whether the call is still open for its agent (closed, or its agent signed out: not any more). */
function stillOpen(core: CallerCore, call: CallState): boolean {
  try {
    return core.calls.get(call.id) === call;
  } catch {
    return false;
  }
}

/** Follows the call's accepted reset: the job's work. */
function followPending(core: CallerCore, call: CallState, signal: AbortSignal): JobWork {
  const pending = call.pendingReset;
  const handoff = pending ? handoffs.get(pending) : undefined;
  if (!pending || !handoff || handoff.taken)
    throw new ResetlineError('not_found', 'No password reset is waiting for Microsoft in this call.');
  const client = core.session.graph();
  handoff.taken = true;
  // 0: accepted, 1: Microsoft is working on it (the operation says running), 2: settled.
  let step = 0;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let callEnded = false;
  const done = (async (): Promise<PasswordJobResult> => {
    let outcome: ResetOutcome;
    try {
      outcome = await followReset(client, handoff.accepted, {
        maxWaitMs: WRITEBACK_FOLLOW_LIMIT_MS,
        signal: stop.signal,
        onPending: (look) => {
          if (look.operation === 'running') step = 1;
          if (!stillOpen(core, call)) {
            callEnded = true;
            stop.abort();
          }
        },
      });
    } catch (error) {
      giveUp(core, call, 'unreadable');
      const why = error instanceof ResetlineError ? ` (${error.message})` : '';
      throw new ResetlineError('outcome_unknown', `${WRITEBACK_WORDS.unreadable}${why}`);
    } finally {
      signal.removeEventListener('abort', onAbort);
      step = 2;
    }
    if (outcome.status !== 'pending') return settle(core, call, outcome);
    if (signal.aborted) {
      giveUp(core, call, 'stopped');
      throw new JobCancelledError();
    }
    giveUp(core, call, callEnded ? 'call-ended' : 'no-verdict');
    throw new ResetlineError('outcome_unknown', callEnded ? WRITEBACK_WORDS.callEnded : WRITEBACK_WORDS.noVerdict);
  })();
  return { progress: () => ({ done: step, total: 2 }), done };
}

/**
 * The `password-writeback` kind: any signed-in agent, for a call of their own (the call registry answers
 * only the agent who opened it); one job per accepted reset, started by `reset:run`.
 */
export function passwordWritebackKind(core: CallerCore): JobKindDef<'password-writeback'> {
  return {
    noun: 'password reset',
    need: 'agent',
    start: ({ callId }, signal) => followPending(core, core.calls.get(callId), signal),
  };
}
