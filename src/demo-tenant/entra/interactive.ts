// The browser half of Entra: /authorize (auth code + PKCE S256) showing the sign-in page, the
// credential post, the forced password change, and logout. Device-code sign-ins reuse the same
// pages through an Interaction whose target is the device code.
import { randomBytes } from 'node:crypto';
import { parseCookies, readForm, redirect, sendHtml, type RequestContext } from '../http';
import type { DemoUser } from '../model';
import { assertNever } from '../never';
import {
  agentListing,
  assertTenant,
  nowSeconds,
  redirectUriAllowed,
  SSO_COOKIE,
  ssoCookie,
  type EntraDeps,
} from './deps';
import { EntraError, entraErrors } from './errors';
import { changePasswordPage, formPostPage, messagePage, signInPage } from './pages';
import { resolveScopes } from './scopes';
import { changePasswordAtSignIn, checkCredentials, describeChangeProblem, mustChangePassword } from './signin';
import { type AuthorizeParams, type Interaction } from './state';

function loginAction(deps: EntraDeps): string {
  return `/${deps.tenantId}/login`;
}

function changeAction(deps: EntraDeps): string {
  return `/${deps.tenantId}/changepassword`;
}

interface ReplyTo {
  redirectUri: string;
  state: string | undefined;
  responseMode: AuthorizeParams['responseMode'];
}

/** Sends the authorization response back to the app the way it asked (query or form_post). */
function reply(
  ctx: RequestContext,
  to: ReplyTo,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): void {
  const all = { ...fields, ...(to.state !== undefined ? { state: to.state } : {}) };
  switch (to.responseMode) {
    case 'query': {
      const u = new URL(to.redirectUri);
      for (const [k, v] of Object.entries(all)) u.searchParams.set(k, v);
      return redirect(ctx, u.toString(), headers);
    }
    case 'form_post': {
      const nonce = randomBytes(16).toString('base64');
      return sendHtml(ctx, 200, formPostPage({ redirectUri: to.redirectUri, fields: all, nonce }), {
        ...headers,
        'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; frame-ancestors 'none'`,
      });
    }
    default:
      return assertNever(to.responseMode, 'response mode');
  }
}

function errorRedirect(ctx: RequestContext, to: ReplyTo, err: EntraError): void {
  reply(ctx, to, {
    error: err.error,
    error_description: `AADSTS${err.aadsts}: ${err.description}`,
    ...(err.suberror ? { error_subcode: err.suberror } : {}),
  });
}

function errorPage(ctx: RequestContext, err: EntraError): void {
  // Entra shows client and redirect problems on its own page: it must not redirect to an unverified URI.
  sendHtml(
    ctx,
    400,
    messagePage("Sorry, but we're having trouble signing you in.", `AADSTS${err.aadsts}: ${err.description}`, 'error'),
  );
}

/** A session cookie naming a user who may still sign in without a password. */
function validSession(deps: EntraDeps, ctx: RequestContext): { user: DemoUser; authTime: number } | undefined {
  const sid = parseCookies(ctx.req.headers.cookie).get(SSO_COOKIE);
  const s = sid ? deps.state.sessions.get(sid) : undefined;
  const user = s ? deps.dir.getUser(s.userId) : undefined;
  if (!s || !user || !user.accountEnabled || mustChangePassword(deps.dir, user)) return undefined;
  // revokeSignInSessions ends browser sessions too.
  if (s.authTime * 1000 < Date.parse(user.signInSessionsValidFromDateTime)) return undefined;
  return { user, authTime: s.authTime };
}

export async function handleAuthorize(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const q = ctx.method === 'POST' ? await readForm(ctx) : ctx.url.searchParams;
  try {
    assertTenant(deps, ctx.params[0] ?? '');
  } catch (err) {
    if (err instanceof EntraError) return errorPage(ctx, err);
    throw err;
  }
  const clientId = q.get('client_id') ?? '';
  if (clientId !== deps.clientId) return errorPage(ctx, entraErrors.unknownClient(clientId, deps.tenantId));
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!redirectUriAllowed(deps, redirectUri))
    return errorPage(ctx, entraErrors.redirectMismatch(redirectUri, clientId));
  const state = q.get('state') ?? undefined;
  const mode = q.get('response_mode') ?? 'query';
  const back: ReplyTo = { redirectUri, state, responseMode: mode === 'form_post' ? 'form_post' : 'query' };
  if (mode !== 'query' && mode !== 'form_post') {
    return errorRedirect(
      ctx,
      back,
      new EntraError(
        'invalid_request',
        900144,
        `response_mode '${mode}' is not supported for the code flow here; use query or form_post.`,
      ),
    );
  }
  const responseType = q.get('response_type') ?? '';
  if (responseType !== 'code') return errorRedirect(ctx, back, entraErrors.unsupportedResponseType(responseType));
  const challenge = q.get('code_challenge') ?? '';
  if (!challenge || q.get('code_challenge_method') !== 'S256')
    return errorRedirect(ctx, back, entraErrors.pkceRequired());
  const scope = q.get('scope') ?? '';
  try {
    resolveScopes(scope, deps.consentedScopes, clientId);
  } catch (err) {
    if (err instanceof EntraError) return errorRedirect(ctx, back, err);
    throw err;
  }
  const params: AuthorizeParams = {
    clientId,
    redirectUri,
    scope,
    state,
    nonce: q.get('nonce') ?? undefined,
    codeChallenge: challenge,
    loginHint: q.get('login_hint') ?? undefined,
    prompt: q.get('prompt') ?? undefined,
    responseMode: back.responseMode,
  };
  const session = validSession(deps, ctx);
  if (params.prompt === 'none') {
    if (!session)
      return errorRedirect(
        ctx,
        back,
        new EntraError('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.'),
      );
    const interaction = deps.state.newInteraction({ kind: 'authorize', params });
    return complete(deps, ctx, interaction, session.user, session.authTime);
  }
  const interaction = deps.state.newInteraction({ kind: 'authorize', params });
  const offerContinue = session && params.prompt !== 'login' ? session.user.userPrincipalName : undefined;
  sendHtml(
    ctx,
    200,
    signInPage({
      action: loginAction(deps),
      interaction: interaction.id,
      ...(params.loginHint ? { username: params.loginHint } : {}),
      ...(offerContinue ? { continueAs: offerContinue } : {}),
      agents: agentListing(deps),
    }),
  );
}

function expiredInteraction(ctx: RequestContext): void {
  sendHtml(
    ctx,
    400,
    messagePage('Your sign-in session expired', 'Start signing in again from the application.', 'error'),
  );
}

export async function handleLogin(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx);
  const interaction = deps.state.interactions.get(form.get('interaction') ?? '');
  if (!interaction) return expiredInteraction(ctx);
  const rerender = (error: string, username?: string): void =>
    sendHtml(
      ctx,
      200,
      signInPage({
        action: loginAction(deps),
        interaction: interaction.id,
        error,
        agents: agentListing(deps),
        ...(username ? { username } : {}),
      }),
    );
  if (form.get('continue') === '1') {
    const session = validSession(deps, ctx);
    if (!session) return rerender('Your session has ended. Sign in again.');
    return complete(deps, ctx, interaction, session.user, session.authTime);
  }
  const username = form.get('username') ?? '';
  const outcome = checkCredentials(deps.dir, username, form.get('password') ?? '', { allowTap: true });
  switch (outcome.kind) {
    case 'unknown-user':
      return rerender(
        'AADSTS50034: This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
        username,
      );
    case 'bad-password':
      return rerender(
        "AADSTS50126: Your account or password is incorrect. If you don't remember your password, reset it now.",
        username,
      );
    case 'disabled':
      return rerender('AADSTS50057: Your account is disabled. Contact your administrator.', username);
    case 'must-change':
      interaction.pendingChangeUserId = outcome.user.id;
      return sendHtml(
        ctx,
        200,
        changePasswordPage({
          action: changeAction(deps),
          interaction: interaction.id,
          upn: outcome.user.userPrincipalName,
        }),
      );
    case 'ok':
      return complete(deps, ctx, interaction, outcome.user, nowSeconds(deps));
    default:
      return assertNever(outcome, 'outcome');
  }
}

export async function handleChangePassword(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx);
  const interaction = deps.state.interactions.get(form.get('interaction') ?? '');
  const user = interaction?.pendingChangeUserId ? deps.dir.getUser(interaction.pendingChangeUserId) : undefined;
  if (!interaction || !user) return expiredInteraction(ctx);
  const problem = changePasswordAtSignIn(
    deps.dir,
    user,
    form.get('currentPassword') ?? '',
    form.get('newPassword') ?? '',
    form.get('confirmPassword') ?? '',
  );
  if (problem) {
    return sendHtml(
      ctx,
      200,
      changePasswordPage({
        action: changeAction(deps),
        interaction: interaction.id,
        upn: user.userPrincipalName,
        error: describeChangeProblem(problem),
      }),
    );
  }
  delete interaction.pendingChangeUserId;
  return complete(deps, ctx, interaction, user, nowSeconds(deps));
}

/** The user is signed in: hand the result to whoever started the interaction. */
function complete(
  deps: EntraDeps,
  ctx: RequestContext,
  interaction: Interaction,
  user: DemoUser,
  authTime: number,
): void {
  deps.state.interactions.delete(interaction.id);
  const sid = deps.state.newSession(user.id, authTime);
  const cookie = ssoCookie(ctx, sid);
  const target = interaction.target;
  switch (target.kind) {
    case 'authorize': {
      const p = target.params;
      const code = deps.state.newCode({
        clientId: p.clientId,
        redirectUri: p.redirectUri,
        codeChallenge: p.codeChallenge,
        scope: p.scope,
        nonce: p.nonce,
        userId: user.id,
        authTime,
      });
      return reply(ctx, p, { code, session_state: sid.slice(0, 16) }, { 'set-cookie': cookie });
    }
    case 'device': {
      const rec = deps.state.deviceCodes.get(target.deviceCode);
      if (!rec)
        return sendHtml(
          ctx,
          400,
          messagePage('That code has expired', 'Go back to the application and start again.', 'error'),
        );
      rec.approved = { userId: user.id, authTime };
      return sendHtml(
        ctx,
        200,
        messagePage(
          'Resetline',
          `You have signed in to the Resetline application on your device as ${user.userPrincipalName}. You may now close this window.`,
          'done',
        ),
        { 'set-cookie': cookie },
      );
    }
    default:
      return assertNever(target, 'interaction');
  }
}

export function handleLogout(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const sid = parseCookies(ctx.req.headers.cookie).get(SSO_COOKIE);
  if (sid) deps.state.sessions.delete(sid);
  const clear = ssoCookie(ctx, '', '; Max-Age=0');
  const back = ctx.url.searchParams.get('post_logout_redirect_uri');
  if (back && redirectUriAllowed(deps, back)) {
    redirect(ctx, back, { 'set-cookie': clear });
  } else {
    sendHtml(
      ctx,
      200,
      messagePage('You signed out of your account', "It's a good idea to close all browser windows.", 'signed-out'),
      { 'set-cookie': clear },
    );
  }
  return Promise.resolve();
}
