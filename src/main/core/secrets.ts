// What counts as a secret, decided once: the log redacts it (core/log.ts) and the audit trail refuses
// it (core/audit/rows.ts). Both ask isSecretEntry, so a key one of them lets through the other does too.

/** Keys that name a secret. Deliberately broad: a false match is a rename or a hidden field, a leak is permanent. */
const SECRET_KEY =
  /pass(word)?|secret|token|code|tap|otp|authorization|cookie|assertion|access_?key|api_?key|private_?key|shared_?key|connection_?string/i;

/** Keys that hold an error's code: Graph's `error.code`, MSAL's `errorCode`, a ResetlineError's `code`. */
const ERROR_CODE_KEY = /^(error_?)?code$/i;

/**
 * An error code is a word or words ("Request_ResourceNotFound", "invalid_grant", "graph_error",
 * "ECONNRESET"). Verification codes are digits and authorization codes carry digits too, so a value
 * with a digit under a code key stays a secret.
 */
const ERROR_CODE_VALUE = /^[A-Za-z]+(?:[_.-][A-Za-z]+)*$/;
const MAX_ERROR_CODE = 100;

/** Graph's and undici's errors carry the HTTP status as `statusCode`: a number from 100 to 599, never a secret. */
const STATUS_CODE_KEY = /^status_?code$/i;

function isErrorCode(key: string, value: unknown): boolean {
  if (STATUS_CODE_KEY.test(key))
    return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value < 600;
  return (
    ERROR_CODE_KEY.test(key) &&
    typeof value === 'string' &&
    value.length <= MAX_ERROR_CODE &&
    ERROR_CODE_VALUE.test(value)
  );
}

/** True when `value` under `key` may be a secret: the log hides it, the audit trail refuses it. */
export function isSecretEntry(key: string, value: unknown): boolean {
  // A yes/no or an absent value carries no secret ("tapAllowed: false", "passwordChanged: true").
  if (typeof value === 'boolean' || value === null || value === undefined) return false;
  return SECRET_KEY.test(key) && !isErrorCode(key, value);
}
