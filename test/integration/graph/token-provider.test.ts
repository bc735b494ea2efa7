// The gateway takes the agent's token from the provider core/auth hands it and reads nothing of MSAL:
// a provider's ResetlineError reaches the gateway's caller with its code and words (core/auth chose
// them), nothing is sent to Graph without a token, and a failure that is not in the agent's words is
// not passed on (nor interpreted here: mapping MSAL's errors is core/auth's job). The real Graph client
// and its middleware chain, against the demo tenant over TLS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/main/core/graph/client';
import { searchUsers } from '../../../src/main/core/graph/users';
import { setLogSink } from '../../../src/main/core/log';
import { ResetlineError } from '../../../src/shared/result';
import { tokenFor } from '../demo-tenant/graph-helpers';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';

let t: TestTenant;
let token: string;
const logLines: string[] = [];

beforeAll(async () => {
  t = await startTestTenant({ users: 20 });
  const reader = t.tenant.directory.agents.find((a) => a.label === 'global-reader')!;
  token = await tokenFor(t, reader.upn, reader.password, ['User.Read.All']);
  setLogSink((line) => logLines.push(line), 'warn');
});
afterAll(async () => {
  setLogSink((line) => process.stderr.write(`${line}\n`), 'info');
  await t?.close();
});

/** The app's Graph client with the given token provider; `sent` records every request that left. */
function clientWith(getAccessToken: () => Promise<string>, sent: string[] = []) {
  return createGraphClient({
    graphOrigin: t.tenant.origin,
    getAccessToken,
    dispatcher: t.dispatcher,
    onRequest: (_method, url) => sent.push(url),
  });
}

describe("the gateway and the token provider's failures", () => {
  it('answers with a token the provider gives', async () => {
    const sent: string[] = [];
    const result = await searchUsers(
      clientWith(() => Promise.resolve(token), sent),
      'a@',
    );
    expect(result.matchedBy).toBe('upn-or-mail');
    expect(sent).toHaveLength(1);
  });

  it.each([
    ['signed_out', 'Your sign-in has expired or was revoked. Sign in again.'],
    ['consent_required', "Your tenant has not consented to Resetline's permissions."],
    ['network', 'Could not reach the sign-in service. Check the network and try again.'],
  ] as const)("passes on the provider's %s as it is and sends nothing", async (code, message) => {
    const sent: string[] = [];
    const client = clientWith(() => Promise.reject(new ResetlineError(code, message)), sent);
    const failure = await searchUsers(client, 'a@').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResetlineError);
    expect(failure).toMatchObject({ code, message });
    expect(sent).toEqual([]);
  });

  it('does not read an MSAL error itself: its text is neither interpreted nor shown, only logged', async () => {
    const sent: string[] = [];
    // What MSAL throws for a withheld consent; core/auth would have said "consent_required" in its words.
    const msal = Object.assign(new Error('AADSTS65001: The user or administrator has not consented'), {
      errorCode: 'invalid_grant',
      errorMessage: "AADSTS65001: Scope not consented: 'User.Read.All'",
    });
    const failure = await searchUsers(
      clientWith(() => Promise.reject(msal), sent),
      'a@',
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResetlineError);
    expect(failure).toMatchObject({ code: 'sign_in_failed' });
    expect((failure as ResetlineError).message).not.toMatch(/AADSTS|consent/i);
    expect(sent).toEqual([]);
    expect(logLines.some((line) => line.includes('the token provider failed'))).toBe(true);
  });
});
