// GET /roleManagement/directory/roleAssignments: the directory's role assignments as
// unifiedRoleAssignment objects (api-reference/v1.0/api/rbacapplication-list-roleassignments.md,
// resources/unifiedroleassignment.md), with $filter on principalId / roleDefinitionId /
// directoryScopeId, $select and $expand=roleDefinition. The caller's roles: rules/api-roles.ts.
import type { GraphResponse } from '../contracts';
import type { RoleAssignment } from '../model';
import { roleDisplayName } from '../roles';
import { allowsRoles } from '../rules/api-roles';
import type { Ctx } from './context';
import { json } from './context';
import { forbidden } from './errors';
import { evaluate } from './filter';
import { checkFilter, objectGetter, paginate, project, unsupportedQuery, type FilterSupport } from './odata';

const D = 'default' as const;
/** "Supports $filter (eq, in)" on each of these (resources/unifiedroleassignment.md). */
const ASSIGNMENT_FILTER: FilterSupport = {
  principalId: { eq: D, in: D },
  roleDefinitionId: { eq: D, in: D },
  directoryScopeId: { eq: D, in: D },
  appScopeId: { eq: D, in: D },
};

const ASSIGNMENT_PROPS = ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId'] as const;

function assignmentResource(a: RoleAssignment): Record<string, unknown> {
  return {
    id: a.id,
    principalId: a.principalId,
    roleDefinitionId: a.roleDefinitionId,
    directoryScopeId: a.directoryScopeId,
    appScopeId: null,
  };
}

/** unifiedRoleDefinition for a built-in role: its id is the template id (resources/unifiedroledefinition.md). */
function roleDefinitionResource(templateId: string): Record<string, unknown> {
  const displayName = roleDisplayName(templateId);
  return {
    id: templateId,
    description: `Built-in role: ${displayName}.`,
    displayName,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ['/'],
    templateId,
    version: '1',
    rolePermissions: [],
  };
}

export function listRoleAssignments(ctx: Ctx): GraphResponse {
  // Reading role assignments is a tenant-level read: unit-scoped roles do not count (ctx.roles).
  if (!allowsRoles('readRoleAssignments', ctx.roles)) throw forbidden();
  const q = ctx.query();
  const expandRaw = q.params.get('$expand');
  const expand = expandRaw?.trim();
  if (expand !== undefined && expand.toLowerCase() !== 'roledefinition')
    throw unsupportedQuery(`The demo tenant expands only roleDefinition on roleAssignments, not '${expandRaw ?? ''}'.`);
  let rows = ctx.dir.roleAssignments().map(assignmentResource);
  if (q.filter) {
    const f = q.filter;
    checkFilter(f, ASSIGNMENT_FILTER, 'unifiedRoleAssignment');
    const get = objectGetter((rec, name) => {
      const r = rec as Record<string, unknown>;
      const key = Object.keys(r).find((k) => k.toLowerCase() === name.toLowerCase());
      return key === undefined ? undefined : r[key];
    });
    rows = rows.filter((r) => evaluate(f, r, get));
  }
  const shaped = rows.map((r) => {
    const picked = project(r, q.select, ASSIGNMENT_PROPS);
    return expand ? { ...picked, roleDefinition: roleDefinitionResource(String(r.roleDefinitionId)) } : picked;
  });
  const page = paginate(shaped, q, ctx.req, ctx.base, { defaultTop: 100, maxTop: 999 });
  const shape = [q.select?.join(','), expand ? 'roleDefinition()' : undefined].filter(Boolean).join(',');
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.base}/$metadata#roleManagement/directory/roleAssignments${shape ? `(${shape})` : ''}`,
  };
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = page.items;
  return json(200, body);
}
