// The REAL Graph client over TLS: PageIterator across 5,000 users, $search with ConsistencyLevel,
// Graph's 400 for unsupported queries, and bodies checked against the documented types.
import { PageIterator, type GraphError, type PageCollection } from '@microsoft/microsoft-graph-client';
import type { DirectoryRole, Domain, User } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTenant, type TestTenant } from './identity-helpers';
import { clientFor, expectDocumentedShape } from './graph-helpers';
import type { Client } from '@microsoft/microsoft-graph-client';

let t: TestTenant;
let reader: Client;
beforeAll(async () => {
  t = await startTestTenant({ users: 5000, seed: 11 });
  reader = await clientFor(t, 'global.reader@contoso.com');
});
afterAll(async () => {
  await t?.close();
});

describe('Graph client against the demo tenant', () => {
  it('walks 5,000 users with PageIterator following @odata.nextLink', async () => {
    const first = (await reader
      .api('/users')
      .select(['id', 'displayName', 'accountEnabled'])
      .top(999)
      .get()) as PageCollection;
    const ids: string[] = [];
    const it = new PageIterator(reader, first, (u: User) => {
      ids.push(u.id ?? '');
      return true;
    });
    await it.iterate();
    expect(ids).toHaveLength(5000);
    expect(new Set(ids).size).toBe(5000);
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  it('returns users in the documented default shape', async () => {
    const u = (await reader.api('/users/alex.cloud@contoso.com').get()) as unknown;
    expectDocumentedShape<User>(u, [
      'id',
      'businessPhones',
      'displayName',
      'givenName',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
    ]);
    expect(u.userPrincipalName).toBe('alex.cloud@contoso.com');
    const guest = (await reader
      .api(`/users/${encodeURIComponent('gus.guest_fabrikam.com#EXT#@contosodemo.onmicrosoft.com')}`)
      .select('userType,externalUserState')
      .get()) as User;
    expect(guest).toMatchObject({ userType: 'Guest', externalUserState: 'Accepted' });
  });

  it('searches with ConsistencyLevel: eventual and $count', async () => {
    const r = (await reader
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .search('"displayName:cloud"')
      .count(true)
      .select('displayName,userPrincipalName')
      .get()) as { value: User[]; '@odata.count': number };
    expect(r.value.map((u) => u.userPrincipalName)).toContain('alex.cloud@contoso.com');
    expect(r['@odata.count']).toBe(r.value.length);
    for (const u of r.value) expectDocumentedShape<User>(u, ['displayName', 'userPrincipalName']);
  });

  it("surfaces Graph's 400 for a query that needs the advanced-query parameters", async () => {
    const err = (await reader
      .api('/users')
      .filter('accountEnabled ne true')
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('Request_UnsupportedQuery');
    expect(err.requestId).toBeTruthy();
  });

  it("reads the agent's roles with roleTemplateId and the domains' password policy", async () => {
    const hd = await clientFor(t, 'helpdesk@contoso.com');
    // An OData cast needs ConsistencyLevel: eventual and $count=true (user-list-memberof.md).
    const roles = (await hd
      .api('/me/memberOf/microsoft.graph.directoryRole')
      .header('ConsistencyLevel', 'eventual')
      .query({ $count: 'true' })
      .get()) as { value: DirectoryRole[] };
    expect(roles.value).toHaveLength(1);
    expectDocumentedShape<DirectoryRole>(roles.value[0], [
      'id',
      'displayName',
      'description',
      'roleTemplateId',
      'deletedDateTime',
    ]);
    expect(roles.value[0]?.roleTemplateId).toBe('729827e3-9c14-49f7-bb1b-9608f156bbb8');
    const domains = (await hd.api('/domains').get()) as { value: Domain[] };
    expect(domains.value.find((d) => d.isDefault)?.passwordValidityPeriodInDays).toBe(90);
  });
});
