// Graph failures mapped to the closed set of codes the UI switches on, each with a message an agent
// can act on. Branches on Graph's error `code` and HTTP status, never on free text alone
// (concepts/errors.md, concepts/json-batching.md); Graph's request-id is kept for support.
import { isErrorCode, ResetlineError } from '../../../shared/result';
import { REGISTRATION_READER_NAMES } from '../../../shared/roles';

interface GraphLikeError {
  statusCode?: number;
  code?: string | null;
  message?: string;
  requestId?: string | null;
  body?: unknown;
  headers?: Headers;
}

const NETWORK =
  /fetch failed|ECONNRESET|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|socket hang up|other side closed|UND_ERR/i;

function innerCode(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return innerCode(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  const e = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof e?.code === 'string' ? e.code : undefined;
}

/** Which permission a 403 "missing scope" answer names, when Graph says so. */
function missingScope(message: string): string | undefined {
  const m = /API requires one of '([^']+)'|requires? (?:the )?(?:permission|scope)s? '?([\w.-]+)'?/i.exec(message);
  return m?.[1] ?? m?.[2];
}

export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * @param writing true when the failed call was a write: a lost connection then leaves the outcome
 * unknown, and the agent must check before trying again.
 */
export function mapGraphError(error: unknown, writing = false): ResetlineError {
  if (error instanceof ResetlineError) return error;
  const e = (error ?? {}) as GraphLikeError;
  // Our own failures (no token: signed out, consent) cross the Graph client in Graph's error shape.
  const own = (e.code ?? '').startsWith('Resetline.') ? e.code!.slice('Resetline.'.length) : undefined;
  if (own && isErrorCode(own)) return new ResetlineError(own, e.message ?? 'Sign in again.');
  const status = e.statusCode ?? -1;
  const code = e.code ?? innerCode(e.body) ?? '';
  const message = e.message ?? String(error);
  const requestId = e.requestId ?? undefined;
  const make = (c: ConstructorParameters<typeof ResetlineError>[0], text: string) =>
    new ResetlineError(c, text, requestId ?? undefined);

  if (status <= 0 && NETWORK.test(`${message} ${(error as { cause?: { message?: string } })?.cause?.message ?? ''}`)) {
    return writing
      ? make(
          'outcome_unknown',
          'The connection to Microsoft Graph dropped before an answer came back, so it is not known whether the change was made. Check the account before trying again.',
        )
      : make('network', 'Could not reach Microsoft Graph. Check the network connection and try again.');
  }
  switch (status) {
    case 401:
      return make('signed_out', 'Your Microsoft sign-in is no longer valid. Sign in again.');
    case 403: {
      if (code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') {
        return make('licence_required', 'This needs a Microsoft Entra ID P1 or P2 licence in the tenant.');
      }
      if (code === 'Authentication_RequestFromUnsupportedUserRole') {
        return make(
          'insufficient_role',
          `Your directory role cannot read this report. A ${REGISTRATION_READER_NAMES} can.`,
        );
      }
      // Audit logs and sign-in reports answer a missing scope with their own codes ("Calling principal
      // does not have required MSGraph permissions AuditLog.Read.All").
      if (
        code === 'Authentication_MSGraphPermissionMissing' ||
        code === 'Authentication_ApplicationHasNoReadAuditLogDataAccess'
      ) {
        const named = /permissions?\s+'?([A-Za-z]+(?:[.-][A-Za-z]+)+)'?\s*$/.exec(message)?.[1];
        return make(
          'consent_required',
          `Resetline lacks the Microsoft Graph permission ${named ?? 'AuditLog.Read.All'}. Ask a tenant admin to grant admin consent for it in the app registration.`,
        );
      }
      const scope = missingScope(message);
      if (scope || /scope|consent/i.test(message)) {
        return make(
          'consent_required',
          `Resetline lacks the Microsoft Graph permission ${scope ?? 'this call needs'}. Ask a tenant admin to grant admin consent for it in the app registration.`,
        );
      }
      return make('insufficient_role', 'Your directory role does not allow this action on this user.');
    }
    case 404:
      return make(
        'not_found',
        'Microsoft Graph could not find that object; it may have been deleted or not replicated yet.',
      );
    case 429:
      return make('throttled', 'Microsoft Graph is throttling requests. Wait a minute and try again.');
    case 400:
      if (/password/i.test(message) || /Password|Banned/i.test(code)) {
        return make('password_policy', `The password was refused by the tenant's policy: ${message}`);
      }
      return make('graph_error', `Microsoft Graph refused the request: ${message}`);
    case 500:
    case 502:
    case 503:
    case 504:
      return writing
        ? make(
            'outcome_unknown',
            'Microsoft Graph failed while making the change, so it is not known whether it was made. Check the account before trying again.',
          )
        : make('graph_error', 'Microsoft Graph is unavailable right now. Try again shortly.');
    default:
      return make(
        'graph_error',
        `Microsoft Graph answered ${status > 0 ? `HTTP ${status}` : 'with an error'}: ${message}`,
      );
  }
}
