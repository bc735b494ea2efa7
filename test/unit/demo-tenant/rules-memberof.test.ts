// memberOf / transitiveMemberOf under Microsoft's rules: limited information per object type
// (rules/limited-info.ts), casts and their advanced-query parameters, $count, paging, roles held
// through role-assignable groups, and administrative units (rules/queries.ts).
import { describe, expect, it } from 'vitest';
import { ROLE } from '../../../src/demo-tenant/roles';
import { canReadType, limitedObject } from '../../../src/demo-tenant/rules/limited-info';
import { harness } from './graph-harness';

const ADVANCED = { ConsistencyLevel: 'eventual' };
const ROLE_CAST = '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true';

describe('limited information for types the token cannot read', () => {
  it('knows which scopes read each type', () => {
    expect(canReadType(['User.Read.All'], 'directoryRole')).toBe(false);
    expect(canReadType(['RoleManagement.Read.Directory'], 'directoryRole')).toBe(true);
    expect(canReadType(['directory.read.all'], 'directoryRole')).toBe(true);
    expect(canReadType(['RoleManagement.Read.Directory'], 'group')).toBe(false);
    expect(canReadType(['GroupMember.Read.All'], 'group')).toBe(true);
    expect(canReadType(['GroupMember.Read.All'], 'administrativeUnit')).toBe(false);
    expect(canReadType(['AdministrativeUnit.Read.All'], 'administrativeUnit')).toBe(true);
    expect(limitedObject('directoryRole', 'x')).toEqual({
      '@odata.type': '#microsoft.graph.directoryRole',
      id: 'x',
      deletedDateTime: null,
      description: null,
      displayName: null,
      roleTemplateId: null,
    });
  });

  it('returns directory roles with only type and id to a token without RoleManagement.Read.Directory', async () => {
    const h = harness();
    const hd = h.as('helpdesk@contoso.com');
    const bare = await hd('GET', '/me/memberOf', { scopes: ['User.Read', 'User.Read.All'] });
    expect(bare.status).toBe(200);
    const role = bare.json.value.find(
      (o: { '@odata.type': string }) => o['@odata.type'] === '#microsoft.graph.directoryRole',
    );
    expect(role).toMatchObject({ displayName: null, roleTemplateId: null });
    expect(role.id).toMatch(/^[0-9a-f-]{36}$/);
    // The group (Service Desk) is limited too without a group-reading scope.
    const group = bare.json.value.find((o: { '@odata.type': string }) => o['@odata.type'] === '#microsoft.graph.group');
    expect(group).toMatchObject({ displayName: null, isAssignableToRole: null });
    const full = await hd('GET', '/me/memberOf', { scopes: ['User.Read', 'RoleManagement.Read.Directory'] });
    const fullRole = full.json.value.find((o: { id: string }) => o.id === role.id);
    expect(fullRole).toMatchObject({
      displayName: 'Helpdesk Administrator',
      roleTemplateId: ROLE.helpdeskAdministrator,
    });
    // RoleManagement.Read.Directory does not read groups.
    expect(full.json.value.find((o: { id: string }) => o.id === group.id).displayName).toBeNull();
  });

  it('returns groups in full with GroupMember.Read.All and administrative units with AdministrativeUnit.Read.All', async () => {
    const h = harness();
    const ga = h.as('global.admin@contoso.com');
    const path = '/users/sally.sales@contoso.com/memberOf/microsoft.graph.administrativeUnit?$count=true';
    const limited = await ga('GET', path, { headers: ADVANCED, scopes: ['GroupMember.Read.All'] });
    expect(limited.json.value).toHaveLength(1);
    expect(limited.json.value[0].displayName).toBeNull();
    const full = await ga('GET', path, {
      headers: ADVANCED,
      scopes: ['AdministrativeUnit.Read.All', 'GroupMember.Read.All'],
    });
    expect(full.json['@odata.context']).toMatch(/\$metadata#administrativeUnits$/);
    expect(full.json.value).toEqual([expect.objectContaining({ id: limited.json.value[0].id, displayName: 'Sales' })]);
    const groups = await h.as('group.helpdesk@contoso.com')(
      'GET',
      '/me/memberOf/microsoft.graph.group?$count=true&$select=id,displayName,isAssignableToRole',
      { headers: ADVANCED, scopes: ['User.Read', 'GroupMember.Read.All'] },
    );
    expect(groups.json.value).toContainEqual({
      id: expect.any(String),
      displayName: 'Helpdesk Operators',
      isAssignableToRole: true,
    });
    expect(groups.json['@odata.count']).toBe(groups.json.value.length);
  });
});

describe('casts and advanced queries', () => {
  it('refuses a cast without ConsistencyLevel: eventual and $count=true', async () => {
    const h = harness();
    const hd = h.as('helpdesk@contoso.com');
    const noHeader = await hd('GET', ROLE_CAST);
    expect(noHeader.status).toBe(400);
    expect(noHeader.json.error.code).toBe('Request_UnsupportedQuery');
    const noCount = await hd('GET', '/me/transitiveMemberOf/microsoft.graph.directoryRole', { headers: ADVANCED });
    expect(noCount.status).toBe(400);
    const ok = await hd('GET', ROLE_CAST, { headers: ADVANCED });
    expect(ok.status).toBe(200);
    expect(ok.json['@odata.context']).toMatch(/\$metadata#directoryRoles$/);
    expect(ok.json['@odata.count']).toBe(1);
    expect(ok.json.value[0]).not.toHaveProperty('@odata.type');
    expect(ok.json.value[0].roleTemplateId).toBe(ROLE.helpdeskAdministrator);
  });

  it('checks the parameters on each $batch item, from the item’s own headers', async () => {
    const h = harness();
    const r = await h.as('helpdesk@contoso.com')('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true' },
          {
            id: '2',
            method: 'GET',
            url: '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true',
            headers: { ConsistencyLevel: 'eventual' },
          },
        ],
      },
    });
    const byId = new Map(r.json.responses.map((x: { id: string }) => [x.id, x]));
    expect((byId.get('1') as { status: number }).status).toBe(400);
    expect((byId.get('2') as { status: number; body: { value: unknown[] } }).status).toBe(200);
    expect((byId.get('2') as { body: { value: unknown[] } }).body.value).toHaveLength(1);
  });

  it('includes roles held through a role-assignable group transitively, not directly', async () => {
    const h = harness();
    const gh = h.as('group.helpdesk@contoso.com');
    const trans = await gh('GET', ROLE_CAST, { headers: ADVANCED });
    expect(trans.json.value.map((o: { roleTemplateId: string }) => o.roleTemplateId)).toEqual([
      ROLE.helpdeskAdministrator,
    ]);
    const direct = await gh('GET', '/me/memberOf/microsoft.graph.directoryRole?$count=true', { headers: ADVANCED });
    expect(direct.json.value).toEqual([]);
    // A unit-scoped role is no directory-role membership at all: only the tenant-wide Directory Readers shows.
    const au = await h.as('au.helpdesk@contoso.com')('GET', ROLE_CAST, { headers: ADVANCED });
    expect(au.json.value.map((o: { roleTemplateId: string }) => o.roleTemplateId)).toEqual([ROLE.directoryReaders]);
  });

  it('counts with a /$count segment and ConsistencyLevel only', async () => {
    const h = harness();
    const gh = h.as('group.helpdesk@contoso.com');
    expect((await gh('GET', '/me/transitiveMemberOf/microsoft.graph.group/$count')).status).toBe(400);
    const n = await gh('GET', '/me/transitiveMemberOf/microsoft.graph.group/$count', { headers: ADVANCED });
    expect(n.status).toBe(200);
    expect(n.body).toBe(2);
  });

  it('pages with $top and an @odata.nextLink that keeps the cast and $count', async () => {
    const h = harness();
    const gh = h.as('group.helpdesk@contoso.com');
    const first = await gh('GET', '/me/transitiveMemberOf?$top=1', {});
    expect(first.json.value).toHaveLength(1);
    const next = String(first.json['@odata.nextLink']);
    expect(next).toContain('$skiptoken=');
    const seen = [first.json.value[0].id];
    let link: string | undefined = next;
    while (link) {
      const page = await gh('GET', link.slice(link.indexOf('/v1.0') + 5));
      seen.push(...page.json.value.map((o: { id: string }) => o.id));
      link = page.json['@odata.nextLink'];
    }
    // Two groups (Service Desk, Helpdesk Operators) and the role they carry.
    expect(new Set(seen).size).toBe(3);
    expect(seen).toHaveLength(3);
  });

  it('filters and searches only with the advanced parameters', async () => {
    const h = harness();
    const gh = h.as('group.helpdesk@contoso.com');
    const q = "/me/memberOf/microsoft.graph.group?$filter=startswith(displayName,'Help')";
    expect((await gh('GET', q, { headers: ADVANCED })).status).toBe(400);
    const r = await gh('GET', `${q}&$count=true`, { headers: ADVANCED });
    expect(r.json.value.map((g: { displayName: string }) => g.displayName)).toEqual(['Helpdesk Operators']);
    const s = await gh(
      'GET',
      '/me/memberOf?$search="displayName:desk" OR "displayName:help"&$count=true&$orderby=displayName',
      {
        headers: ADVANCED,
      },
    );
    expect(s.json.value.map((g: { displayName: string }) => g.displayName)).toEqual([
      'Helpdesk Operators',
      'Service Desk',
    ]);
  });
});
