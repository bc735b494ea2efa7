// Wording and colours for audit events; the Records are typed over the shared unions so a new action or
// outcome fails to compile until it has a label.
import type { BadgeProps } from '@fluentui/react-components';
import type {
  AuditAction,
  CallOutcome,
  AuditOutcome,
  AuditVerification,
  VerificationType,
} from '../../../../shared/audit';
import { verificationTypeLabel } from '../caller/flow/labels';

export const ACTION_LABELS: Record<AuditAction, string> = {
  'call.opened': 'Call opened',
  'call.closed': 'Call closed',
  'verify.challenge-sent': 'Challenge sent',
  'verify.challenge-passed': 'Challenge passed',
  'verify.challenge-failed': 'Challenge failed',
  'verify.challenge-expired': 'Challenge expired',
  'verify.challenge-locked': 'Challenge locked',
  'reset.password': 'Password reset',
  'reset.tap': 'Temporary Access Pass',
  'reset.revoke-sessions': 'Sessions revoked',
  'reset.enable-account': 'Account enabled',
  'reset.require-mfa-reregistration': 'MFA re-registration required',
  'reset.requested': 'Action requested',
  'handover.shown': 'Secret shown',
  'handover.sent': 'Secret sent',
  'handover.requested': 'Secret send requested',
  'deflect.self-service': 'Caller will self-serve',
  'settings.changed': 'Settings changed',
};

export const OUTCOME_BADGES: Record<AuditOutcome, { label: string; color: NonNullable<BadgeProps['color']> }> = {
  success: { label: 'Success', color: 'success' },
  failure: { label: 'Failure', color: 'danger' },
  pending: { label: 'Accepted, not yet confirmed', color: 'warning' },
  refused: { label: 'Refused', color: 'severe' },
  info: { label: 'Info', color: 'informative' },
};

/** How the agent closed the call (the `call.closed` row), as History's "Call outcome" column says it. */
export const CALL_OUTCOME_BADGES: Record<CallOutcome, { label: string; color: NonNullable<BadgeProps['color']> }> = {
  resolved: { label: 'Resolved', color: 'success' },
  'self-service': { label: 'Self-service', color: 'informative' },
  'not-verified': { label: 'Not verified', color: 'danger' },
  escalated: { label: 'Escalated', color: 'warning' },
  abandoned: { label: 'Abandoned', color: 'subtle' },
};

/** The same names the Caller screen gives each check (one wording in the app, in its case). */
export const VERIFICATION_LABELS: Record<VerificationType, string> = {
  sms: verificationTypeLabel('sms'),
  email: verificationTypeLabel('email'),
  manager: verificationTypeLabel('manager'),
  knowledge: verificationTypeLabel('knowledge'),
};

export function verificationSummary(verification: AuditVerification | null): string {
  if (verification === null) return '—';
  const passed = verification.passed.map((t) => VERIFICATION_LABELS[t]);
  const failed = verification.failed.map((t) => VERIFICATION_LABELS[t]);
  const parts = [
    `${passed.length} of ${verification.required} passed${passed.length > 0 ? ` (${passed.join(', ')})` : ''}`,
  ];
  if (failed.length > 0) parts.push(`failed: ${failed.join(', ')}`);
  return parts.join('; ');
}
