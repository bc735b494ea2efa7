// A short headline per error code, so the agent sees at a glance what kind of failure it is; the
// message from main (what to do about it) follows. Exhaustive: a new code must get a headline.
import { assertNever, type ErrorCode } from '../../../shared/result';

export function errorTitle(code: ErrorCode, doing: string): string {
  switch (code) {
    case 'throttled':
      return 'Microsoft Graph is busy, retrying did not help — try again in a minute';
    case 'network':
      return 'Microsoft Graph could not be reached';
    case 'insufficient_role':
    case 'not_allowed':
      return 'Your directory role does not allow this';
    case 'consent_required':
      return 'Resetline is missing a Microsoft Graph permission';
    case 'licence_required':
      return 'The tenant needs a Microsoft Entra ID P1 or P2 licence for this';
    case 'signed_out':
      return 'Your sign-in has ended';
    case 'not_found':
      return 'Not found';
    case 'graph_error':
      return 'Microsoft Graph refused the request';
    case 'unavailable':
      return 'Resetline itself could not be reached';
    case 'audit_unavailable':
      return 'The audit trail could not be written, so nothing was changed';
    case 'invalid_input':
    case 'unknown_channel':
    case 'unauthorized':
    case 'forbidden':
    case 'database_from_future':
    case 'audit_chain_broken':
    case 'sign_in_failed':
    case 'password_policy':
    case 'writeback_unavailable':
    case 'tap_policy':
    case 'outcome_unknown':
    case 'verification_required':
    case 'challenge_locked':
    case 'challenge_expired':
    case 'resend_too_soon':
    case 'call_not_found':
    case 'secret_gone':
    case 'sms_unavailable':
    case 'not_in_cloud':
    case 'internal':
      return `Could not ${doing}`;
    default:
      return assertNever(code, 'error code');
  }
}

/**
 * Whether sending the same request again could succeed. An input Resetline refused (invalid_input)
 * or a channel it does not know is refused the same way every time: the notice offers no "Try again"
 * then, the agent changes what they typed instead.
 */
export function retryCanHelp(code: ErrorCode): boolean {
  return code !== 'invalid_input' && code !== 'unknown_channel';
}
