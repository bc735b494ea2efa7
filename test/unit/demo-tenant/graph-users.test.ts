// GET /me, /users and relationships through the handler: OData options, advanced-query rules,
// paging, UPN lookup and Graph's errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE } from '../../../src/demo-tenant/model';
import { BASE, harness } from './graph-harness';

const h = harness({ users: 600 });
const gr = h.as('global.reader@contoso.com');
const EVENTUAL = { headers: { ConsistencyLevel: 'eventual' } };

describe('/users', () => {
  it("returns Graph's default properties unless $select says otherwise", async () => {
    const r = await gr('GET', '/users?$top=1');
    expect(r.status).toBe(200);
    expect(Object.keys(r.json.value[0]).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
    const s = await gr('GET', '/users?$top=1&$select=id,accountEnabled,onPremisesSyncEnabled,employeeId');
    expect(Object.keys(s.json.value[0]).sort()).toEqual([
      'accountEnabled',
      'employeeId',
      'id',
      'onPremisesSyncEnabled',
    ]);
    expect(s.json['@odata.context']).toBe(
      `${BASE}/$metadata#users(id,accountEnabled,onPremisesSyncEnabled,employeeId)`,
    );
  });

  it('refuses $select of a property it does not serve, instead of silently dropping it', async () => {
    const r = await gr('GET', '/users?$select=id,favouriteColour');
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("'favouriteColour'");
    expect((await gr('GET', '/users/alex.cloud@contoso.com?$select=signInActivity')).status).toBe(400);
    const synced = await gr(
      'GET',
      '/users/sam.synced@contoso.com?$select=onPremisesImmutableId,proxyAddresses,companyName',
    );
    expect(synced.json).toMatchObject({ proxyAddresses: ['SMTP:sam.synced@contoso.com'], companyName: 'Contoso Ltd' });
    expect(synced.json.onPremisesImmutableId).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('pages with an absolute, opaque nextLink until every user was seen once', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/users?$top=250&$select=id';
    while (url) {
      const r = await gr('GET', url);
      expect(r.status).toBe(200);
      seen.push(...r.json.value.map((u: { id: string }) => u.id));
      const next: string | undefined = r.json['@odata.nextLink'];
      if (next) {
        expect(next.startsWith(`${BASE}/users?`)).toBe(true);
        expect(next).toContain('$skiptoken=');
      }
      url = next?.slice(BASE.length);
    }
    expect(seen).toHaveLength(600);
    expect(new Set(seen).size).toBe(600);
  });

  it('pages through every match exactly once for any $top and filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom('', '&$filter=accountEnabled eq false', "&$filter=startswith(displayName,'a')"),
        async (top, filter) => {
          const seen: string[] = [];
          let url: string | undefined = `/users?$top=${top}&$select=id${filter}`;
          while (url) {
            const r = await gr('GET', url);
            expect(r.json.value.length).toBeLessThanOrEqual(top);
            seen.push(...r.json.value.map((u: { id: string }) => u.id));
            url = r.json['@odata.nextLink']?.slice(BASE.length);
          }
          const want = (await gr('GET', `/users/$count?${filter.slice(1)}`, EVENTUAL)).json;
          expect(seen).toHaveLength(want);
          expect(new Set(seen).size).toBe(want);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('keeps the other options in nextLink and refuses a forged $skiptoken', async () => {
    const r = await gr('GET', '/users?$filter=accountEnabled eq true&$select=id,accountEnabled&$top=10');
    const next: string = r.json['@odata.nextLink'];
    expect(next).toContain('$filter=accountEnabled eq true');
    expect(next).toContain('$select=id,accountEnabled');
    expect(next).toContain('$top=10');
    const page2 = await gr('GET', next.slice(BASE.length));
    expect(page2.json.value.every((u: { accountEnabled: boolean }) => u.accountEnabled)).toBe(true);
    expect(page2.json.value[0].id).not.toBe(r.json.value[0].id);
    const bad = await gr('GET', '/users?$skiptoken=not-a-token');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('Directory_ExpiredPageToken');
  });

  it("answers errors in Graph's body with request-id, date and client-request-id", async () => {
    const r = await gr('GET', '/users?$top=0');
    expect(r.status).toBe(400);
    expect(Object.keys(r.json)).toEqual(['error']);
    expect(Object.keys(r.json.error).sort()).toEqual(['code', 'innerError', 'message']);
    expect(r.json.error.innerError).toEqual({
      'request-id': expect.stringMatching(/^req-/),
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'client-request-id': expect.stringMatching(/^client-/),
    });
  });

  it('defaults to 100 per page and refuses $top above 999 and $skip', async () => {
    expect((await gr('GET', '/users')).json.value).toHaveLength(100);
    const big = await gr('GET', '/users?$top=1000');
    expect(big.status).toBe(400);
    expect(big.json.error.innerError['request-id']).toMatch(/^req-/);
    expect((await gr('GET', '/users?$skip=5')).status).toBe(400);
  });

  it('filters with eq/startswith/and/or on the properties Resetline uses', async () => {
    const r = await gr(
      'GET',
      "/users?$filter=startswith(displayName,'Alex') and accountEnabled eq true&$select=displayName,accountEnabled",
    );
    expect(r.status).toBe(200);
    expect(r.json.value.length).toBeGreaterThan(0);
    for (const u of r.json.value) {
      expect(u.displayName.toLowerCase().startsWith('alex')).toBe(true);
      expect(u.accountEnabled).toBe(true);
    }
    const byEmp = await gr(
      'GET',
      "/users?$filter=employeeId eq 'E100000' or userPrincipalName eq 'alex.cloud@contoso.com'&$select=userPrincipalName",
    );
    expect(byEmp.json.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toContain(
      'alex.cloud@contoso.com',
    );
    const synced = await gr(
      'GET',
      '/users?$filter=onPremisesSyncEnabled eq true&$select=onPremisesSyncEnabled&$top=999',
    );
    expect(synced.json.value.length).toBeGreaterThan(50);
    expect(synced.json.value.every((u: { onPremisesSyncEnabled: boolean }) => u.onPremisesSyncEnabled)).toBe(true);
    const guests = await gr('GET', "/users?$filter=userType eq 'Guest'&$select=userType,userPrincipalName&$top=999");
    expect(guests.json.value.every((u: { userPrincipalName: string }) => u.userPrincipalName.includes('#EXT#'))).toBe(
      true,
    );
  });

  it('needs ConsistencyLevel: eventual and $count=true for advanced filters, as Graph does', async () => {
    const ne = await gr('GET', '/users?$filter=accountEnabled ne true');
    expect(ne.status).toBe(400);
    expect(ne.json.error.code).toBe('Request_UnsupportedQuery');
    const ok = await gr('GET', '/users?$filter=accountEnabled ne true&$count=true', EVENTUAL);
    expect(ok.status).toBe(200);
    expect(ok.json['@odata.count']).toBeGreaterThan(0);
    // mobilePhone filtering is advanced-only; filter + orderby together too.
    expect((await gr('GET', "/users?$filter=mobilePhone eq '+1 4255550123'")).status).toBe(400);
    expect((await gr('GET', "/users?$filter=startswith(displayName,'a')&$orderby=displayName")).status).toBe(400);
    expect(
      (await gr('GET', "/users?$filter=startswith(displayName,'a')&$orderby=displayName&$count=true", EVENTUAL)).status,
    ).toBe(200);
  });

  it('decodes a raw + in the query as a space, as Graph does: phone filters need %2B', async () => {
    const encoded = await gr('GET', "/users?$filter=startswith(mobilePhone,'%2B1 4255550')&$count=true", EVENTUAL);
    expect(encoded.status).toBe(200);
    expect(encoded.json['@odata.count']).toBeGreaterThan(0);
    const raw = await gr('GET', "/users?$filter=startswith(mobilePhone,'+1 4255550')&$count=true", EVENTUAL);
    expect(raw.json['@odata.count']).toBe(0);
  });

  it('rejects filters on properties Graph cannot filter', async () => {
    const r = await gr('GET', "/users?$filter=aboutMe eq 'x'");
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('Request_UnsupportedQuery');
    expect((await gr('GET', "/users?$filter=startswith(jobTitle,'x')")).status).toBe(400);
  });

  it('searches only with ConsistencyLevel: eventual, tokenized, with $count', async () => {
    const no = await gr('GET', '/users?$search="displayName:alex"');
    expect(no.status).toBe(400);
    expect(no.json.error.message).toContain('ConsistencyLevel: eventual');
    const r = await gr('GET', '/users?$search="displayName:cloud"&$count=true&$orderby=displayName', EVENTUAL);
    expect(r.status).toBe(200);
    expect(r.json.value.map((u: { displayName: string }) => u.displayName)).toContain('Alex Cloud');
    expect(r.json['@odata.count']).toBe(r.json.value.length);
    const names = r.json.value.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    const or = await gr('GET', '/users?$search="mail:alex.cloud" OR "displayName:nora"', EVENTUAL);
    expect(or.json.value.map((u: { userPrincipalName: string }) => u.userPrincipalName).sort()).toEqual(
      expect.arrayContaining(['alex.cloud@contoso.com', 'nora.nomethods@contoso.com']),
    );
    expect((await gr('GET', '/users?$search="employeeId:E1"', EVENTUAL)).status).toBe(400);
  });

  it('counts with /users/$count only as an advanced query', async () => {
    expect((await gr('GET', '/users/$count')).status).toBe(400);
    const all = await gr('GET', '/users/$count', EVENTUAL);
    expect(all.status).toBe(200);
    expect(all.headers?.['content-type']).toBe('text/plain');
    expect(all.json).toBe(600);
    const guests = await gr('GET', "/users/$count?$filter=userType eq 'Guest'", EVENTUAL);
    expect(guests.json).toBe(h.dir.users.filter((u) => u.userType === 'Guest').length);
  });

  it('orders by displayName', async () => {
    const r = await gr('GET', '/users?$orderby=displayName&$top=50&$select=displayName');
    const names = r.json.value.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('is refused to guests and without a user-read scope', async () => {
    expect((await h.as('gus.guest_fabrikam.com#EXT#@contosodemo.onmicrosoft.com')('GET', '/users')).status).toBe(403);
    const r = await gr('GET', '/users', { scopes: ['User.Read'] });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('Authorization_RequestDenied');
  });
});

describe('/users/{id | upn} and relationships', () => {
  it('reads by id and by UPN, guests with %23EXT%23', async () => {
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect((await gr('GET', `/users/${alex?.id}`)).json.userPrincipalName).toBe('alex.cloud@contoso.com');
    expect((await gr('GET', '/users/ALEX.CLOUD@contoso.com')).json.id).toBe(alex?.id);
    const g = await gr('GET', '/users/gus.guest_fabrikam.com%23EXT%23@contosodemo.onmicrosoft.com?$select=userType');
    expect(g.status).toBe(200);
    expect(g.json.userType).toBe('Guest');
    const missing = await gr('GET', '/users/nobody@contoso.com');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('Request_ResourceNotFound');
  });

  it('returns the manager, or 404 when there is none', async () => {
    const m = await gr('GET', '/users/alex.cloud@contoso.com/manager');
    expect(m.json.userPrincipalName).toBe('team.lead@contoso.com');
    expect(m.json['@odata.type']).toBe('#microsoft.graph.user');
    expect((await gr('GET', '/users/team.lead@contoso.com/manager')).status).toBe(404);
  });

  it('lists directory roles with roleTemplateId on /me/memberOf, and group-held roles transitively', async () => {
    const me = await h.as('helpdesk@contoso.com')('GET', '/me/memberOf');
    const roles = me.json.value.filter(
      (o: { '@odata.type': string }) => o['@odata.type'] === '#microsoft.graph.directoryRole',
    );
    expect(roles).toEqual([
      expect.objectContaining({ displayName: 'Helpdesk Administrator', roleTemplateId: ROLE.helpdeskAdministrator }),
    ]);
    const direct = await gr('GET', '/users/sid.secops@contoso.com/memberOf');
    expect(direct.json.value.some((o: { roleTemplateId?: string }) => o.roleTemplateId === ROLE.securityReader)).toBe(
      false,
    );
    // An OData cast needs the advanced-query parameters (user-list-transitivememberof.md).
    const trans = await gr(
      'GET',
      '/users/sid.secops@contoso.com/transitiveMemberOf/microsoft.graph.directoryRole?$count=true',
      EVENTUAL,
    );
    expect(trans.json.value.map((o: { roleTemplateId: string }) => o.roleTemplateId)).toEqual([ROLE.securityReader]);
  });

  it("answers unknown segments with Graph's 400", async () => {
    const r = await gr('GET', '/users/alex.cloud@contoso.com/frobnicate');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('BadRequest');
  });
});
