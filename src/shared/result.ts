// The envelope every channel answers with, and the closed set of error codes the UI can switch on.

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_found',
  'unauthorized',
  'forbidden',
  'database_from_future',
  'audit_chain_broken',
  // Identity and Graph (core/auth, core/graph): each maps to a message an agent can act on.
  'signed_out',
  'sign_in_failed',
  'insufficient_role',
  'consent_required',
  'licence_required',
  'throttled',
  'password_policy',
  'writeback_unavailable',
  'tap_policy',
  'network',
  'outcome_unknown',
  'graph_error',
  // The caller flow (core/verify, core/reset): refused before anything reaches Graph.
  /** The call's verification policy is not met yet. */
  'verification_required',
  /** The agent's roles (or the target: self, guest) do not allow this action; the message says who can. */
  'not_allowed',
  /** Too many wrong answers: this challenge accepts nothing more; start another or end the call. */
  'challenge_locked',
  /** The code is older than its lifetime; send a new one. */
  'challenge_expired',
  /** A new code was asked for inside the resend cool-down. */
  'resend_too_soon',
  /** The call was closed (or never opened): its state and secrets are gone. */
  'call_not_found',
  /** The show-once secret was already shown (or dropped); it cannot be shown again. */
  'secret_gone',
  /** No SMS provider is configured (real tenant without an Azure Communication Services resource). */
  'sms_unavailable',
  /** The tenant's Microsoft Graph (national cloud) has no API for this; nothing was sent. */
  'not_in_cloud',
  /** The audit trail could not be written (the database is busy or locked): nothing was changed. */
  'audit_unavailable',
  /** The transport to main failed (browser host stopped, IPC broke); nothing was done. */
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ResultError {
  code: ErrorCode;
  message: string;
  /** Graph's request-id when the failure came from Graph, kept for support. */
  requestId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ResultError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, requestId?: string): Result<never> => ({
  ok: false,
  error: requestId === undefined ? { code, message } : { code, message, requestId },
});

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Thrown by the renderer's unwrap() and by main-side code that wants a typed failure. */
export class ResetlineError extends Error {
  readonly code: ErrorCode;
  readonly requestId: string | undefined;
  constructor(code: ErrorCode, message: string, requestId?: string) {
    super(message);
    this.name = 'ResetlineError';
    this.code = code;
    this.requestId = requestId;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ResetlineError(result.error.code, result.error.message, result.error.requestId);
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
