// Registration reports (P1 only), directory audits with their filters, sendMail to the outbox,
// tenant reads, and $batch semantics.
import { describe, expect, it } from 'vitest';
import { harness } from './graph-harness';

describe('authentication methods reports', () => {
  const h = harness();
  const reader = h.as('global.reader@contoso.com');

  it('lists userRegistrationDetails with $filter and $orderby', async () => {
    const r = await reader(
      'GET',
      "/reports/authenticationMethods/userRegistrationDetails?$filter=isSsprCapable eq false and userType eq 'member'&$orderby=userPrincipalName",
    );
    expect(r.status).toBe(200);
    const upns = r.json.value.map((x: { userPrincipalName: string }) => x.userPrincipalName);
    expect(upns).toContain('nora.nomethods@contoso.com');
    expect(upns).not.toContain('alex.cloud@contoso.com');
    expect(upns).toEqual([...upns].sort((a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    const alex = await reader(
      'GET',
      `/reports/authenticationMethods/userRegistrationDetails/${h.dir.findUserByUpn('alex.cloud@contoso.com')?.id}`,
    );
    expect(alex.json).toMatchObject({
      isSsprCapable: true,
      isMfaRegistered: true,
      isAdmin: false,
      methodsRegistered: expect.arrayContaining(['mobilePhone', 'email', 'microsoftAuthenticatorPush']),
    });
    const byMethod = await reader(
      'GET',
      "/reports/authenticationMethods/userRegistrationDetails?$filter=methodsRegistered/any(m:m eq 'fido2')",
    );
    expect(byMethod.json.value.length).toBeGreaterThan(0);
    expect(
      byMethod.json.value.every((x: { methodsRegistered: string[] }) => x.methodsRegistered.includes('fido2')),
    ).toBe(true);
  });

  it("pages through every user's details with nextLink", async () => {
    const ids: string[] = [];
    let url: string | undefined = '/reports/authenticationMethods/userRegistrationDetails?$top=70';
    while (url) {
      const r = await reader('GET', url);
      ids.push(...r.json.value.map((x: { id: string }) => x.id));
      url = r.json['@odata.nextLink']?.replace(/^https:\/\/127\.0\.0\.1:9999\/v1\.0/, '');
    }
    expect(ids).toHaveLength(h.dir.users.length);
    expect(new Set(ids).size).toBe(h.dir.users.length);
  });

  it('summarises by feature and by method', async () => {
    const f = await reader(
      'GET',
      "/reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='admin')",
    );
    expect(f.status).toBe(200);
    expect(f.json.userRoles).toBe('admin');
    expect(f.json.userRegistrationFeatureCounts.map((c: { feature: string }) => c.feature)).toEqual([
      'ssprRegistered',
      'ssprEnabled',
      'ssprCapable',
      'passwordlessCapable',
      'mfaCapable',
    ]);
    const m = await reader('GET', '/reports/authenticationMethods/usersRegisteredByMethod()');
    expect(m.json.totalUserCount).toBe(h.dir.users.length);
    expect(
      m.json.userRegistrationMethodCounts.find(
        (c: { authenticationMethod: string }) => c.authenticationMethod === 'mobilePhone',
      ).userCount,
    ).toBeGreaterThan(0);
  });

  it('is refused without P1, and to roles without report access', async () => {
    const basic = harness({ premium: false });
    const r = await basic.as('global.reader@contoso.com')(
      'GET',
      '/reports/authenticationMethods/userRegistrationDetails',
    );
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    expect(
      (await h.as('helpdesk@contoso.com')('GET', '/reports/authenticationMethods/userRegistrationDetails')).status,
    ).toBe(403);
    expect(
      (await h.as('team.lead@contoso.com')('GET', '/reports/authenticationMethods/userRegistrationDetails')).status,
    ).toBe(200);
  });
});

describe('directory audits', () => {
  it('records admin actions and filters by service, time and target', async () => {
    const h = harness();
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    await h.as('helpdesk@contoso.com')('POST', '/users/alex.cloud@contoso.com/revokeSignInSessions');
    const reader = h.as('team.lead@contoso.com');
    const byTarget = await reader(
      'GET',
      `/auditLogs/directoryAudits?$filter=targetResources/any(t:t/id eq '${alex?.id}') and loggedByService eq 'Core Directory'`,
    );
    expect(byTarget.status).toBe(200);
    expect(byTarget.json.value).toHaveLength(1);
    expect(byTarget.json.value[0]).toMatchObject({
      activityDisplayName: 'Invalidate all refresh tokens for user',
      initiatedBy: { user: { userPrincipalName: 'helpdesk@contoso.com' } },
    });
    const sspr = await reader(
      'GET',
      "/auditLogs/directoryAudits?$filter=loggedByService eq 'Self-service Password Management' and activityDateTime ge 2026-10-20T00:00:00Z&$top=5",
    );
    expect(sspr.json.value).toHaveLength(5);
    const times = sspr.json.value.map((a: { activityDateTime: string }) => a.activityDateTime);
    expect(times).toEqual([...times].sort().reverse());
    expect(sspr.json['@odata.nextLink']).toContain('$skiptoken=');
    expect((await h.as('helpdesk@contoso.com')('GET', '/auditLogs/directoryAudits')).status).toBe(403);
    // TAP and password changes are recorded too, with who did them.
    await h.as('authentication.admin@contoso.com')(
      'POST',
      '/users/alex.cloud@contoso.com/authentication/temporaryAccessPassMethods',
      { body: {} },
    );
    await h.as('user.admin@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', {
      body: { passwordProfile: { password: 'Blue-Kettle-Orbit-93' } },
    });
    const mine = await reader(
      'GET',
      `/auditLogs/directoryAudits?$filter=targetResources/any(t:t/id eq '${alex?.id}')&$orderby=activityDateTime asc`,
    );
    const acts = mine.json.value.map((a: { activityDisplayName: string }) => a.activityDisplayName);
    expect(acts.slice(-3)).toEqual([
      'Invalidate all refresh tokens for user',
      'Admin registered temporary access pass method for user',
      'Reset password (by admin)',
    ]);
    expect(mine.json.value.at(-1).additionalDetails).toContainEqual({ key: 'OnPremisesAgent', value: 'None' });
    expect((await reader('GET', "/auditLogs/directoryAudits?$filter=resultReason eq 'x'")).status).toBe(400);
  });
});

describe('sendMail', () => {
  it('puts the message in the outbox (202) as the signed-in user only', async () => {
    const h = harness();
    const msg = {
      message: {
        subject: 'Your code',
        body: { contentType: 'Text', content: 'Code 123456' },
        toRecipients: [{ emailAddress: { address: 'alex.cloud@outlook.example' } }],
      },
      saveToSentItems: false,
    };
    const r = await h.as('helpdesk@contoso.com')('POST', '/me/sendMail', { body: msg });
    expect(r.status).toBe(202);
    expect(r.body).toBeUndefined();
    expect(h.dir.outbox).toEqual([
      expect.objectContaining({
        kind: 'mail',
        to: 'alex.cloud@outlook.example',
        from: 'helpdesk@contoso.com',
        subject: 'Your code',
        body: 'Code 123456',
      }),
    ]);
    expect(
      (await h.as('helpdesk@contoso.com')('POST', '/users/alex.cloud@contoso.com/sendMail', { body: msg })).status,
    ).toBe(403);
    expect(
      (await h.as('helpdesk@contoso.com')('POST', '/users/helpdesk@contoso.com/sendMail', { body: msg })).status,
    ).toBe(202);
    expect(
      (await h.as('helpdesk@contoso.com')('POST', '/me/sendMail', { body: msg, scopes: ['User.Read'] })).status,
    ).toBe(403);
    expect(
      (await h.as('helpdesk@contoso.com')('POST', '/me/sendMail', { body: { message: { toRecipients: [] } } })).json
        .error.code,
    ).toBe('ErrorInvalidRecipients');
  });
});

describe('tenant reads', () => {
  it('serves domains with password expiry, the policy (to policy readers only) and SKUs', async () => {
    const h = harness({ tap: { state: 'disabled' } });
    const d = await h.as('helpdesk@contoso.com')('GET', '/domains');
    expect(d.json.value[0]).toMatchObject({
      id: 'contoso.com',
      passwordValidityPeriodInDays: 90,
      passwordNotificationWindowInDays: 14,
    });
    const p = await h.as('global.reader@contoso.com')('GET', '/policies/authenticationMethodsPolicy');
    const tap = p.json.authenticationMethodConfigurations.find((c: { id: string }) => c.id === 'TemporaryAccessPass');
    expect(tap).toMatchObject({
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
      state: 'disabled',
      minimumLifetimeInMinutes: 60,
    });
    expect((await h.as('helpdesk@contoso.com')('GET', '/policies/authenticationMethodsPolicy')).status).toBe(403);
    expect(
      // Microsoft's permission map grants a named configuration to Policy.Read.AuthenticationMethod
      // (and ReadWrite), not to Policy.Read.All (rules/scopes.ts).
      (
        await h.as('global.reader@contoso.com')(
          'GET',
          '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms',
          { scopes: ['Policy.Read.AuthenticationMethod'] },
        )
      ).json.id,
    ).toBe('Sms');
    expect((await h.as('helpdesk@contoso.com')('GET', '/subscribedSkus')).json.value[0].skuPartNumber).toBe('SPE_E5');
    expect((await h.as('helpdesk@contoso.com')('GET', '/organization')).json.value[0].id).toBe(h.dir.tenant.tenantId);
  });
});

describe('$batch', () => {
  const h = harness();
  const ga = h.as('global.admin@contoso.com');

  it('runs up to 20 relative requests with per-item status and headers', async () => {
    const r = await ga('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users/alex.cloud@contoso.com?$select=id' },
          { id: '2', method: 'GET', url: 'users/nobody@contoso.com' },
          {
            id: '3',
            method: 'GET',
            url: '/users?$search="displayName:alex"',
            headers: { ConsistencyLevel: 'eventual' },
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.responses.map((x: { id: string; status: number }) => [x.id, x.status])).toEqual([
      ['1', 200],
      ['2', 404],
      ['3', 200],
    ]);
  });

  it('refuses more than 20 requests and duplicate ids with 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
    expect((await ga('POST', '/$batch', { body: { requests: many } })).status).toBe(400);
    const dup = await ga('POST', '/$batch', {
      body: {
        requests: [
          { id: 'a', method: 'GET', url: '/me' },
          { id: 'a', method: 'GET', url: '/me' },
        ],
      },
    });
    expect(dup.status).toBe(400);
    expect(dup.json.error.message).toContain('duplicated');
  });

  it('fails dependants of a failed request with 424 and throttles items one by one', async () => {
    h.throttleNext.push({
      status: 429,
      headers: { 'Retry-After': '3' },
      body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
    });
    const r = await ga('POST', '/$batch', {
      body: {
        requests: [
          { id: 'a', method: 'GET', url: '/me' },
          { id: 'b', method: 'GET', url: '/users/nobody@contoso.com' },
          { id: 'c', method: 'GET', url: '/me', dependsOn: ['b'] },
          { id: 'd', method: 'GET', url: '/me', dependsOn: ['a'] },
        ],
      },
    });
    const byId = Object.fromEntries(r.json.responses.map((x: { id: string }) => [x.id, x]));
    expect(byId.a.status).toBe(429);
    expect(byId.a.headers['Retry-After']).toBe('3');
    expect(byId.b.status).toBe(404);
    expect(byId.c.status).toBe(424);
    expect(byId.d.status).toBe(424);
  });
});
