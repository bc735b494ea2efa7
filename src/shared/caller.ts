// The caller flow over the contract: open a call, verify the caller, act, hand the secret over,
// close. Inputs are zod schemas (main parses them first); views carry no secret except the one
// show-once value `reset:reveal-secret` returns.
import { z } from 'zod';
import { CALL_OUTCOMES, VERIFICATION_TYPES, type VerificationType } from './audit';
import type { CallerCard } from './users';

const Id = z.string().trim().min(1).max(200);
const CallId = z.uuid();

// ---- eligibility (the guard's answer, shown before any Graph call) -----------------------------

export const GUARDED_ACTIONS = [
  'resetPassword',
  'issueTap',
  'revokeSessions',
  'enableAccount',
  'requireMfaReregistration',
  'readMethods',
] as const;
export type GuardedAction = (typeof GUARDED_ACTIONS)[number];

export type Eligibility =
  | { allowed: true }
  /** `whoCan`: role names that could do it for this target (empty when no role can, e.g. the agent's own account). */
  | { allowed: false; reason: string; whoCan: string[] };

export type EligibilityMap = Record<GuardedAction, Eligibility>;

// ---- calls ----------------------------------------------------------------------------------

/**
 * `call:open` answers with the card's identity part, its methods and registration details pending
 * (`card.reportsPending`) until `call:get-methods` answers.
 */
export const CallOpenInput = z.object({ targetId: Id }).strict();
export const CallIdInput = z.object({ callId: CallId }).strict();

// How a call ended: one list, kept beside the audit trail that records it.
export { CALL_OUTCOMES, type CallOutcome } from './audit';

export const CallCloseInput = z
  .object({
    callId: CallId,
    ticketRef: z.string().trim().max(100).optional(),
    /** "self-service": the caller will reset the password themselves (SSPR); recorded as a deflection. */
    outcome: z.enum(CALL_OUTCOMES),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict();

/** A place a code can be sent, masked; `id` is what `verify:start-challenge` takes. */
export interface VerificationOption {
  id: string;
  type: VerificationType;
  label: string;
  /** Where the address came from: the registered authentication method, or the user's profile. */
  source: 'authentication-method' | 'profile' | 'manager' | 'directory';
}

/** The caller is locked after too many wrong codes or answers, across calls and agents on this install. */
export interface VerificationLock {
  /** Wrong codes and answers in the window that locked it. */
  failures: number;
  lastFailureAt: string;
  lockedUntil: string;
}

export interface VerificationState {
  required: number;
  /** Why `required` is what it is (e.g. "admin targets always need two checks"). */
  requiredReason: string;
  passed: VerificationType[];
  failed: VerificationType[];
  /** At least `required` passed types, one of them not knowledge, and the caller not locked. */
  met: boolean;
  options: VerificationOption[];
  /** Set while the caller is locked: nothing verifies them until `lockedUntil`. */
  lockout: VerificationLock | null;
}

export interface CallView {
  callId: string;
  openedAt: string;
  card: CallerCard;
  eligibility: EligibilityMap;
  verification: VerificationState;
  /**
   * The caller could reset the password themselves (SSPR-capable): offer the deflection. null when
   * the registration report is not readable (licence, or the agent's role: Helpdesk cannot read it).
   */
  selfServiceCapable: boolean | null;
  /** The verification policy asks for a ticket reference to close the call (except as abandoned). */
  ticketRequired: boolean;
}

/** What main and the Close step say when the policy wants a ticket reference and none was typed. */
export const TICKET_REQUIRED_MESSAGE =
  'Type the ticket reference: the verification policy asks for one to close a call (except as abandoned).';

export interface CallClosedView {
  callId: string;
  /** The call.closed row; null for a caller only looked at and closed as abandoned (nothing is recorded). */
  auditEventId: number | null;
}

/** A call main still holds for the signed-in agent (`call:list-open`): a reloaded window offers it back. */
export interface OpenCallSummary {
  callId: string;
  openedAt: string;
  targetId: string;
  displayName: string;
  userPrincipalName: string;
  /** Checks the call needs and how many passed. */
  required: number;
  passed: number;
  /** Codes sent to the caller in this call. */
  codesSent: number;
  /** Actions run in this call. */
  actionsDone: number;
}

// ---- challenges ----------------------------------------------------------------------------

export const VerifyStartInput = z
  .object({
    callId: CallId,
    type: z.enum(VERIFICATION_TYPES),
    /** A `VerificationOption.id` (sms, email, manager); knowledge needs none. */
    optionId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const VerifyCheckCodeInput = z
  .object({
    callId: CallId,
    challengeId: z.uuid(),
    code: z
      .string()
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\d{6,8}$/, 'A code is 6 to 8 digits.')),
  })
  .strict();

export const VerifyAnswerInput = z
  .object({
    callId: CallId,
    challengeId: z.uuid(),
    questionId: z.string().min(1).max(40),
    answer: z.string().max(200),
  })
  .strict();

export type ChallengeStatus = 'open' | 'passed' | 'failed' | 'locked' | 'expired';

export interface ChallengeView {
  challengeId: string;
  type: VerificationType;
  status: ChallengeStatus;
  /** Masked destination ("Mobile ••• ••• 34"); null for knowledge checks. */
  destination: string | null;
  expiresAt: string | null;
  attemptsLeft: number;
  /** When a new code may be sent (resend cool-down); null for knowledge checks. */
  canResendAt: string | null;
  /** Knowledge checks: the question to ask now (the answer never leaves main). */
  question: { id: string; text: string } | null;
  /** Knowledge checks: correct answers needed and given so far. */
  progress: { needed: number; correct: number; asked: number } | null;
}

export interface ChallengeAnswer {
  result: 'passed' | 'incorrect' | 'correct-continue' | 'locked' | 'failed';
  challenge: ChallengeView;
  verification: VerificationState;
}

// ---- actions --------------------------------------------------------------------------------

export const ResetActionInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('resetPassword'),
      /** Omit for a generated passphrase; or the agent's own, checked for strength first. */
      password: z.string().min(1).max(256).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('issueTap'),
      lifetimeInMinutes: z.number().int().min(10).max(43200).optional(),
      isUsableOnce: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('revokeSessions') }).strict(),
  z.object({ kind: z.literal('enableAccount') }).strict(),
  z
    .object({
      kind: z.literal('requireMfaReregistration'),
      /** Deleting every non-password method is not undoable: the agent confirms it explicitly. */
      confirm: z.literal(true),
    })
    .strict(),
]);
export type ResetActionRequest = z.output<typeof ResetActionInput>;
export type ResetActionKind = ResetActionRequest['kind'];

export const ResetRunInput = z
  .object({
    callId: CallId,
    actions: z
      .array(ResetActionInput)
      .min(1)
      .max(5)
      .refine((a) => new Set(a.map((x) => x.kind)).size === a.length, { message: 'Each action at most once.' }),
  })
  .strict();

export interface ActionResult {
  kind: ResetActionKind;
  status: 'done' | 'pending' | 'failed' | 'not-run';
  message: string;
  errorCode?: string;
  /** A show-once secret (password, TAP) waiting in main's vault for `reset:reveal-secret` / `reset:send-secret`. */
  secretId?: string;
  /** TAP: when it stops working, in minutes from issue, and whether it works once only. */
  tap?: { lifetimeInMinutes: number; isUsableOnce: boolean };
  /** Pending only: the `password-writeback` job following it to its end (`jobs:get`, `jobs:progress`). */
  jobId?: string;
  /**
   * The audit trail's side, apart from Graph's: `recorded` (what happened is in the trail), `pending`
   * (it happened but its record could not be written yet; Resetline keeps it and writes it as soon as
   * it can), `not-recorded` (the intent could not be recorded, so nothing was sent to Microsoft).
   */
  audit?: ActionAuditState;
}

export type ActionAuditState = 'recorded' | 'pending' | 'not-recorded';

export interface RunSummary {
  results: ActionResult[];
  /** Every requested action done (pending counts as not finished). */
  complete: boolean;
  /** Records of these actions still waiting to be written to the audit trail (0 when all are in). */
  auditPending?: number;
}

/**
 * Entra's password length (docs/identity/authentication/concept-password-ban-bad-combined-policy.md in
 * MicrosoftDocs/entra-docs). The field takes more so that a longer paste is told "too long", not cut.
 */
export const PASSWORD_LENGTH = { min: 8, max: 256, field: 512 } as const;
/** The caller's name and user name are passed by call: main reads them from the open call. */
export const PasswordCheckInput = z
  .object({ callId: CallId, password: z.string().min(1).max(PASSWORD_LENGTH.field) })
  .strict();
export const PASSWORD_RULES = [
  'too-short',
  'too-long',
  'characters',
  'classes',
  'edge-space',
  'personal',
  'guessable',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];
export interface PasswordCheck {
  /** No rule failed. */
  acceptable: boolean;
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
  suggestions: string[];
  /** Each rule the password breaks, with a message for the agent; empty when acceptable. */
  failed: { rule: PasswordRule; message: string }[];
}

export const SecretInput = z.object({ callId: CallId, secretId: z.uuid() }).strict();
export const SendSecretInput = z.object({ callId: CallId, secretId: z.uuid(), via: z.enum(['sms', 'email']) }).strict();

export interface RevealedSecret {
  kind: 'password' | 'tap';
  value: string;
}

export interface SentSecret {
  via: 'sms' | 'email';
  destination: string;
}

// ---- demo outbox ----------------------------------------------------------------------------

export const OutboxListInput = z
  .object({ kind: z.enum(['mail', 'sms']).optional(), limit: z.number().int().min(1).max(200).default(50) })
  .strict();

export interface OutboxItem {
  id: string;
  kind: 'mail' | 'sms';
  to: string;
  from: string;
  subject: string | null;
  body: string;
  at: string;
}

export type { VerificationType };
