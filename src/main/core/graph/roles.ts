// Directory roles as Microsoft Graph returns them, read in full or not at all:
// - `transitiveMemberOf/microsoft.graph.directoryRole` lists tenant-wide roles, including those held
//   through role-assignable groups (api-reference/v1.0/api/user-list-transitivememberof.md). The cast is an
//   advanced query: `ConsistencyLevel: eventual` and `$count=true` (concepts/aad-advanced-queries.md).
// - Without a permission that can read directory roles, Graph returns each one with `@odata.type` and
//   `id` only (concepts/permissions-overview.md, "Limited information returned for inaccessible member
//   objects"): such an answer is treated as "roles unknown", never as "no roles".
// - `roleManagement/directory/roleAssignments?$filter=principalId eq '{id}'` gives the assignments
//   scoped to administrative units (`directoryScopeId` `/administrativeUnits/{id}`)
//   (api-reference/v1.0/api/rbacapplication-list-roleassignments.md, resources/unifiedroleassignment.md).
import type { Client } from '@microsoft/microsoft-graph-client';
import { ROLE_NAMES, roleKeyForTemplate, type AgentRole, type ScopedRole } from '../../../shared/roles';
import type { BatchAnswer } from './batch';
import { mapGraphError } from './errors';

/** Permissions with which Graph returns directory roles in full (permissions-overview.md). */
export const ROLE_READ_PERMISSIONS = [
  'RoleManagement.Read.Directory',
  'RoleManagement.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
] as const;

export const ADVANCED = { ConsistencyLevel: 'eventual' } as const;

export const rolesUrl = (user: string): string =>
  `${user}/transitiveMemberOf/microsoft.graph.directoryRole?$count=true&$select=id,displayName,roleTemplateId&$top=999`;
export const groupsUrl = (user: string): string =>
  `${user}/memberOf/microsoft.graph.group?$count=true&$select=id,displayName,isAssignableToRole&$top=999`;
export const unitsUrl = (user: string): string =>
  `${user}/memberOf/microsoft.graph.administrativeUnit?$count=true&$select=id&$top=999`;
export const assignmentsUrl = (principalId: string): string =>
  `/roleManagement/directory/roleAssignments?$filter=principalId eq '${principalId.replace(/'/g, "''")}'`;

export function holdsAny(granted: readonly string[], wanted: readonly string[]): boolean {
  const g = new Set(granted.map((s) => s.toLowerCase()));
  return wanted.some((w) => g.has(w.toLowerCase()));
}

export const ROLES_CONSENT_GAP =
  'Directory roles could not be read in full: the app registration lacks admin consent for the Microsoft Graph permission RoleManagement.Read.Directory. An admin grants it in the Entra admin center → App registrations → Resetline → API permissions → Add a permission → Microsoft Graph → Delegated → RoleManagement.Read.Directory → Grant admin consent.';

export const GROUPS_CONSENT_GAP =
  'Group memberships could not be read in full: the app registration lacks admin consent for the Microsoft Graph permission GroupMember.Read.All (Entra admin center → App registrations → Resetline → API permissions → Grant admin consent).';

type Obj = Record<string, unknown>;

/** Every page of a collection whose first page came back in a $batch answer. */
export async function allPages(
  client: Client,
  first: BatchAnswer,
  headers: Record<string, string> = {},
): Promise<Obj[]> {
  let body = first.body as { value?: Obj[]; '@odata.nextLink'?: string };
  const out: Obj[] = [...(body.value ?? [])];
  // A bounded walk: 50 pages of 999 is far beyond any user's memberships.
  for (let pages = 0; body['@odata.nextLink'] && pages < 50; pages++) {
    try {
      let request = client.api(body['@odata.nextLink']);
      for (const [k, v] of Object.entries(headers)) request = request.header(k, v);
      body = (await request.get()) as typeof body;
    } catch (error) {
      throw mapGraphError(error);
    }
    out.push(...(body.value ?? []));
  }
  return out;
}

type RoleRead = { known: true; roles: AgentRole[] } | { known: false };

/**
 * Whether an item of a memberOf list is of this type. In a cast's answer (`…/microsoft.graph.group`)
 * the items carry no `@odata.type`: the context (`$metadata#groups`) gives it (user-list-memberof.md).
 */
function isType(o: Obj, type: string): boolean {
  const t = o['@odata.type'];
  return t === undefined || t === `#microsoft.graph.${type}`;
}

/** Directory roles from a memberOf-style list; unknown when Graph returned them with limited information. */
export function parseDirectoryRoles(values: readonly Obj[]): RoleRead {
  const roles: AgentRole[] = [];
  for (const o of values) {
    if (!isType(o, 'directoryRole')) continue;
    if (typeof o.roleTemplateId !== 'string') return { known: false };
    roles.push(toRole(o.roleTemplateId, typeof o.displayName === 'string' ? o.displayName : null));
  }
  return { known: true, roles };
}

type GroupRead = { known: true; groups: { id: string; displayName: string }[] } | { known: false };

/** Role-assignable groups from a memberOf list; unknown when the groups came back with limited information. */
export function parseRoleAssignableGroups(values: readonly Obj[]): GroupRead {
  const groups: { id: string; displayName: string }[] = [];
  for (const o of values) {
    if (!isType(o, 'group')) continue;
    if (typeof o.isAssignableToRole !== 'boolean') return { known: false };
    if (o.isAssignableToRole) groups.push({ id: String(o.id), displayName: String(o.displayName ?? o.id) });
  }
  return { known: true, groups };
}

interface AssignmentRead {
  /** Built-in role template ids assigned directly at the tenant scope ("/"). */
  tenantWide: AgentRole[];
  scoped: ScopedRole[];
}

/** unifiedRoleAssignment rows: roleDefinitionId is the template id for built-in roles. */
export function parseAssignments(values: readonly Obj[], names: ReadonlyMap<string, string>): AssignmentRead {
  const tenantWide: AgentRole[] = [];
  const scoped: ScopedRole[] = [];
  for (const a of values) {
    const templateId = typeof a.roleDefinitionId === 'string' ? a.roleDefinitionId.toLowerCase() : null;
    const scope = typeof a.directoryScopeId === 'string' ? a.directoryScopeId : null;
    if (!templateId || !scope) continue;
    const role = toRole(templateId, names.get(templateId) ?? null);
    const unit = /^\/administrativeUnits\/([^/]+)$/i.exec(scope)?.[1];
    if (scope === '/') tenantWide.push(role);
    else if (unit) scoped.push({ ...role, administrativeUnitId: unit });
    // Other scopes (an application, a single object) do not make the holder an admin over users.
  }
  return { tenantWide, scoped };
}

function toRole(templateId: string, displayName: string | null): AgentRole {
  const key = roleKeyForTemplate(templateId) ?? null;
  return {
    templateId: templateId.toLowerCase(),
    key,
    displayName: displayName ?? (key ? ROLE_NAMES[key] : templateId),
  };
}

/** Tenant-wide roles from both reads, one entry per template id. */
export function mergeRoles(...lists: readonly AgentRole[][]): AgentRole[] {
  const byId = new Map<string, AgentRole>();
  for (const list of lists)
    for (const r of list) {
      const had = byId.get(r.templateId);
      if (!had || had.displayName === had.templateId) byId.set(r.templateId, r);
    }
  return [...byId.values()];
}
