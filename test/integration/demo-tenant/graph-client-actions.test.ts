// Helpdesk actions with the REAL Graph client and msal-node over TLS: resetPassword to succeeded
// and to failed, the role table's 403s, TAP policy errors, sendMail to the outbox, revoked sessions.
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type { LongRunningOperation, TemporaryAccessPassAuthenticationMethod } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPca, SIGN_IN_ONLY_SCOPES, startTestTenant, type TestTenant } from './identity-helpers';
import { clientFor, expectDocumentedShape, PASSWORD_METHOD, caught } from './graph-helpers';

let t: TestTenant;
let helpdesk: Client;
/** Helpdesk Administrators may start a reset but not read its operation (longrunningoperation-get.md). */
let opReader: Client;
beforeAll(async () => {
  // Microsoft's documented windows a hundred times shorter: these tests are about the actions, and their
  // report-limited requests (5 per 10 s) would otherwise wait the windows out. The limits stay on.
  t = await startTestTenant({ users: 200, seed: 7, knobs: { throttlingTimeScale: 0.01 } });
  helpdesk = await clientFor(t, 'helpdesk@contoso.com');
  opReader = await clientFor(t, 'authentication.admin@contoso.com');
});
afterAll(async () => {
  await t?.close();
});

const resetPath = (upn: string): string => `/users/${upn}/authentication/methods/${PASSWORD_METHOD}/resetPassword`;

/** RAW response type: the client hands back the Response (headers included) without throwing on 4xx. */
async function startReset(c: Client, upn: string, newPassword?: string): Promise<Response> {
  return (await c
    .api(resetPath(upn))
    .responseType(ResponseType.RAW)
    .post(newPassword === undefined ? {} : { newPassword })) as Response;
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function pollToEnd(c: Client, location: string): Promise<LongRunningOperation[]> {
  const seen: LongRunningOperation[] = [];
  for (let i = 0; i < 10; i++) {
    const op = (await c.api(location).get()) as LongRunningOperation;
    seen.push(op);
    if (op.status === 'succeeded' || op.status === 'failed') break;
  }
  return seen;
}

describe('resetPassword', () => {
  it('runs to succeeded; the user must then change the new password at sign-in', async () => {
    // The directory clock stands still while the operation is followed, so it moves one step per poll
    // (model-operations.ts) however slowly this machine polls: no timing in the assertion.
    const accepted = t.tenant.directory.now().getTime();
    t.tenant.directory.setClock(() => accepted);
    let ops: LongRunningOperation[];
    try {
      const res = await startReset(helpdesk, 'alex.cloud@contoso.com', 'Blue-Kettle-Orbit-93');
      expect(res.status).toBe(202);
      const location = res.headers.get('location') ?? '';
      expect(location.startsWith(`${t.tenant.graphBaseUrl}/users/`)).toBe(true);
      expect(res.headers.get('retry-after')).toBe('1');
      ops = await pollToEnd(opReader, location);
    } finally {
      t.tenant.directory.setClock(Date.now);
    }
    expect(ops.map((o) => o.status)).toEqual(['notStarted', 'running', 'succeeded']);
    expectDocumentedShape<LongRunningOperation>(ops[2], [
      'id',
      'createdDateTime',
      'lastActionDateTime',
      'status',
      'statusDetail',
      'resourceLocation',
    ]);
    // The old password is gone; the new one is accepted but must be changed first (AADSTS50055, not 50126).
    // The user signs in for themselves, asking no Graph permission (SIGN_IN_ONLY_SCOPES).
    const pca = createPca(t);
    await expect(
      pca.acquireTokenByUsernamePassword({
        scopes: SIGN_IN_ONLY_SCOPES,
        username: 'alex.cloud@contoso.com',
        password: 'DemoUser!2026',
      }),
    ).rejects.toThrow(/AADSTS50126/);
    await expect(
      pca.acquireTokenByUsernamePassword({
        scopes: SIGN_IN_ONLY_SCOPES,
        username: 'alex.cloud@contoso.com',
        password: 'Blue-Kettle-Orbit-93',
      }),
    ).rejects.toThrow(/AADSTS50055/);
    const audits = (await (
      await clientFor(t, 'team.lead@contoso.com')
    )
      .api('/auditLogs/directoryAudits')
      .filter(
        `activityDisplayName eq 'Reset password (by admin)' and targetResources/any(t:t/userPrincipalName eq 'alex.cloud@contoso.com')`,
      )
      .get()) as {
      value: {
        additionalDetails: { key: string; value: string }[];
        initiatedBy: { user: { userPrincipalName: string } };
      }[];
    };
    expect(audits.value).toHaveLength(1);
    expect(audits.value[0]?.initiatedBy.user.userPrincipalName).toBe('helpdesk@contoso.com');
    expect(audits.value[0]?.additionalDetails).toContainEqual({ key: 'OnPremisesAgent', value: 'None' });
  });

  it('runs to failed when the fault knob says so, leaving the password as it was', async () => {
    t.tenant.knobs.set({
      faults: [{ pattern: '^POST /users/.*/resetPassword$', fault: { kind: 'reset-operation-fails' }, times: 1 }],
    });
    const res = await startReset(helpdesk, 'nora.nomethods@contoso.com', 'Blue-Kettle-Orbit-93');
    const ops = await pollToEnd(opReader, res.headers.get('location') ?? '');
    expect(ops.at(-1)?.status).toBe('failed');
    expect(ops.at(-1)?.statusDetail).toBeTruthy();
    const nora = t.tenant.directory.findUserByUpn('nora.nomethods@contoso.com');
    expect(nora && t.tenant.directory.checkPassword(nora.id, 'DemoUser!2026')).toBe(true);
    t.tenant.knobs.set({ faults: [] });
  });

  it("refuses a synced user without newPassword, and weak passwords, with Graph's 400", async () => {
    const r1 = await startReset(helpdesk, 'sam.synced@contoso.com');
    expect(r1.status).toBe(400);
    const r2 = await startReset(helpdesk, 'evan.expired@contoso.com', 'password');
    expect(r2.status).toBe(400);
    expect(await errorCode(r2)).toBe('Request_BadRequest');
  });
});

describe('the role table over the wire', () => {
  const Y = true;
  const N = false;
  const agents = [
    ['password.admin@contoso.com', 'PwdAdm!Demo2026'],
    ['helpdesk@contoso.com', 'Helpdesk!Demo2026'],
    ['authentication.admin@contoso.com', 'AuthAdm!Demo2026'],
    ['user.admin@contoso.com', 'UserAdm!Demo2026'],
    ['privileged.auth.admin@contoso.com', 'PrivAuth!Demo2026'],
    ['global.admin@contoso.com', 'GlobalAdm!Demo2026'],
  ] as const;
  // One target per row of Microsoft's table; columns as `agents`.
  const rows: [string, boolean[]][] = [
    ['evan.expired@contoso.com', [Y, Y, Y, Y, Y, Y]],
    ['target.directoryreaders@contoso.com', [Y, Y, Y, Y, Y, Y]],
    ['target.helpdeskadministrator@contoso.com', [N, Y, N, Y, Y, Y]],
    ['target.reportsreader@contoso.com', [N, Y, Y, Y, Y, Y]],
    ['target.authenticationadministrator@contoso.com', [N, N, Y, N, Y, Y]],
    ['target.useradministrator@contoso.com', [N, N, N, Y, Y, Y]],
    ['target.globaladministrator@contoso.com', [N, N, N, N, Y, Y]],
    ['target.privilegedroleadministrator@contoso.com', [N, N, N, N, Y, Y]],
    ['rory.rolegroup@contoso.com', [N, N, N, N, Y, Y]],
    ['target.exchangeadministrator@contoso.com', [N, N, N, N, Y, Y]],
  ];

  it('answers 403 Authorization_RequestDenied for every forbidden pair and 202 for the others', async () => {
    // This test is about the role table, not throttling: its 60 resetPassword calls would otherwise wait
    // out Microsoft's reports limit (5 requests per 10 s per app per tenant for authentication methods,
    // concepts/throttling-limits.md + includes/throttling-entra-logs-reports.md), about two minutes.
    // That limit stays covered by test/unit/demo-tenant/rules-throttling.test.ts.
    t.tenant.knobs.set({ throttling: 'off' });
    try {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const [i, [upn, password]] of agents.entries()) {
        const c = await clientFor(t, upn, password);
        for (const [target, allowed] of rows) {
          expected.push(`${upn} → ${target}: ${allowed[i] ? 202 : '403 Authorization_RequestDenied'}`);
          const res = await startReset(c, target, 'Blue-Kettle-Orbit-93');
          outcomes.push(`${upn} → ${target}: ${res.status === 202 ? 202 : `${res.status} ${await errorCode(res)}`}`);
        }
      }
      expect(outcomes).toEqual(expected);
    } finally {
      t.tenant.knobs.set({ throttling: 'documented' });
    }
  });
});

describe('Temporary Access Pass', () => {
  it('is created by an Authentication Administrator and refused outside the policy', async () => {
    const aa = await clientFor(t, 'authentication.admin@contoso.com');
    const tap = (await aa
      .api('/users/alex.cloud@contoso.com/authentication/temporaryAccessPassMethods')
      .post({ lifetimeInMinutes: 60, isUsableOnce: true })) as TemporaryAccessPassAuthenticationMethod;
    expectDocumentedShape<TemporaryAccessPassAuthenticationMethod>(tap, [
      'id',
      'temporaryAccessPass',
      'createdDateTime',
      'startDateTime',
      'lifetimeInMinutes',
      'isUsableOnce',
      'isUsable',
      'methodUsabilityReason',
    ]);
    expect(tap.temporaryAccessPass).toHaveLength(8);
    const tooLong = await caught(
      aa
        .api('/users/alex.cloud@contoso.com/authentication/temporaryAccessPassMethods')
        .post({ lifetimeInMinutes: 10_000 }),
    );
    expect(tooLong.statusCode).toBe(400);
    const hd = await caught(
      helpdesk.api('/users/alex.cloud@contoso.com/authentication/temporaryAccessPassMethods').post({}),
    );
    expect(hd.statusCode).toBe(403);
    t.tenant.directory.policy.tap.state = 'disabled';
    try {
      const off = await caught(
        aa.api('/users/alex.cloud@contoso.com/authentication/temporaryAccessPassMethods').post({}),
      );
      expect(off.statusCode).toBe(400);
    } finally {
      t.tenant.directory.policy.tap.state = 'enabled';
    }
  });
});

describe('sendMail and sessions', () => {
  it('puts a sent code in the outbox', async () => {
    await helpdesk.api('/me/sendMail').post({
      message: {
        subject: 'Resetline verification',
        body: { contentType: 'Text', content: 'Your code is 482913' },
        toRecipients: [{ emailAddress: { address: 'alex.cloud@outlook.example' } }],
      },
      saveToSentItems: false,
    });
    expect(t.tenant.outbox.list({ kind: 'mail', to: 'alex.cloud@outlook.example' })).toEqual([
      expect.objectContaining({
        from: 'helpdesk@contoso.com',
        subject: 'Resetline verification',
        body: 'Your code is 482913',
      }),
    ]);
  });

  it("revokes sign-in sessions so the user's refresh token stops working", async () => {
    const pca = createPca(t);
    const r = await pca.acquireTokenByUsernamePassword({
      scopes: SIGN_IN_ONLY_SCOPES,
      username: 'erin.everything@contoso.com',
      password: 'DemoUser!2026',
    });
    const account = r?.account;
    if (!account) throw new Error('no account');
    // Let a second pass so the revocation is strictly later than the token's issue time.
    t.tenant.directory.setClock(() => Date.now() + 2000);
    try {
      const revoked = (await helpdesk.api('/users/erin.everything@contoso.com/revokeSignInSessions').post({})) as {
        value: boolean;
      };
      expect(revoked.value).toBe(true);
      await expect(
        pca.acquireTokenSilent({ account, scopes: SIGN_IN_ONLY_SCOPES, forceRefresh: true }),
      ).rejects.toThrow();
    } finally {
      t.tenant.directory.setClock(Date.now);
    }
  });
});
