// Named failures of the audit trail.
import { ResetlineError } from '../../../shared/result';

/**
 * A detail key looks like it names a secret. Secrets (passwords, TAPs, codes, tokens) must never
 * reach the audit trail, and the row would be permanent: the append is refused, not redacted,
 * so the calling code gets fixed.
 */
export class AuditSecretKeyError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`Audit detail key "${key}" looks like a secret; secrets must never be written to the audit trail`);
    this.name = 'AuditSecretKeyError';
    this.key = key;
  }
}

/**
 * The event to append, or the page asked for, is malformed (unknown action, non-scalar detail,
 * bad timestamp, limit out of range…). Crosses IPC as invalid_input.
 */
export class AuditInputError extends ResetlineError {
  readonly field: string;
  constructor(field: string, message: string) {
    super('invalid_input', `Audit event ${field}: ${message}`);
    this.name = 'AuditInputError';
    this.field = field;
  }
}

/** A page cursor that this code did not produce (or that was damaged on the way). */
export class AuditCursorError extends ResetlineError {
  constructor() {
    super('invalid_input', 'The page cursor is not one Resetline issued; start again from the first page.');
    this.name = 'AuditCursorError';
  }
}

/** The anchor row is gone, so a new row cannot be linked; appending would hide the damage. */
export class AuditAnchorMissingError extends ResetlineError {
  constructor() {
    super('audit_chain_broken', 'The audit trail anchor is missing; the trail has been tampered with.');
    this.name = 'AuditAnchorMissingError';
  }
}
