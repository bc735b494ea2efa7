// Entra's OAuth error responses: an `error`, an `AADSTSnnnnn:` description, `error_codes`, and the
// trace/correlation ids. MSAL reads `error`, `error_description`, `error_codes` and `suberror`.
import { randomUUID } from 'node:crypto';
import { sendJson, type RequestContext } from '../http';

export class EntraError extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
    readonly status: number = 400,
    readonly suberror?: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
    this.name = 'EntraError';
  }
}

export const entraErrors = {
  tenantNotFound: (tenant: string) =>
    new EntraError(
      'invalid_tenant',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  unknownClient: (clientId: string, tenantId: string) =>
    new EntraError(
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantId}'.`,
    ),
  redirectMismatch: (uri: string, clientId: string) =>
    new EntraError(
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
    ),
  missingParameter: (name: string) =>
    new EntraError('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  pkceRequired: () =>
    new EntraError('invalid_request', 9002325, 'Proof Key for Code Exchange (S256) is required for this application.'),
  invalidScope: (scope: string) =>
    new EntraError(
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`,
    ),
  multipleResources: () =>
    new EntraError(
      'invalid_scope',
      28000,
      'Provided value for the input parameter scope is not valid because it contains more than one resource.',
    ),
  consentRequired: (scope: string, clientId: string) =>
    new EntraError(
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}'. Scope not consented: '${scope}'.`,
      400,
      'consent_required',
    ),
  unknownUser: (tenantId: string) =>
    new EntraError(
      'invalid_grant',
      50034,
      `The user account {EmailHidden} does not exist in the ${tenantId} directory. To sign into this application, the account must be added to the directory.`,
    ),
  badCredentials: () =>
    new EntraError('invalid_grant', 50126, 'Error validating credentials due to invalid username or password.'),
  disabled: () => new EntraError('invalid_grant', 50057, 'The user account is disabled.'),
  passwordChangeRequired: () =>
    new EntraError(
      'invalid_grant',
      50055,
      'The password is expired. The user must change their password before signing in.',
      400,
      'user_password_expired',
    ),
  codeInvalid: () =>
    new EntraError(
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeRedeemed: () =>
    new EntraError(
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  pkceMismatch: () =>
    new EntraError(
      'invalid_grant',
      50148,
      'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
    ),
  refreshInvalid: () =>
    new EntraError('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.', 400, 'bad_token'),
  refreshExpired: () =>
    new EntraError('invalid_grant', 700082, 'The refresh token has expired due to inactivity.', 400, 'bad_token'),
  refreshRevoked: (issued: string, validFrom: string) =>
    new EntraError(
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom}'.`,
      400,
      'bad_token',
    ),
  unsupportedGrant: (grant: string) =>
    new EntraError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  confidentialOnly: () =>
    new EntraError(
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    ),
  devicePending: () =>
    new EntraError(
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is still pending. Continue polling.',
    ),
  deviceExpired: () =>
    new EntraError(
      'expired_token',
      70020,
      "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
    ),
  deviceInvalid: () =>
    new EntraError('invalid_grant', 70000, "The provided value for the input parameter 'device_code' is not valid."),
  unsupportedResponseType: (t: string) =>
    new EntraError('unsupported_response_type', 700054, `response_type '${t}' is not enabled for the application.`),
};

export function tokenErrorBody(err: EntraError, ctx: RequestContext): Record<string, unknown> {
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  const traceId = ctx.requestId;
  const correlationId =
    ctx.clientRequestId ?? (ctx.req.headers['client-request-id'] as string | undefined) ?? randomUUID();
  return {
    error: err.error,
    error_description: `AADSTS${err.aadsts}: ${err.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [err.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${ctx.url.origin}/error?code=${err.aadsts}`,
    ...(err.suberror ? { suberror: err.suberror } : {}),
  };
}

export function sendTokenError(ctx: RequestContext, err: EntraError): void {
  sendJson(ctx, err.status, tokenErrorBody(err, ctx));
}
