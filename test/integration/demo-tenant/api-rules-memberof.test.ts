// Roles read the way Microsoft serves them, over TLS with real tokens and the real Graph client:
// casts need ConsistencyLevel + $count (also per $batch item), limited information without
// RoleManagement.Read.Directory, roles through a role-assignable group, and a raw '#' in a filter
// arriving as a fragment.
import { connect } from 'node:tls';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { DirectoryRole } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../../../src/demo-tenant/roles';
import { graphClient, startTestTenant, type TestTenant } from './identity-helpers';
import { clientFor, tokenFor, caught } from './graph-helpers';

/** Consent for this file's tokens (the registration's default consent is another helper's subject). */
const CONSENT = [
  'User.Read',
  'User.Read.All',
  'RoleManagement.Read.Directory',
  'GroupMember.Read.All',
  'Directory.Read.All',
];
const ROLES_SCOPES = ['User.Read.All', 'RoleManagement.Read.Directory', 'GroupMember.Read.All'];
const GROUP_AGENT = 'group.helpdesk@contoso.com';

let t: TestTenant;
let agent: Client;
beforeAll(async () => {
  t = await startTestTenant({ users: 200, seed: 7, consentedScopes: CONSENT });
  agent = await clientFor(t, GROUP_AGENT, undefined, ROLES_SCOPES);
});
afterAll(async () => {
  await t?.close();
});

describe('directory roles through transitiveMemberOf', () => {
  it('returns the Helpdesk Administrator role held through a role-assignable group, in full', async () => {
    const r = (await agent
      .api('/me/transitiveMemberOf/microsoft.graph.directoryRole')
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .get()) as { value: DirectoryRole[]; '@odata.count': number };
    expect(r['@odata.count']).toBe(1);
    expect(r.value).toEqual([
      expect.objectContaining({ displayName: 'Helpdesk Administrator', roleTemplateId: ROLE.helpdeskAdministrator }),
    ]);
    // memberOf is direct only: the role belongs to the group.
    const direct = (await agent
      .api('/me/memberOf/microsoft.graph.directoryRole')
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .get()) as { value: DirectoryRole[] };
    expect(direct.value).toEqual([]);
  });

  it('refuses the cast without the advanced-query parameters', async () => {
    const e = await caught(agent.api('/me/transitiveMemberOf/microsoft.graph.directoryRole').get());
    expect(e.statusCode).toBe(400);
    expect(e.code).toBe('Request_UnsupportedQuery');
  });

  it('gives only type and id to a token that cannot read roles', async () => {
    const token = await tokenFor(t, GROUP_AGENT, 'GroupHelp!Demo2026', ['User.Read.All']);
    const c = graphClient(t, () => Promise.resolve(token));
    const r = (await c
      .api('/me/transitiveMemberOf/microsoft.graph.directoryRole')
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .get()) as { value: (DirectoryRole & { id: string })[] };
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({ displayName: null, roleTemplateId: null });
    expect(r.value[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('checks each $batch item with its own headers', async () => {
    const url = '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true';
    const r = (await agent.api('/$batch').post({
      requests: [
        { id: 'bare', method: 'GET', url },
        { id: 'eventual', method: 'GET', url, headers: { ConsistencyLevel: 'eventual' } },
      ],
    })) as { responses: { id: string; status: number; body: { value?: DirectoryRole[] } }[] };
    const byId = new Map(r.responses.map((x) => [x.id, x]));
    expect(byId.get('bare')?.status).toBe(400);
    expect(byId.get('eventual')?.status).toBe(200);
    expect(byId.get('eventual')?.body.value?.[0]?.roleTemplateId).toBe(ROLE.helpdeskAdministrator);
  });
});

/** One HTTP/1.1 request written by hand, so the request line carries exactly these bytes. */
function rawGet(target: string, token: string): Promise<{ status: number; body: string }> {
  const url = new URL(t.tenant.origin);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      ca: t.tenant.caCertPem,
      servername: undefined,
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? '0');
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('secureConnect', () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
      );
    });
  });
}

describe('what must arrive percent-encoded', () => {
  it("reads a raw '#' as the start of a fragment and a raw '&' as a new parameter", async () => {
    const token = await tokenFor(t, GROUP_AGENT, 'GroupHelp!Demo2026', ['User.Read.All']);
    const guest = 'gus.guest_fabrikam.com#EXT#@contosodemo.onmicrosoft.com';
    const filter = (v: string): string => `/v1.0/users?$filter=userPrincipalName%20eq%20'${v}'`;
    const raw = await rawGet(filter(guest), token);
    // The server sees "...eq 'gus.guest_fabrikam.com": an unterminated string.
    expect(raw.status).toBe(400);
    const encoded = await rawGet(filter(guest.replace(/#/g, '%23')), token);
    expect(encoded.status).toBe(200);
    expect((JSON.parse(encoded.body) as { value: { userPrincipalName: string }[] }).value).toEqual([
      expect.objectContaining({ userPrincipalName: guest }),
    ]);
    expect((await rawGet(`/v1.0/users?$filter=displayName%20eq%20'Tom%20&%20Jerry'`, token)).status).toBe(400);
    expect((await rawGet(`/v1.0/users?$filter=displayName%20eq%20'Tom%20%26%20Jerry'`, token)).status).toBe(200);
  });
});
