// Reading directory roles in full or not at all (concepts/permissions-overview.md, limited information),
// and which of an agent's roles apply to a caller (roles scoped to administrative units).
import { describe, expect, it } from 'vitest';
import { effectiveRoleTemplateIds } from '../../../src/main/core/eligibility/caller';
import {
  mergeRoles,
  parseAssignments,
  parseDirectoryRoles,
  parseRoleAssignableGroups,
} from '../../../src/main/core/graph/roles';
import { canReadResetOperation } from '../../../src/main/core/eligibility/guard';
import { ROLE_TEMPLATE_IDS as R } from '../../../src/shared/roles';

const role = (templateId: string, displayName = 'x') => ({
  '@odata.type': '#microsoft.graph.directoryRole',
  id: `obj-${templateId}`,
  displayName,
  roleTemplateId: templateId,
});

describe('directory roles from memberOf / transitiveMemberOf', () => {
  it('reads roles returned in full', () => {
    const read = parseDirectoryRoles([role(R.helpdeskAdministrator, 'Helpdesk Administrator')]);
    expect(read).toEqual({
      known: true,
      roles: [
        { templateId: R.helpdeskAdministrator, key: 'helpdeskAdministrator', displayName: 'Helpdesk Administrator' },
      ],
    });
  });

  it('treats roles returned with limited information (type and id only) as unknown, never as none', () => {
    const limited = [{ '@odata.type': '#microsoft.graph.directoryRole', id: 'obj-1' }];
    expect(parseDirectoryRoles(limited)).toEqual({ known: false });
  });

  it('reads a cast’s answer, whose items carry no @odata.type (the context names the type)', () => {
    const cast = [{ id: 'obj-1', displayName: 'Global Administrator', roleTemplateId: R.globalAdministrator }];
    expect(parseDirectoryRoles(cast)).toMatchObject({ known: true, roles: [{ key: 'globalAdministrator' }] });
    expect(parseDirectoryRoles([{ id: 'obj-1', displayName: null, roleTemplateId: null }])).toEqual({ known: false });
  });

  it('knows an empty list means no roles', () => {
    expect(parseDirectoryRoles([])).toEqual({ known: true, roles: [] });
  });

  it('finds role-assignable groups, and groups with limited information make memberships unknown', () => {
    const full = [
      { '@odata.type': '#microsoft.graph.group', id: 'g1', displayName: 'Tier 1', isAssignableToRole: true },
      { '@odata.type': '#microsoft.graph.group', id: 'g2', displayName: 'All staff', isAssignableToRole: false },
    ];
    expect(parseRoleAssignableGroups(full)).toEqual({ known: true, groups: [{ id: 'g1', displayName: 'Tier 1' }] });
    expect(parseRoleAssignableGroups([{ '@odata.type': '#microsoft.graph.group', id: 'g1' }])).toEqual({
      known: false,
    });
  });
});

describe('role assignments', () => {
  it('splits tenant-wide assignments from those scoped to an administrative unit', () => {
    const read = parseAssignments(
      [
        { id: 'a1', principalId: 'p', roleDefinitionId: R.passwordAdministrator, directoryScopeId: '/' },
        {
          id: 'a2',
          principalId: 'p',
          roleDefinitionId: R.helpdeskAdministrator,
          directoryScopeId: '/administrativeUnits/au-1',
        },
        // An app-scoped assignment makes nobody an admin over users.
        { id: 'a3', principalId: 'p', roleDefinitionId: R.helpdeskAdministrator, directoryScopeId: '/app-1' },
      ],
      new Map(),
    );
    expect(read.tenantWide.map((r) => r.displayName)).toEqual(['Password Administrator']);
    expect(read.scoped).toEqual([
      {
        templateId: R.helpdeskAdministrator,
        key: 'helpdeskAdministrator',
        displayName: 'Helpdesk Administrator',
        administrativeUnitId: 'au-1',
      },
    ]);
  });

  it('merges roles from both reads once per template', () => {
    const a = parseDirectoryRoles([role(R.globalReader, 'Global Reader')]);
    const merged = mergeRoles(
      a.known ? a.roles : [],
      parseAssignments([{ roleDefinitionId: R.globalReader, directoryScopeId: '/' }], new Map()).tenantWide,
    );
    expect(merged).toHaveLength(1);
  });
});

describe('which of the agent’s roles apply to a caller', () => {
  const agent = {
    roles: [{ templateId: R.globalReader, key: 'globalReader' as const, displayName: 'Global Reader' }],
    scopedRoles: [
      {
        templateId: R.helpdeskAdministrator,
        key: 'helpdeskAdministrator' as const,
        displayName: 'Helpdesk Administrator',
        administrativeUnitId: 'AU-Sales',
      },
    ],
  };
  it('counts a unit-scoped role only for callers in that unit', () => {
    expect(effectiveRoleTemplateIds(agent, { administrativeUnitIds: ['au-sales'] })).toEqual([
      R.globalReader,
      R.helpdeskAdministrator,
    ]);
    expect(effectiveRoleTemplateIds(agent, { administrativeUnitIds: ['au-other'] })).toEqual([R.globalReader]);
    // Units not read: the stricter reading, no scoped role.
    expect(effectiveRoleTemplateIds(agent, { administrativeUnitIds: null })).toEqual([R.globalReader]);
  });
});

describe('who may read a reset’s operation (longrunningoperation-get.md)', () => {
  it('Global Reader and the authentication administrators may; Helpdesk, Password and User Administrators may not', () => {
    expect(canReadResetOperation([R.authenticationAdministrator])).toBe(true);
    expect(canReadResetOperation([R.privilegedAuthenticationAdministrator])).toBe(true);
    expect(canReadResetOperation([R.globalReader])).toBe(true);
    expect(canReadResetOperation([R.helpdeskAdministrator])).toBe(false);
    expect(canReadResetOperation([R.passwordAdministrator])).toBe(false);
    expect(canReadResetOperation([R.userAdministrator])).toBe(false);
  });
});
