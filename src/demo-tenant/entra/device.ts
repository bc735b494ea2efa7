// The device code flow: /devicecode hands out a device code and a user code; the verification page
// (/devicelogin) takes the user code and continues on the shared sign-in page; /token (token.ts)
// answers authorization_pending until the sign-in completes.
import { readForm, sendHtml, sendJson, type RequestContext } from '../http';
import { agentListing, assertTenant, type EntraDeps } from './deps';
import { EntraError, entraErrors, sendTokenError } from './errors';
import { deviceCodePage, signInPage } from './pages';
import { resolveScopes } from './scopes';

export const DEVICE_LOGIN_PATH = '/devicelogin';

export async function handleDeviceCode(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx);
  try {
    assertTenant(deps, ctx.params[0] ?? '');
    const clientId = form.get('client_id') ?? '';
    if (clientId !== deps.clientId) throw entraErrors.unknownClient(clientId, deps.tenantId);
    const scope = form.get('scope');
    if (!scope) throw entraErrors.missingParameter('scope');
    resolveScopes(scope, deps.consentedScopes, clientId);
    const rec = deps.state.newDeviceCode(clientId, scope, deps.deviceCodeLifetimeSeconds);
    // The page a person opens in their own browser: on the plain-HTTP pages origin (no CA to trust).
    const verificationUri = `${deps.pagesOrigin}${DEVICE_LOGIN_PATH}`;
    sendJson(ctx, 200, {
      user_code: rec.userCode,
      device_code: rec.deviceCode,
      verification_uri: verificationUri,
      expires_in: deps.deviceCodeLifetimeSeconds,
      interval: deps.deviceCodeIntervalSeconds,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${rec.userCode} to authenticate.`,
    });
  } catch (err) {
    if (err instanceof EntraError) return sendTokenError(ctx, err);
    throw err;
  }
}

function codeEntry(ctx: RequestContext, error?: string): void {
  sendHtml(ctx, 200, deviceCodePage({ action: DEVICE_LOGIN_PATH, ...(error ? { error } : {}) }));
}

function continueWithCode(deps: EntraDeps, ctx: RequestContext, userCode: string): void {
  const rec = deps.state.deviceByUserCode(userCode);
  if (!rec || rec.approved || rec.redeemed) {
    return codeEntry(ctx, "That code didn't work. Check the code and try again.");
  }
  const interaction = deps.state.newInteraction({ kind: 'device', deviceCode: rec.deviceCode });
  sendHtml(
    ctx,
    200,
    signInPage({
      action: `/${deps.tenantId}/login`,
      interaction: interaction.id,
      agents: agentListing(deps),
      heading: 'Sign in to Resetline on your device',
    }),
  );
}

export function handleDeviceLoginGet(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const otc = ctx.url.searchParams.get('otc');
  if (otc) continueWithCode(deps, ctx, otc);
  else codeEntry(ctx);
  return Promise.resolve();
}

export async function handleDeviceLoginPost(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx);
  continueWithCode(deps, ctx, form.get('code') ?? '');
}
