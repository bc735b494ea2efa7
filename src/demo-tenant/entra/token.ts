// POST /{tenant}/oauth2/v2.0/token: authorization_code (+ PKCE), refresh_token, device_code and
// password (ROPC). Every grant re-checks the account (exists, enabled, no pending password change)
// before anything is issued, and refresh tokens older than a session revocation are refused.
import { createHash } from 'node:crypto';
import { readForm, sendJson, type RequestContext } from '../http';
import type { DemoUser } from '../model';
import { assertNever } from '../never';
import { RefreshTokenInvalidError, type RefreshGrant } from '../tokens';
import { assertTenant, nowSeconds, type EntraDeps } from './deps';
import { EntraError, entraErrors, sendTokenError } from './errors';
import { resolveScopes } from './scopes';
import { checkCredentials, mustChangePassword, subjectOf } from './signin';

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

function required(form: URLSearchParams, name: string): string {
  const v = form.get(name);
  if (!v) throw entraErrors.missingParameter(name);
  return v;
}

function usableUser(deps: EntraDeps, userId: string): DemoUser {
  const user = deps.dir.getUser(userId);
  if (!user) throw entraErrors.unknownUser(deps.tenantId);
  if (!user.accountEnabled) throw entraErrors.disabled();
  if (mustChangePassword(deps.dir, user)) throw entraErrors.passwordChangeRequired();
  return user;
}

async function issue(
  deps: EntraDeps,
  ctx: RequestContext,
  form: URLSearchParams,
  user: DemoUser,
  scope: string,
  extra: { nonce?: string; authTime: number },
): Promise<void> {
  const scopes = resolveScopes(scope, deps.consentedScopes, deps.clientId);
  const body = await deps.tokens.issue({
    subject: subjectOf(deps.dir, user),
    clientId: deps.clientId,
    graphScopes: scopes.graph,
    oidcScopes: scopes.oidc,
    ...(scopes.resource ? { resource: scopes.resource } : {}),
    ...(extra.nonce ? { nonce: extra.nonce } : {}),
    authTime: extra.authTime,
    includeClientInfo: form.get('client_info') === '1',
  });
  sendJson(ctx, 200, body, { pragma: 'no-cache' });
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

async function authorizationCode(deps: EntraDeps, ctx: RequestContext, form: URLSearchParams): Promise<void> {
  const code = required(form, 'code');
  const redirectUri = required(form, 'redirect_uri');
  const verifier = required(form, 'code_verifier');
  const rec = deps.state.codes.get(code);
  if (!rec || rec.clientId !== deps.clientId) throw entraErrors.codeInvalid();
  if (rec.redeemed) throw entraErrors.codeRedeemed();
  if (rec.redirectUri !== redirectUri) throw entraErrors.redirectMismatch(redirectUri, deps.clientId);
  if (s256(verifier) !== rec.codeChallenge) throw entraErrors.pkceMismatch();
  rec.redeemed = true;
  const user = usableUser(deps, rec.userId);
  // The scopes are the ones consented at /authorize; the token request's `scope` may narrow them.
  await issue(deps, ctx, form, user, form.get('scope') ?? rec.scope, {
    ...(rec.nonce ? { nonce: rec.nonce } : {}),
    authTime: rec.authTime,
  });
}

async function refreshToken(deps: EntraDeps, ctx: RequestContext, form: URLSearchParams): Promise<void> {
  const raw = required(form, 'refresh_token');
  let grant: RefreshGrant;
  try {
    grant = await deps.tokens.verifyRefreshToken(raw, deps.clientId);
  } catch (err) {
    if (err instanceof RefreshTokenInvalidError)
      throw err.reason === 'expired' ? entraErrors.refreshExpired() : entraErrors.refreshInvalid();
    throw err;
  }
  const user = deps.dir.getUser(grant.userId);
  if (!user) throw entraErrors.refreshInvalid();
  // Issued before the sessions were revoked? A token that recorded the current validFrom value was
  // issued after the revocation (the directory rounds validFrom up to the next second).
  const validFrom = user.signInSessionsValidFromDateTime;
  if (grant.sessionsValidFrom !== validFrom && grant.issuedAt * 1000 < Date.parse(validFrom)) {
    throw entraErrors.refreshRevoked(new Date(grant.issuedAt * 1000).toISOString(), validFrom);
  }
  usableUser(deps, user.id);
  const scope = form.get('scope') ?? [...grant.graphScopes, ...grant.oidcScopes].join(' ');
  await issue(deps, ctx, form, user, scope, { authTime: grant.authTime });
}

async function deviceCode(deps: EntraDeps, ctx: RequestContext, form: URLSearchParams): Promise<void> {
  const code = form.get('device_code') ?? form.get('code');
  if (!code) throw entraErrors.missingParameter('device_code');
  const rec = deps.state.deviceCodes.getIncludingExpired(code);
  if (!rec || rec.clientId !== deps.clientId || rec.redeemed) throw entraErrors.deviceInvalid();
  if (rec.expiresAt <= deps.dir.now().getTime()) throw entraErrors.deviceExpired();
  if (!rec.approved) throw entraErrors.devicePending();
  rec.redeemed = true;
  const user = usableUser(deps, rec.approved.userId);
  await issue(deps, ctx, form, user, rec.scope, { authTime: rec.approved.authTime });
}

async function password(deps: EntraDeps, ctx: RequestContext, form: URLSearchParams): Promise<void> {
  const username = required(form, 'username');
  const secret = required(form, 'password');
  const scope = required(form, 'scope');
  // Scope problems are reported before credentials are looked at, as Entra does.
  resolveScopes(scope, deps.consentedScopes, deps.clientId);
  const outcome = checkCredentials(deps.dir, username, secret, { allowTap: false });
  switch (outcome.kind) {
    case 'unknown-user':
      throw entraErrors.unknownUser(deps.tenantId);
    case 'bad-password':
      throw entraErrors.badCredentials();
    case 'disabled':
      throw entraErrors.disabled();
    case 'must-change':
      throw entraErrors.passwordChangeRequired();
    case 'ok':
      return issue(deps, ctx, form, outcome.user, scope, { authTime: nowSeconds(deps) });
    default:
      return assertNever(outcome, 'outcome');
  }
}

export async function handleToken(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx);
  try {
    assertTenant(deps, ctx.params[0] ?? '');
    const clientId = required(form, 'client_id');
    if (clientId !== deps.clientId) throw entraErrors.unknownClient(clientId, deps.tenantId);
    const grantType = required(form, 'grant_type');
    if (grantType !== 'client_credentials' && (form.has('client_secret') || form.has('client_assertion'))) {
      throw new EntraError(
        'invalid_client',
        700025,
        "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        401,
      );
    }
    switch (grantType) {
      case 'authorization_code':
        return await authorizationCode(deps, ctx, form);
      case 'refresh_token':
        return await refreshToken(deps, ctx, form);
      case DEVICE_CODE_GRANT:
      case 'device_code': // what MSAL sends; Entra accepts both spellings
        return await deviceCode(deps, ctx, form);
      case 'password':
        return await password(deps, ctx, form);
      case 'client_credentials':
        throw entraErrors.confidentialOnly();
      default:
        throw entraErrors.unsupportedGrant(grantType);
    }
  } catch (err) {
    if (err instanceof EntraError) return sendTokenError(ctx, err);
    throw err;
  }
}
