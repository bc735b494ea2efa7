// Microsoft's per-API roles, method rules and sync over TLS with real tokens and the real Graph
// client: a Helpdesk Administrator's reset confirmed through lastPasswordChangeDateTime (the operation
// is not theirs to read), a unit-scoped Helpdesk Administrator, role assignments, the TAP policy's
// readers, sending from a shared mailbox, the default MFA phone, and AD's accountEnabled winning.
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type { UnifiedRoleAssignment, User } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_TIMING } from '../../../src/demo-tenant/model-operations';
import { ROLE } from '../../../src/demo-tenant/roles';
import { startTestTenant, type TestTenant } from './identity-helpers';
import { clientFor, PASSWORD_METHOD, caught } from './graph-helpers';

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const CONSENT = [
  'User.Read',
  'User.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'User.EnableDisableAccount.All',
  'RoleManagement.Read.Directory',
  'Policy.Read.All',
  'Policy.Read.AuthenticationMethod',
  'Mail.Send',
  'Mail.Send.Shared',
];
const AGENT_SCOPES = ['User.Read.All', 'UserAuthenticationMethod.ReadWrite.All'];

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({
    users: 200,
    seed: 7,
    consentedScopes: CONSENT,
    now: NOW,
    freezeClock: true,
    // Microsoft's documented windows a hundred times shorter: these tests are about the roles and rules,
    // and their report-limited requests (5 per 10 s) would otherwise wait the windows out.
    knobs: { throttlingTimeScale: 0.01 },
  });
});
afterAll(async () => {
  await t?.close();
});

const resetPath = (upn: string): string => `/users/${upn}/authentication/methods/${PASSWORD_METHOD}/resetPassword`;

async function startReset(c: Client, upn: string): Promise<Response> {
  return (await c
    .api(resetPath(upn))
    .responseType(ResponseType.RAW)
    .post({ newPassword: 'Blue-Kettle-Orbit-93' })) as Response;
}

describe('a Helpdesk Administrator’s reset', () => {
  it('is accepted, its operation is not theirs to read, and lastPasswordChangeDateTime confirms it', async () => {
    const hd = await clientFor(t, 'helpdesk@contoso.com', undefined, AGENT_SCOPES);
    const before = ((await hd.api('/users/alex.cloud@contoso.com').select('lastPasswordChangeDateTime').get()) as User)
      .lastPasswordChangeDateTime;
    const res = await startReset(hd, 'alex.cloud@contoso.com');
    expect(res.status).toBe(202);
    const location = res.headers.get('location') ?? '';
    const denied = await caught(hd.api(location).get());
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe('Authorization_RequestDenied');
    const aa = await clientFor(t, 'authentication.admin@contoso.com', undefined, AGENT_SCOPES);
    expect(((await aa.api(location).get()) as { status: string }).status).toBe('notStarted');
    // The operation finishes on the directory's clock whether or not anyone polls it.
    t.tenant.directory.setClock(() => NOW + OPERATION_TIMING.cloudCompletesAfterMs);
    const after = ((await hd.api('/users/alex.cloud@contoso.com').select('lastPasswordChangeDateTime').get()) as User)
      .lastPasswordChangeDateTime;
    expect(after).not.toBe(before);
    // Written to the second, as user.md's example shows ("2014-01-01T00:00:00Z",
    // api-reference/v1.0/resources/user.md): an operation finishing at x.500 s reads as x s.
    expect(after).toBe(new Date(NOW + OPERATION_TIMING.cloudCompletesAfterMs).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    t.tenant.directory.setClock(() => NOW);
  });

  it('reaches the members of an administrative unit for a unit-scoped Helpdesk Administrator, nobody else', async () => {
    const au = await clientFor(t, 'au.helpdesk@contoso.com', undefined, AGENT_SCOPES);
    expect((await startReset(au, 'sally.sales@contoso.com')).status).toBe(202);
    const refused = await startReset(au, 'evan.expired@contoso.com');
    expect(refused.status).toBe(403);
  });
});

describe('role assignments', () => {
  it('lists a unit-scoped assignment with its directoryScopeId, to the roles the page names', async () => {
    const auAgent = t.tenant.directory.findUserByUpn('au.helpdesk@contoso.com');
    const path = `/roleManagement/directory/roleAssignments`;
    const filter = `principalId eq '${auAgent?.id ?? ''}'`;
    const unit = t.tenant.directory.administrativeUnitsOf(
      t.tenant.directory.findUserByUpn('sally.sales@contoso.com')?.id ?? '',
    )[0];
    // au.helpdesk holds the tenant-wide Directory Readers role and the unit-scoped Helpdesk Administrator
    // (sorted by directoryScopeId: '/' first).
    const expected = [
      expect.objectContaining({
        principalId: auAgent?.id,
        roleDefinitionId: ROLE.directoryReaders,
        directoryScopeId: '/',
        roleDefinition: expect.objectContaining({ displayName: 'Directory Readers', isBuiltIn: true }),
      }),
      expect.objectContaining({
        principalId: auAgent?.id,
        roleDefinitionId: ROLE.helpdeskAdministrator,
        directoryScopeId: `/administrativeUnits/${unit?.id ?? ''}`,
        roleDefinition: expect.objectContaining({ displayName: 'Helpdesk Administrator', isBuiltIn: true }),
      }),
    ];
    const byScope = (a: UnifiedRoleAssignment, b: UnifiedRoleAssignment): number =>
      (a.directoryScopeId ?? '').localeCompare(b.directoryScopeId ?? '');
    // A tenant-wide Helpdesk Administrator is not among the roles the page names (Directory Readers,
    // Global Reader, Privileged Role Administrator: rbacapplication-list-roleassignments.md).
    const helpdesk = await clientFor(t, 'helpdesk@contoso.com', undefined, ['RoleManagement.Read.Directory']);
    expect((await caught(helpdesk.api(path).filter(filter).get())).statusCode).toBe(403);
    // Directory Readers is: the unit-scoped agent, who holds it, may list its own assignments.
    const self = await clientFor(t, 'au.helpdesk@contoso.com', undefined, ['RoleManagement.Read.Directory']);
    const own = (await self.api(path).filter(filter).expand('roleDefinition').get()) as {
      value: UnifiedRoleAssignment[];
    };
    expect([...own.value].sort(byScope)).toEqual(expected);
    const reader = await clientFor(t, 'global.reader@contoso.com', undefined, ['RoleManagement.Read.Directory']);
    const r = (await reader.api(path).filter(filter).expand('roleDefinition').get()) as {
      value: UnifiedRoleAssignment[];
    };
    expect([...r.value].sort(byScope)).toEqual(expected);
    const ga = t.tenant.directory.findUserByUpn('global.admin@contoso.com');
    const tenantWide = (await reader
      .api(path)
      .filter(`principalId eq '${ga?.id ?? ''}'`)
      .get()) as {
      value: UnifiedRoleAssignment[];
    };
    expect(tenantWide.value).toEqual([
      expect.objectContaining({ roleDefinitionId: ROLE.globalAdministrator, directoryScopeId: '/' }),
    ]);
  });
});

describe('the Temporary Access Pass policy', () => {
  it('is read by a Global Reader, not by an Authentication Administrator', async () => {
    const path = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass';
    const scopes = ['Policy.Read.All', 'Policy.Read.AuthenticationMethod'];
    const aa = await clientFor(t, 'authentication.admin@contoso.com', undefined, scopes);
    expect((await caught(aa.api(path).get())).statusCode).toBe(403);
    const gr = await clientFor(t, 'global.reader@contoso.com', undefined, scopes);
    expect(((await gr.api(path).get()) as { id: string }).id).toBe('TemporaryAccessPass');
  });
});

describe('sending from the shared mailbox', () => {
  const message = {
    message: {
      subject: 'Your reset',
      body: { contentType: 'Text', content: 'Call us back.' },
      toRecipients: [{ emailAddress: { address: 'alex.cloud@outlook.example' } }],
    },
  };

  it('needs Mail.Send.Shared and Send As on the mailbox', async () => {
    const path = '/users/servicedesk@contoso.com/sendMail';
    const sendOnly = await clientFor(t, 'helpdesk@contoso.com', undefined, ['Mail.Send']);
    expect((await caught(sendOnly.api(path).post(message))).statusCode).toBe(403);
    const shared = await clientFor(t, 'helpdesk@contoso.com', undefined, ['Mail.Send', 'Mail.Send.Shared']);
    await shared.api(path).post(message);
    expect(t.tenant.outbox.list({ to: 'alex.cloud@outlook.example' }).at(-1)).toMatchObject({
      from: 'servicedesk@contoso.com',
      subject: 'Your reset',
    });
    // A user the mailbox granted nothing: Exchange's documented refusal.
    const staff = await clientFor(t, 'staff.member@contoso.com', undefined, ['Mail.Send', 'Mail.Send.Shared']);
    const e = await caught(staff.api(path).post(message));
    expect(e.statusCode).toBe(403);
    expect(e.code).toBe('ErrorSendAsDenied');
  });
});

describe('methods and sync', () => {
  it("refuses to delete the phone that is the user's default MFA method", async () => {
    const aa = await clientFor(t, 'authentication.admin@contoso.com', undefined, AGENT_SCOPES);
    const e = await caught(
      aa
        .api('/users/evan.expired@contoso.com/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7')
        .delete(),
    );
    expect(e.statusCode).toBe(400);
    expect(e.code).toBe('badRequest');
  });

  it("puts AD's disabled state back at the next sync cycle after a cloud re-enable", async () => {
    const ua = await clientFor(t, 'user.admin@contoso.com', undefined, [
      'User.Read.All',
      'User.EnableDisableAccount.All',
    ]);
    await ua.api('/users/olive.offboarded@contoso.com').patch({ accountEnabled: true });
    const read = async (): Promise<boolean | null | undefined> =>
      ((await ua.api('/users/olive.offboarded@contoso.com').select('accountEnabled').get()) as User).accountEnabled;
    expect(await read()).toBe(true);
    t.tenant.directory.syncTick();
    expect(await read()).toBe(false);
  });
});
