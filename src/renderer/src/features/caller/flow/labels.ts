// Words for the call flow's enums, kept in one place so every step names things the same way.
import type {
  ActionResult,
  CallOutcome,
  ChallengeStatus,
  GuardedAction,
  VerificationOption,
  VerificationType,
} from '../../../../../shared/caller';
import { assertNever } from '../../../../../shared/result';

export function verificationTypeLabel(type: VerificationType): string {
  switch (type) {
    case 'sms':
      return 'SMS code';
    case 'email':
      return 'Email code';
    case 'manager':
      return 'Manager code';
    case 'knowledge':
      return 'Knowledge questions';
    default:
      return assertNever(type, 'verification type');
  }
}

export function sourceLabel(source: VerificationOption['source']): string {
  switch (source) {
    case 'authentication-method':
      return 'registered method';
    case 'profile':
      return 'profile';
    case 'manager':
      return 'manager';
    case 'directory':
      return 'directory';
    default:
      return assertNever(source, 'option source');
  }
}

export function actionLabel(action: GuardedAction): string {
  switch (action) {
    case 'resetPassword':
      return 'Reset password';
    case 'issueTap':
      return 'Issue a Temporary Access Pass';
    case 'revokeSessions':
      return 'Sign out everywhere (revoke sessions)';
    case 'enableAccount':
      return 'Enable the account';
    case 'requireMfaReregistration':
      return 'Require MFA re-registration (deletes the other sign-in methods)';
    case 'readMethods':
      return 'Read sign-in methods';
    default:
      return assertNever(action, 'action');
  }
}

export function resultStatusLabel(status: ActionResult['status']): string {
  switch (status) {
    case 'done':
      return 'Done';
    case 'pending':
      return 'Accepted, not yet confirmed';
    case 'failed':
      return 'Failed';
    case 'not-run':
      return 'Not run';
    default:
      return assertNever(status, 'result status');
  }
}

export function challengeStatusLabel(status: ChallengeStatus): string {
  switch (status) {
    case 'open':
      return 'Waiting for the code';
    case 'passed':
      return 'Passed';
    case 'failed':
      return 'Failed';
    case 'locked':
      return 'Locked: too many wrong answers';
    case 'expired':
      return 'Expired: send a new code';
    default:
      return assertNever(status, 'challenge status');
  }
}

export function outcomeLabel(outcome: CallOutcome): string {
  switch (outcome) {
    case 'resolved':
      return 'Resolved';
    case 'self-service':
      return 'Caller will self-serve';
    case 'not-verified':
      return 'Caller could not be verified';
    case 'escalated':
      return 'Escalated';
    case 'abandoned':
      return 'Abandoned';
    default:
      return assertNever(outcome, 'call outcome');
  }
}

/** "1:05" — minutes and seconds left, never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The badge colour of a check's status: locked and failed in the danger red, passed green, waiting neutral. */
export function challengeStatusColor(status: ChallengeStatus): 'danger' | 'success' | 'warning' | 'informative' {
  switch (status) {
    case 'locked':
    case 'failed':
      return 'danger';
    case 'passed':
      return 'success';
    case 'expired':
      return 'warning';
    case 'open':
      return 'informative';
    default:
      return assertNever(status, 'challenge status');
  }
}
