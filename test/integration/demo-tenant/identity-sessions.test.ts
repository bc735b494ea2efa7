// Sessions beyond the first sign-in: revocation through Graph's revokeSignInSessions as MSAL sees
// it, browser SSO (prompt=none) and logout, and signing in with a Temporary Access Pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptoProvider } from '@azure/msal-node';
import { DEMO_DOMAIN, DEMO_USER_PASSWORD } from '../../../src/demo-tenant/seed';
import {
  authorityMetadata,
  createPca,
  GRAPH_SCOPES,
  graphClient,
  PageClient,
  readForm,
  SIGN_IN_ONLY_SCOPES,
  startTestTenant,
  type TestTenant,
} from './identity-helpers';

const REDIRECT = 'http://127.0.0.1:53128/cb';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

function user(upn: string) {
  const u = t.tenant.directory.findUserByUpn(upn);
  if (!u) throw new Error(`no ${upn} in the seed`);
  return u;
}

async function authorizeUrl(prompt?: string): Promise<string> {
  const { challenge } = await new CryptoProvider().generatePkceCodes();
  return createPca(t).getAuthCodeUrl({
    scopes: GRAPH_SCOPES,
    redirectUri: REDIRECT,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    state: 's',
    ...(prompt ? { prompt } : {}),
  });
}

describe('revocation through Graph', () => {
  it('makes the target’s cached refresh token fail in MSAL after an agent calls revokeSignInSessions', async () => {
    const target = user(`nora.nomethods@${DEMO_DOMAIN}`);
    const targetPca = createPca(t);
    // The target signs in for themselves, asking no Graph permission (SIGN_IN_ONLY_SCOPES).
    const signedIn = await targetPca.acquireTokenByUsernamePassword({
      scopes: SIGN_IN_ONLY_SCOPES,
      username: target.userPrincipalName,
      password: DEMO_USER_PASSWORD,
    });
    const account = signedIn?.account;
    if (!account) throw new Error('target did not sign in');
    // Still fine before the revocation.
    await targetPca.acquireTokenSilent({ account, scopes: SIGN_IN_ONLY_SCOPES, forceRefresh: true });

    const admin = t.tenant.agents.find((a) => a.roles.includes('User Administrator'));
    if (!admin) throw new Error('no user admin agent');
    const adminToken = await createPca(t).acquireTokenByUsernamePassword({
      scopes: ['User.RevokeSessions.All', 'User.Read.All'],
      username: admin.upn,
      password: admin.password,
    });
    const result = (await graphClient(t, async () => adminToken?.accessToken ?? '')
      .api(`/users/${target.id}/revokeSignInSessions`)
      .post({})) as { value: boolean };
    expect(result.value).toBe(true);

    await expect(
      targetPca.acquireTokenSilent({ account, scopes: SIGN_IN_ONLY_SCOPES, forceRefresh: true }),
    ).rejects.toThrow(/AADSTS50173/);
  });
});

describe('browser session', () => {
  it('signs in silently with prompt=none while the session cookie lives, and not after logout', async () => {
    const page = new PageClient(t);
    const agent = t.tenant.agents[0];
    if (!agent) throw new Error('no agents');
    const silentBefore = await page.get(await authorizeUrl('none'));
    expect(silentBefore.status).toBe(302);
    expect(new URL(silentBefore.headers.get('location') ?? '').searchParams.get('error')).toBe('login_required');

    const login = await page.get(await authorizeUrl());
    const form = readForm(await login.text(), 'signin-form');
    const signedIn = await page.post(form.action, { ...form.fields, username: agent.upn, password: agent.password });
    expect(signedIn.status).toBe(302);

    const silent = await page.get(await authorizeUrl('none'));
    expect(silent.status).toBe(302);
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const offered = await page.get(await authorizeUrl());
    expect(await offered.text()).toContain(`Continue as ${agent.upn}`);

    const logout = await page.get(
      `${authorityMetadata(t).end_session_endpoint}?post_logout_redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(REDIRECT);
    const silentAfter = await page.get(await authorizeUrl('none'));
    expect(new URL(silentAfter.headers.get('location') ?? '').searchParams.get('error')).toBe('login_required');
  });
});

describe('Temporary Access Pass', () => {
  it('signs in once on the page with a one-time pass, which ROPC never accepts', async () => {
    const target = user(`nora.nomethods@${DEMO_DOMAIN}`);
    const now = t.tenant.directory.now();
    target.methods.push({
      kind: 'temporaryAccessPass',
      id: 'tap-test-1',
      temporaryAccessPass: 'Tap#Once-4421',
      createdDateTime: now.toISOString(),
      startDateTime: new Date(now.getTime() - 60_000).toISOString(),
      lifetimeInMinutes: 60,
      isUsableOnce: true,
      usedDateTime: null,
    });
    await expect(
      createPca(t).acquireTokenByUsernamePassword({
        scopes: GRAPH_SCOPES,
        username: target.userPrincipalName,
        password: 'Tap#Once-4421',
      }),
    ).rejects.toThrow(/AADSTS50126/);

    const signIn = async () => {
      const page = new PageClient(t);
      const form = readForm(await (await page.get(await authorizeUrl())).text(), 'signin-form');
      return page.post(form.action, { ...form.fields, username: target.userPrincipalName, password: 'Tap#Once-4421' });
    };
    const first = await signIn();
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const second = await signIn();
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('AADSTS50126');
  });
});
