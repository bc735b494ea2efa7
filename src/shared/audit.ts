// Audit-trail types and input schemas shared by main (which owns the table) and the renderer (which reads it).
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'call.opened',
  'call.closed',
  'verify.challenge-sent',
  'verify.challenge-passed',
  'verify.challenge-failed',
  'verify.challenge-expired',
  'verify.challenge-locked',
  'reset.password',
  'reset.tap',
  'reset.revoke-sessions',
  'reset.enable-account',
  'reset.require-mfa-reregistration',
  /** Written before any Graph write: the write is refused when this cannot be recorded. */
  'reset.requested',
  'handover.shown',
  'handover.sent',
  /** Written before a secret is sent (mail through Graph, SMS): no record, no send. */
  'handover.requested',
  'deflect.self-service',
  'settings.changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'pending', 'refused', 'info'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * What counts as a reset, for every screen that counts them (History's Trends and table, Self-service):
 * one `reset.password` row with the outcome `success` — a password Microsoft confirmed it set. A synced
 * reset Microsoft accepted but has not confirmed (`pending`) counts once its `success` row follows; a
 * Temporary Access Pass, a session revocation, enabling an account or requiring MFA re-registration is
 * an action on the account, not a reset. docs/architecture.md, "What counts as a reset".
 */
export const RESET_DEFINITION = { action: 'reset.password', outcome: 'success' } as const satisfies {
  action: AuditAction;
  outcome: AuditOutcome;
};

/** Whether an audit row is a reset (RESET_DEFINITION). */
export function isReset(event: { action: AuditAction; outcome: AuditOutcome }): boolean {
  return event.action === RESET_DEFINITION.action && event.outcome === RESET_DEFINITION.outcome;
}

/**
 * How an agent closed a call, as the `call.closed` row's detail names it (`CALL_OUTCOMES` in caller.ts,
 * which imports this module; list.ts checks the two lists are the same).
 */
export const CALL_OUTCOMES = ['resolved', 'self-service', 'not-verified', 'escalated', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const VERIFICATION_TYPES = ['sms', 'email', 'manager', 'knowledge'] as const;
export type VerificationType = (typeof VERIFICATION_TYPES)[number];

export const VERIFICATION_RESULTS = ['passed', 'failed'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

export interface AuditVerification {
  required: number;
  passed: VerificationType[];
  failed: VerificationType[];
}

export interface AuditEvent {
  id: number;
  occurredAt: string; // ISO 8601, UTC
  callId: string | null;
  agentUpn: string;
  agentId: string | null;
  targetId: string | null;
  targetUpn: string | null;
  targetName: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  verification: AuditVerification | null;
  ticketRef: string | null;
  notes: string | null;
  detail: AuditDetail;
  /**
   * How the event's call was closed (its `call.closed` row), on `audit:list` rows: null while the call
   * is open, or for an event outside any call. Absent where not looked up (timelines, exports).
   */
  callOutcome?: CallOutcome | null;
}

/** Extra facts on an event: flat scalars only, and never a secret (main refuses secret-like keys). */
export type AuditDetail = Record<string, string | number | boolean | null>;

const isoDate = z.iso.datetime({ offset: true });

/** The filter fields History sends; shared by the page query and the count. */
const filterFields = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  agentUpn: z.string().trim().min(1).max(320).optional(),
  targetUpn: z.string().trim().min(1).max(320).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Events of calls closed with this outcome. */
  callOutcome: z.enum(CALL_OUTCOMES).optional(),
  /** Events whose verification summary names this check type… */
  verificationType: z.enum(VERIFICATION_TYPES).optional(),
  /** …as passed or as failed (needs verificationType). */
  verificationResult: z.enum(VERIFICATION_RESULTS).optional(),
  /** Words matched (as prefixes, all of them) against the ticket reference and the notes. */
  text: z.string().trim().min(1).max(200).optional(),
  /** Target display name or UPN starting with this, in any letter case. */
  target: z.string().trim().min(1).max(320).optional(),
};

type FilterFields = { [K in keyof typeof filterFields]?: z.output<(typeof filterFields)[K]> };
const resultNeedsType = (f: FilterFields) => f.verificationResult === undefined || f.verificationType !== undefined;
const rangeInOrder = (f: FilterFields) =>
  f.from === undefined || f.to === undefined || Date.parse(f.from) <= Date.parse(f.to);
const RESULT_NEEDS_TYPE = {
  message: 'Choose a verification type to filter by its result.',
  path: ['verificationResult'],
};
const RANGE_IN_ORDER = { message: 'The start date must not be after the end date.', path: ['from'] };

/** Rows past which an `offset` is refused: a jump that far is a keyset cursor's job. */
const MAX_AUDIT_OFFSET = 100_000_000;

export const AuditListInput = z
  .object({
    ...filterFields,
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().max(200).optional(),
    /**
     * Rows of the filter to skip, newest first: the virtualized table jumps straight to the window the
     * viewport shows. Mutually exclusive with cursor.
     */
    offset: z.number().int().min(0).max(MAX_AUDIT_OFFSET).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine(resultNeedsType, RESULT_NEEDS_TYPE)
  .refine(rangeInOrder, RANGE_IN_ORDER)
  .refine((f) => f.cursor === undefined || f.offset === undefined, {
    message: 'give a cursor or an offset, not both',
    path: ['offset'],
  });
/** `audit:count`: how many rows the filter matches (the table's total, sized before any row is fetched). */
export const AuditCountInput = z
  .object(filterFields)
  .strict()
  .refine(resultNeedsType, RESULT_NEEDS_TYPE)
  .refine(rangeInOrder, RANGE_IN_ORDER);

export interface AuditCount {
  total: number;
}
export type AuditListFilter = z.input<typeof AuditListInput>;

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

/** `audit:verify`: nothing (the quick check, from the last signed check on) or `{ full: true }` (every row). */
export const AuditVerifyInput = z.object({ full: z.boolean().optional() }).strict().optional();
export type AuditVerifyOptions = z.input<typeof AuditVerifyInput>;

/** A signed checkpoint of the chain's head, as verify names it. */
export interface AuditCheckpointRef {
  id: number;
  /** The row it vouches for (the trail's length when it was signed). */
  rowId: number;
  signedAt: string; // ISO 8601, UTC
}

/**
 * Whether this install's signed checkpoints protect the trail: 'active'; the signing key file is
 * gone ('key-missing') or cannot be opened ('key-unreadable'), so a rewrite of the whole trail would
 * go unnoticed; or the checkpoints were removed from the database ('checkpoints-missing').
 * Absent when the trail is not signed at all (a database opened outside the app).
 */
export type AuditSigningState = 'active' | 'key-missing' | 'key-unreadable' | 'checkpoints-missing';

interface AuditVerifyFacts {
  rowsChecked: number;
  /** The quick check only: every row in the trail (rowsChecked is then the rows after resumedFrom). */
  totalRows?: number;
  /** The quick check only: the signed check it started from; rows up to it were verified then. */
  resumedFrom?: AuditCheckpointRef;
  signing?: AuditSigningState;
}

export type AuditVerifyResult =
  | ({ intact: true } & AuditVerifyFacts)
  | ({
      intact: false;
      firstBrokenId: number;
      reason: string;
      /** The signed checkpoint the trail contradicts (a rewrite that relinked every row). */
      checkpoint?: AuditCheckpointRef;
    } & AuditVerifyFacts);
