// What refuses a run before anything is asked of Graph: an action the guard did not allow, a
// verification policy not met, a reset still pending, a typed password too easy to guess.
import type { ResetActionRequest, VerificationState } from '../../../shared/caller';
import { ResetlineError } from '../../../shared/result';
import type { CallState } from '../call/state';
import { checkPassword } from './passphrase';

/** Everything that can be refused without asking Graph, in one place. */
export function precheck(call: CallState, actions: ResetActionRequest[], state: VerificationState): void {
  for (const a of actions) {
    const e = call.eligibility[a.kind];
    if (!e.allowed) {
      const who = e.whoCan.length > 0 ? ` ${e.whoCan.join(', ')} can.` : '';
      throw new ResetlineError('not_allowed', `${e.reason}${who}`);
    }
  }
  if (!state.met) {
    throw new ResetlineError(
      'verification_required',
      `Verify the caller first: ${state.passed.length} of ${state.required} checks passed. ${state.requiredReason}`,
    );
  }
  for (const a of actions) {
    if (a.kind === 'resetPassword' && call.pendingReset) {
      throw new ResetlineError(
        'not_allowed',
        'A password reset for this caller is still waiting for Microsoft to confirm it. Wait for it, or stop waiting, before resetting again.',
      );
    }
    if (a.kind === 'resetPassword' && a.password !== undefined) {
      const check = checkPassword(a.password, call.card.user);
      if (!check.acceptable) {
        throw new ResetlineError(
          'password_policy',
          `That password cannot be used. ${check.failed.map((f) => f.message).join(' ')}`,
        );
      }
    }
  }
}
