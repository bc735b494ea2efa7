// Microsoft's scope, consent and per-cloud rules, seen from the outside: real tokens from the demo
// tenant by ROPC through msal-node, the real Graph client over TLS, the knobs over HTTPS.
import { decodeJwt } from 'jose';
import { fetch as undiciFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, PASSWORD_METHOD, tokenFor, caught } from './graph-helpers';
import { createPca, startTestTenant, type TestTenant } from './identity-helpers';

const GA = 'global.admin@contoso.com';
const TARGET = 'alex.cloud@contoso.com';

describe('scopes in the global cloud', () => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await startTestTenant();
  });
  afterEach(() => {
    t.tenant.knobs.set({ withheldScopes: [] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses roleAssignments to a token without RoleManagement.Read.Directory, whatever the role', async () => {
    const userOnly = await clientFor(t, GA, undefined, ['User.Read.All']);
    const refused = await caught(userOnly.api('/roleManagement/directory/roleAssignments').get());
    expect(refused.statusCode).toBe(403);
    expect(refused.code).toBe('Authorization_RequestDenied');
    expect(refused.message).toBe('Insufficient privileges to complete the operation.');
    const withRoleRead = await clientFor(t, GA, undefined, ['User.Read.All', 'RoleManagement.Read.Directory']);
    const me = (await withRoleRead.api('/me').select('id').get()) as { id: string };
    const page = (await withRoleRead
      .api('/roleManagement/directory/roleAssignments')
      .filter(`principalId eq '${me.id}'`)
      .get()) as { value: unknown[] };
    expect(Array.isArray(page.value)).toBe(true);
  });

  it('refuses PATCH /users/{id} with only User.Read.All and changes nothing', async () => {
    const target = t.tenant.directory.findUserByUpn(TARGET);
    const before = target?.accountEnabled;
    const client = await clientFor(t, GA, undefined, ['User.Read.All']);
    const refused = await caught(client.api(`/users/${TARGET}`).patch({ accountEnabled: !before }));
    expect(refused.statusCode).toBe(403);
    expect(refused.code).toBe('Authorization_RequestDenied');
    expect(target?.accountEnabled).toBe(before);
    // The path itself needs a write permission, whatever property the body names.
    const name = await caught(client.api(`/users/${TARGET}`).patch({ displayName: 'Renamed' }));
    expect(name.statusCode).toBe(403);
    expect(name.code).toBe('Authorization_RequestDenied');
  });

  it('checks each $batch item against its own path', async () => {
    const client = await clientFor(t, GA, undefined, ['User.Read.All']);
    const res = (await client.api('/$batch').post({
      requests: [
        { id: 'user', method: 'GET', url: `/users/${TARGET}?$select=id` },
        { id: 'roles', method: 'GET', url: '/roleManagement/directory/roleAssignments' },
      ],
    })) as { responses: { id: string; status: number }[] };
    const status = Object.fromEntries(res.responses.map((r) => [r.id, r.status]));
    expect(status).toEqual({ user: 200, roles: 403 });
  });

  it('answers consent_required for a scope the admin withheld, and leaves it out of .default', async () => {
    const ga = t.tenant.agents.find((a) => a.upn === GA);
    if (!ga) throw new Error('no global admin');
    const before = decodeJwt(await tokenFor(t, GA, ga.password, ['.default']));
    expect(String(before.scp).split(' ')).toContain('RoleManagement.Read.Directory');

    // Over HTTPS, as a test driving a tenant in another process would.
    const put = await undiciFetch(`${t.tenant.origin}/demo/knobs`, {
      method: 'PUT',
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${await tokenFor(t, GA, ga.password, ['User.Read.All'])}` },
      body: JSON.stringify({ withheldScopes: ['RoleManagement.Read.Directory'] }),
    });
    expect(put.status).toBe(200);
    expect(t.tenant.knobs.get().withheldScopes).toEqual(['RoleManagement.Read.Directory']);

    await expect(
      createPca(t).acquireTokenByUsernamePassword({
        scopes: ['User.Read.All', 'RoleManagement.Read.Directory'],
        username: GA,
        password: ga.password,
      }),
    ).rejects.toThrow(/AADSTS65001.*RoleManagement\.Read\.Directory/);
    const after = decodeJwt(await tokenFor(t, GA, ga.password, ['.default']));
    expect(String(after.scp).split(' ')).not.toContain('RoleManagement.Read.Directory');
    expect(String(after.scp).split(' ')).toContain('User.Read.All');
  });

  it('refuses a withheld-scope knob that names no Graph permission', async () => {
    const ga = t.tenant.agents.find((a) => a.upn === GA);
    if (!ga) throw new Error('no global admin');
    const put = await undiciFetch(`${t.tenant.origin}/demo/knobs`, {
      method: 'PUT',
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${await tokenFor(t, GA, ga.password, ['User.Read.All'])}` },
      body: JSON.stringify({ withheldScopes: ['Made.Up.Scope'] }),
    });
    expect(put.status).toBe(400);
    expect(t.tenant.knobs.get().withheldScopes).toEqual([]);
  });
});

describe('the China cloud', () => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await startTestTenant({ cloud: 'china', withheldScopes: ['Mail.Send'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says which cloud it is and starts with the withheld consent', () => {
    expect(t.tenant.cloud).toBe('china');
    expect(t.tenant.knobs.get().withheldScopes).toEqual(['Mail.Send']);
  });

  it('answers resetPassword and a Temporary Access Pass as unknown segments, while users are served', async () => {
    const client = await clientFor(t, 'privileged.auth.admin@contoso.com', undefined, [
      'User.Read.All',
      'UserAuthenticationMethod.ReadWrite.All',
    ]);
    const reset = await caught(
      client.api(`/users/${TARGET}/authentication/methods/${PASSWORD_METHOD}/resetPassword`).post({}),
    );
    expect(reset.statusCode).toBe(400);
    expect(reset.code).toBe('BadRequest');
    expect(reset.message).toBe("Resource not found for the segment 'methods'.");
    const tap = await caught(client.api(`/users/${TARGET}/authentication/temporaryAccessPassMethods`).post({}));
    expect(tap.statusCode).toBe(400);
    expect(tap.message).toBe("Resource not found for the segment 'temporaryAccessPassMethods'.");
    const user = (await client.api(`/users/${TARGET}`).select('id,userPrincipalName').get()) as {
      userPrincipalName: string;
    };
    expect(user.userPrincipalName).toBe(TARGET);
  });
});
