// The app's identity layer with the real MSAL against the demo tenant over TLS.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenCacheFile } from '../../../src/main/core/auth/tokenCache';
import { ROLE_TEMPLATE_IDS } from '../../../src/shared/roles';
import { PageClient, readForm, startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import {
  aesEncryptor,
  agentByLabel,
  completeBrowserSignIn,
  createSession,
  type Credentials,
} from '../../support/sessionHarness';

let t: TestTenant;
let dir: string;

beforeAll(async () => {
  t = await startTestTenant({ users: 150, accessTokenLifetimeSeconds: 120 });
  dir = mkdtempSync(join(tmpdir(), 'resetline-session-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls until `check` stops throwing: waits for a positive signal, never a fixed time. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 20 });

const AGENT_ROLES: [label: string, templateIds: string[]][] = [
  ['helpdesk', [ROLE_TEMPLATE_IDS.helpdeskAdministrator]],
  ['password-admin', [ROLE_TEMPLATE_IDS.passwordAdministrator]],
  ['authentication-admin', [ROLE_TEMPLATE_IDS.authenticationAdministrator]],
  ['privileged-authentication-admin', [ROLE_TEMPLATE_IDS.privilegedAuthenticationAdministrator]],
  ['user-admin', [ROLE_TEMPLATE_IDS.userAdministrator]],
  ['global-reader', [ROLE_TEMPLATE_IDS.globalReader]],
  ['global-admin', [ROLE_TEMPLATE_IDS.globalAdministrator]],
  ['team-lead', [ROLE_TEMPLATE_IDS.reportsReader]],
  ['no-role', []],
];

describe('agent sign-in', () => {
  it.each(AGENT_ROLES)('signs in %s through the system-browser flow and reads its roles', async (label, expected) => {
    const agent = agentByLabel(t, label);
    const session = createSession(t, () => agent);
    const state = await session.signIn('interactive');
    expect(state.status).toBe('signed-in');
    if (state.status !== 'signed-in') return;
    expect(state.agent.userPrincipalName).toBe(agent.upn);
    expect(state.agent.id).toBe(agent.userId);
    expect(state.agent.roles.map((r) => r.templateId).sort()).toEqual([...expected].sort());
    expect(state.tenant).toMatchObject({ mode: 'demo', tenantId: t.tenant.tenantId });
  });

  it('signs in with a device code shown to the agent, completed on the verification page', async () => {
    const agent = agentByLabel(t, 'global-reader');
    const session = createSession(t, () => agent);
    const done = session.signIn('device-code');
    await until(() => expect(session.state()).toMatchObject({ status: 'pending', pending: { kind: 'device-code' } }));
    const pending = session.state();
    if (pending.status !== 'pending' || pending.pending?.kind !== 'device-code')
      throw new Error('no device code shown');
    expect(pending.pending.userCode).toMatch(/^[A-Z0-9]{6,}$/);
    const page = new PageClient(t);
    const codeForm = readForm(await (await page.get(pending.pending.verificationUri)).text(), 'code-form');
    const signIn = readForm(
      await (await page.post(codeForm.action, { code: pending.pending.userCode })).text(),
      'signin-form',
    );
    await page.post(signIn.action, { ...signIn.fields, username: agent.upn, password: agent.password });
    expect((await done).status).toBe('signed-in');
  });

  it('persists the cache only encrypted, restores from it, and sign-out clears it', async () => {
    const agent = agentByLabel(t, 'helpdesk');
    const file = join(dir, 'cache.bin');
    const encryptor = aesEncryptor();
    const session = createSession(t, () => agent, { cacheFile: new TokenCacheFile(file, encryptor) });
    expect((await session.signIn('interactive')).status).toBe('signed-in');
    expect(existsSync(file)).toBe(true);
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    const plain = encryptor.decrypt(bytes);
    expect(plain).toContain('AccessToken');
    // No token (each secret MSAL cached: the JWTs and the refresh token), not even the account name in
    // the clear. Whole secrets, not a short prefix like "eyJ" that random ciphertext contains now and then.
    const cache = JSON.parse(plain) as Record<string, Record<string, { secret?: string }>>;
    const secrets = Object.values(cache).flatMap((section) =>
      Object.values(section).flatMap((entry) => (typeof entry.secret === 'string' ? [entry.secret] : [])),
    );
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    for (const needle of [...secrets, agent.upn, 'refresh', 'AccessToken', 'secret'])
      expect(text).not.toContain(needle);

    const again = createSession(t, () => agent, { cacheFile: new TokenCacheFile(file, encryptor) });
    expect((await again.restore()).status).toBe('signed-in');

    expect((await again.signOut()).status).toBe('signed-out');
    expect(existsSync(file)).toBe(false);
    const third = createSession(t, () => agent, { cacheFile: new TokenCacheFile(file, encryptor) });
    expect((await third.restore()).status).toBe('signed-out');
  });

  it('refreshes tokens silently and turns a revoked session into signed_out', async () => {
    const agent = agentByLabel(t, 'user-admin');
    const session = createSession(t, () => agent);
    await session.signIn('interactive');
    // Tokens live 120 s, inside MSAL's 5-minute refresh window: every read below redeems the refresh token.
    const { searchUsers } = await import('../../../src/main/core/graph/users');
    await searchUsers(session.graph(), 'a@');
    await searchUsers(session.graph(), 'b@');
    t.tenant.directory.revokeSessions(agent.userId);
    const failure = await searchUsers(session.graph(), 'c@').catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'signed_out' });
    // The session ends with it: the next sign-in is a real one, not an answer from the stale agent.
    expect(session.state()).toMatchObject({
      status: 'signed-out',
      lastError: expect.stringMatching(/expired or was revoked/),
    });
    expect(() => session.graph()).toThrow(/Sign in/);
    expect((await session.signIn('interactive')).status).toBe('signed-in');
    expect((await searchUsers(session.graph(), 'c@')).matchedBy).toBe('upn-or-mail');
  });

  it("maps MSAL's failure to a token in its own words before the gateway sees it (core/graph reads no MSAL)", async () => {
    const agent = agentByLabel(t, 'privileged-authentication-admin');
    const session = createSession(t, () => agent);
    await session.signIn('interactive');
    const { searchUsers } = await import('../../../src/main/core/graph/users');
    const user = t.tenant.directory.getUser(agent.userId)!;
    // Every read redeems the refresh token (tokens live 120 s): Entra refuses it for a disabled account
    // (AADSTS50057), which MSAL throws as its own error and auth says in the agent's words.
    user.accountEnabled = false;
    try {
      const failure = await searchUsers(session.graph(), 'd@').catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'sign_in_failed', message: 'This account is disabled in Entra ID.' });
    } finally {
      user.accountEnabled = true;
    }
    expect((await searchUsers(session.graph(), 'd@')).matchedBy).toBe('upn-or-mail');
  });

  it('cancels a browser sign-in: the waiting call ends, a late completion signs no one in, a new one works', async () => {
    const agent = agentByLabel(t, 'helpdesk');
    const other = agentByLabel(t, 'password-admin');
    const opened: string[] = [];
    const file = join(dir, 'cancelled-cache.bin');
    const encryptor = aesEncryptor();
    const session = createSession(t, () => agent, {
      openBrowser: (url) => opened.push(url),
      cacheFile: new TokenCacheFile(file, encryptor),
    });
    // Every agent the session ever signs in, in order: a late completion signing in would show here.
    const agents: (string | null)[] = [];
    session.onAgentChange((id) => agents.push(id));
    const abandoned = session.signIn('interactive');
    await until(() => expect(opened).toHaveLength(1));
    expect(session.state()).toMatchObject({ status: 'pending', pending: { kind: 'browser' } });

    expect(session.cancelSignIn()).toMatchObject({ status: 'signed-out', lastError: 'Sign-in was cancelled.' });
    await expect(abandoned).rejects.toMatchObject({ code: 'sign_in_failed', message: 'Sign-in was cancelled.' });

    // The agent finishes the abandoned page anyway. MSAL completes and persists its tokens for the agent
    // (the file appears only then); Resetline removes that account again and stays signed out, and the
    // next start cannot restore it either.
    await completeBrowserSignIn(t, opened[0]!, agent);
    await until(() => {
      expect(existsSync(file)).toBe(true);
      expect(encryptor.decrypt(readFileSync(file))).not.toContain(agent.upn);
    });
    expect(session.state()).toMatchObject({ status: 'signed-out', lastError: 'Sign-in was cancelled.' });
    const nextStart = createSession(t, () => agent, { cacheFile: new TokenCacheFile(file, encryptor) });
    expect((await nextStart.restore()).status).toBe('signed-out');

    // A new sign-in, as someone else, works; the abandoned one never signed its agent in, before or since.
    const again = session.signIn('interactive');
    await until(() => expect(opened).toHaveLength(2));
    await completeBrowserSignIn(t, opened[1]!, other);
    expect(await again).toMatchObject({ status: 'signed-in', agent: { id: other.userId } });
    expect(agents).toEqual([other.userId]);
  });

  it('refuses a wrong password with sign_in_failed and stays signed out', async () => {
    const agent = agentByLabel(t, 'helpdesk');
    const wrong: Credentials = { upn: agent.upn, password: 'not-the-password' };
    const opened: string[] = [];
    const session = createSession(t, () => wrong, { openBrowser: (url) => opened.push(url) });
    const attempt = session.signIn('interactive');
    await until(() => expect(opened).toHaveLength(1));
    const page = new PageClient(t);
    const form = readForm(await (await page.get(opened[0]!)).text(), 'signin-form');
    const answer = await page.post(form.action, { ...form.fields, username: wrong.upn, password: wrong.password });
    // The page shows Entra's error and has no form posting back to MSAL, so nothing can end the
    // sign-in: MSAL keeps waiting, and the agent cancels.
    const html = await answer.text();
    expect(answer.status).toBe(200);
    expect(html).toContain('AADSTS50126');
    expect(html).not.toContain('id="form-post"');
    expect(session.state()).toMatchObject({ status: 'pending', pending: { kind: 'browser' } });
    expect(session.cancelSignIn()).toMatchObject({ status: 'signed-out', lastError: 'Sign-in was cancelled.' });
    await expect(attempt).rejects.toMatchObject({ code: 'sign_in_failed', message: 'Sign-in was cancelled.' });
  });
});
