// The demo tenant's Entra side driven by the REAL @azure/msal-node over TLS: auth code + PKCE through
// the sign-in page, device code, ROPC, silent refresh, forced password change, disabled accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptoProvider, type AuthenticationResult, type PublicClientApplication } from '@azure/msal-node';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { fetch as undiciFetch } from 'undici';
import {
  authorityMetadata,
  createPca,
  GRAPH_SCOPES,
  PageClient,
  readForm,
  startTestTenant,
  type TestTenant,
} from './identity-helpers';

const REDIRECT = 'http://localhost:53127/redirect';
const HELPDESK_ROLE = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

function agent(label: string): { upn: string; password: string } {
  const a = t.tenant.directory.agents.find((x) => x.label === label);
  if (!a) throw new Error(`no agent ${label}`);
  return a;
}

/** Starts /authorize through MSAL's URL and posts the sign-in form; returns the page client and last response. */
async function signInOnPage(pca: PublicClientApplication, username: string, password: string, nonce = 'nonce-1') {
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await pca.getAuthCodeUrl({
    scopes: GRAPH_SCOPES,
    redirectUri: REDIRECT,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    state: 'state-1',
    nonce,
  });
  const page = new PageClient(t);
  const first = await page.get(url);
  expect(first.status).toBe(200);
  const html = await first.text();
  const form = readForm(html, 'signin-form');
  const res = await page.post(form.action, { ...form.fields, username, password });
  return { page, res, verifier, nonce, loginHtml: html };
}

async function redeem(
  pca: PublicClientApplication,
  location: string,
  verifier: string,
  nonce: string,
): Promise<AuthenticationResult> {
  const back = new URL(location);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('state-1');
  const code = back.searchParams.get('code');
  expect(code).toBeTruthy();
  return pca.acquireTokenByCode({
    code: code ?? '',
    scopes: GRAPH_SCOPES,
    redirectUri: REDIRECT,
    codeVerifier: verifier,
    nonce,
  });
}

describe('auth code + PKCE through the sign-in page', () => {
  it('lists the demo agents, signs one in and issues tokens MSAL accepts, signed by the published key', async () => {
    const pca = createPca(t);
    const hd = agent('helpdesk');
    const { res, verifier, nonce, loginHtml } = await signInOnPage(pca, hd.upn, hd.password);
    for (const a of t.tenant.agents) expect(loginHtml).toContain(a.upn);
    expect(res.status).toBe(302);
    const result = await redeem(pca, res.headers.get('location') ?? '', verifier, nonce);
    expect(result.account?.username).toBe(hd.upn);
    expect(result.account?.tenantId).toBe(t.tenant.tenantId);
    expect(result.idTokenClaims).toMatchObject({ nonce, tid: t.tenant.tenantId, preferred_username: hd.upn });

    const claims = decodeJwt(result.accessToken);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: t.tenant.tenantId,
      appid: t.tenant.clientId,
      preferred_username: hd.upn,
    });
    expect(String(claims.scp).split(' ')).toEqual(expect.arrayContaining(GRAPH_SCOPES));
    expect(claims.wids).toEqual([HELPDESK_ROLE]);
    const user = t.tenant.directory.findUserByUpn(hd.upn);
    expect(claims.oid).toBe(user?.id);

    const jwks = (await (
      await undiciFetch(`${t.tenant.authority}/discovery/v2.0/keys`, { dispatcher: t.dispatcher })
    ).json()) as Parameters<typeof createLocalJWKSet>[0];
    const verified = await jwtVerify(result.accessToken, createLocalJWKSet(jwks), {
      issuer: `${t.tenant.authority}/v2.0`,
    });
    expect(verified.payload.oid).toBe(user?.id);
  });

  it('works with acquireTokenInteractive and MSAL’s own loopback listener (as the Electron app signs in)', async () => {
    const pca = createPca(t);
    const am = agent('authentication-admin');
    let redirectedTo = '';
    const result = await pca.acquireTokenInteractive({
      scopes: GRAPH_SCOPES,
      successTemplate: 'Signed in. You can close this window.',
      errorTemplate: 'Sign-in failed: {{error}}',
      openBrowser: async (url) => {
        // Stands in for the system browser: show the page, post the form, then post the
        // form_post page MSAL asked for to its loopback listener.
        const page = new PageClient(t);
        const form = readForm(await (await page.get(url)).text(), 'signin-form');
        const res = await page.post(form.action, { ...form.fields, username: am.upn, password: am.password });
        expect(res.status).toBe(200);
        const back = readForm(await res.text(), 'form-post');
        redirectedTo = back.action;
        expect(Object.keys(back.fields).sort()).toEqual(['code', 'session_state', 'state']);
        const landing = await undiciFetch(back.action, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(back.fields).toString(),
        });
        expect(await landing.text()).toContain('Signed in.');
      },
    });
    expect(new URL(redirectedTo).hostname).toBe('localhost');
    expect(result.account?.username).toBe(am.upn);
    expect(decodeJwt(result.accessToken).wids).toEqual(['c4e39bd9-1100-46d3-8c65-fb160da0071f']);
  });

  it('refuses a second redemption of the same code and a wrong PKCE verifier', async () => {
    const pca = createPca(t);
    const hd = agent('helpdesk');
    const first = await signInOnPage(pca, hd.upn, hd.password);
    const location = first.res.headers.get('location') ?? '';
    await expect(
      redeem(pca, location, 'not-the-verifier-not-the-verifier-not-the-verifier', first.nonce),
    ).rejects.toMatchObject({ errorCode: 'invalid_grant' });
    const second = await signInOnPage(pca, hd.upn, hd.password);
    const loc2 = second.res.headers.get('location') ?? '';
    await redeem(pca, loc2, second.verifier, second.nonce);
    await expect(redeem(pca, loc2, second.verifier, second.nonce)).rejects.toThrow(/AADSTS54005/);
  });

  it('re-shows the page with an AADSTS error and no code for a wrong password or unknown user', async () => {
    const pca = createPca(t);
    const bad = await signInOnPage(pca, agent('helpdesk').upn, 'wrong-password');
    expect(bad.res.status).toBe(200);
    expect(await bad.res.text()).toContain('AADSTS50126');
    const unknown = await signInOnPage(pca, 'nobody@nowhere.example', 'x');
    expect(unknown.res.status).toBe(200);
    expect(await unknown.res.text()).toContain('AADSTS50034');
  });

  it('refuses an unregistered client and a non-loopback redirect URI on its own error page', async () => {
    const page = new PageClient(t);
    const base = `${authorityMetadata(t).authorization_endpoint}?response_type=code&scope=openid&code_challenge=abc&code_challenge_method=S256`;
    const wrongClient = await page.get(
      `${base}&client_id=00000000-0000-0000-0000-000000000001&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(wrongClient.status).toBe(400);
    expect(await wrongClient.text()).toContain('AADSTS700016');
    const wrongRedirect = await page.get(
      `${base}&client_id=${t.tenant.clientId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
    );
    expect(wrongRedirect.status).toBe(400);
    expect(await wrongRedirect.text()).toContain('AADSTS50011');
  });
});

describe('device code', () => {
  it('completes on the verification page while acquireTokenByDeviceCode polls', async () => {
    const pca = createPca(t);
    const ga = agent('global-reader');
    let gotCode!: (r: { userCode: string; verificationUri: string }) => void;
    const shown = new Promise<{ userCode: string; verificationUri: string }>((r) => (gotCode = r));
    const pending = pca.acquireTokenByDeviceCode({
      scopes: GRAPH_SCOPES,
      deviceCodeCallback: (r) => gotCode(r),
    });
    const { userCode, verificationUri } = await shown;
    const page = new PageClient(t);
    const entry = await page.get(verificationUri);
    const codeForm = readForm(await entry.text(), 'code-form');
    const signIn = await page.post(codeForm.action, { code: userCode });
    const form = readForm(await signIn.text(), 'signin-form');
    const done = await page.post(form.action, { ...form.fields, username: ga.upn, password: ga.password });
    expect(await done.text()).toContain('You may now close this window');
    const result = await pending;
    expect(result?.account?.username).toBe(ga.upn);
    expect(decodeJwt(result?.accessToken ?? '').wids).toEqual(['f2ef992c-3afb-46b9-b7cf-a126ee74c451']);
  });

  it('rejects an unknown user code on the verification page', async () => {
    const page = new PageClient(t);
    const res = await page.post(`${t.tenant.pagesOrigin}/devicelogin`, { code: 'NOPE12345' });
    expect(await res.text()).toMatch(/id="error"[^>]*>That code didn&#39;t work/);
  });
});

describe('ROPC and silent refresh', () => {
  it('signs in with username + password and refreshes silently with a new access token', async () => {
    const pca = createPca(t);
    const pa = agent('password-admin');
    const first = await pca.acquireTokenByUsernamePassword({
      scopes: GRAPH_SCOPES,
      username: pa.upn,
      password: pa.password,
    });
    expect(first?.account?.username).toBe(pa.upn);
    const again = await pca.acquireTokenSilent({
      account: first?.account ?? (undefined as never),
      scopes: GRAPH_SCOPES,
      forceRefresh: true,
    });
    expect(again.fromCache).toBe(false);
    expect(again.accessToken).not.toBe(first?.accessToken);
    expect(decodeJwt(again.accessToken).uti).not.toBe(decodeJwt(first?.accessToken ?? '').uti);
  });

  it('refuses a wrong password with AADSTS50126 and an unconsented or unknown scope', async () => {
    const pca = createPca(t);
    const pa = agent('password-admin');
    await expect(
      pca.acquireTokenByUsernamePassword({ scopes: GRAPH_SCOPES, username: pa.upn, password: 'nope' }),
    ).rejects.toMatchObject({ errorCode: 'invalid_grant' });
    await expect(
      pca.acquireTokenByUsernamePassword({ scopes: GRAPH_SCOPES, username: pa.upn, password: 'nope' }),
    ).rejects.toThrow(/AADSTS50126/);
    await expect(
      pca.acquireTokenByUsernamePassword({ scopes: ['Made.Up.Scope'], username: pa.upn, password: pa.password }),
    ).rejects.toThrow(/AADSTS70011/);
  });

  it('refuses refresh tokens issued before the sessions were revoked, and accepts ones issued after', async () => {
    const pca = createPca(t);
    const ua = agent('user-admin');
    const before = await pca.acquireTokenByUsernamePassword({
      scopes: GRAPH_SCOPES,
      username: ua.upn,
      password: ua.password,
    });
    const user = t.tenant.directory.findUserByUpn(ua.upn);
    t.tenant.directory.revokeSessions(user?.id ?? '');
    await expect(
      pca.acquireTokenSilent({
        account: before?.account ?? (undefined as never),
        scopes: GRAPH_SCOPES,
        forceRefresh: true,
      }),
    ).rejects.toThrow(/AADSTS50173/);

    const pca2 = createPca(t);
    const after = await pca2.acquireTokenByUsernamePassword({
      scopes: GRAPH_SCOPES,
      username: ua.upn,
      password: ua.password,
    });
    const refreshed = await pca2.acquireTokenSilent({
      account: after?.account ?? (undefined as never),
      scopes: GRAPH_SCOPES,
      forceRefresh: true,
    });
    expect(refreshed.fromCache).toBe(false);
  });
});

describe('account state', () => {
  it('makes a user whose password an admin reset change it on the page before any token is issued', async () => {
    const dir = t.tenant.directory;
    const target = dir.findUserByUpn(`alex.cloud@${dir.tenant.domains[0]?.id}`);
    if (!target) throw new Error('seed has no alex.cloud');
    dir.setPassword(target.id, 'Temp#Given42', { forceChange: true });
    const pca = createPca(t);
    await expect(
      pca.acquireTokenByUsernamePassword({
        scopes: GRAPH_SCOPES,
        username: target.userPrincipalName,
        password: 'Temp#Given42',
      }),
    ).rejects.toThrow(/AADSTS50055/);

    const { page, res, verifier, nonce } = await signInOnPage(pca, target.userPrincipalName, 'Temp#Given42');
    expect(res.status).toBe(200); // the change page, not a redirect with a code
    const changeHtml = await res.text();
    expect(changeHtml).toContain('Update your password');
    const change = readForm(changeHtml, 'change-form');
    const weak = await page.post(change.action, {
      ...change.fields,
      currentPassword: 'Temp#Given42',
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(weak.status).toBe(200);
    expect(await weak.text()).toContain('at least 8 characters');
    expect(target.forceChangePasswordNextSignIn).toBe(true);

    const ok = await page.post(change.action, {
      ...change.fields,
      currentPassword: 'Temp#Given42',
      newPassword: 'Blue-Harbor-7731',
      confirmPassword: 'Blue-Harbor-7731',
    });
    expect(ok.status).toBe(302);
    const result = await redeem(pca, ok.headers.get('location') ?? '', verifier, nonce);
    expect(result.account?.username).toBe(target.userPrincipalName);
    expect(target.forceChangePasswordNextSignIn).toBe(false);
    expect(dir.audits.at(-1)).toMatchObject({
      activityDisplayName: 'Change password (self-service)',
      targetResources: [{ id: target.id }],
    });
    const ropc = await pca.acquireTokenByUsernamePassword({
      scopes: GRAPH_SCOPES,
      username: target.userPrincipalName,
      password: 'Blue-Harbor-7731',
    });
    expect(ropc?.account?.username).toBe(target.userPrincipalName);
  });

  it('treats a cloud password older than the domain validity period as expired (change first)', async () => {
    const dir = t.tenant.directory;
    const expired = dir.users.find(
      (u) =>
        u.userType === 'Member' &&
        u.accountEnabled &&
        !u.onPremisesSyncEnabled &&
        !(u.passwordPolicies ?? '').includes('DisablePasswordExpiration') &&
        Date.parse(u.lastPasswordChangeDateTime) < dir.now().getTime() - 91 * 86_400_000,
    );
    if (!expired) throw new Error('seed has no expired cloud password');
    await expect(
      createPca(t).acquireTokenByUsernamePassword({
        scopes: GRAPH_SCOPES,
        username: expired.userPrincipalName,
        password: expired.password,
      }),
    ).rejects.toMatchObject({ subError: 'user_password_expired' });
  });

  it('refuses a disabled account on the page, by ROPC, and on refresh once disabled', async () => {
    const dir = t.tenant.directory;
    const disabled = dir.users.find((u) => !u.accountEnabled && u.userType === 'Member');
    if (!disabled) throw new Error('seed has no disabled member');
    const pca = createPca(t);
    await expect(
      pca.acquireTokenByUsernamePassword({
        scopes: GRAPH_SCOPES,
        username: disabled.userPrincipalName,
        password: disabled.password,
      }),
    ).rejects.toThrow(/AADSTS50057/);
    const { res } = await signInOnPage(pca, disabled.userPrincipalName, disabled.password);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('AADSTS50057');

    const staff = agent('no-role');
    const signedIn = await pca.acquireTokenByUsernamePassword({
      scopes: GRAPH_SCOPES,
      username: staff.upn,
      password: staff.password,
    });
    const staffUser = dir.findUserByUpn(staff.upn);
    if (!staffUser) throw new Error('no staff user');
    staffUser.accountEnabled = false;
    try {
      await expect(
        pca.acquireTokenSilent({
          account: signedIn?.account ?? (undefined as never),
          scopes: GRAPH_SCOPES,
          forceRefresh: true,
        }),
      ).rejects.toThrow(/AADSTS50057/);
    } finally {
      staffUser.accountEnabled = true;
    }
  });
});
