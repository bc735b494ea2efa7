// Directory-wide views the DemoDirectory class delegates to: the role assignments as RBAC lists
// them, and the on-premises sync cycle that writes AD's values back over cloud edits.
import type { DemoAdministrativeUnit, DemoGroup, DemoUser } from './model-types';

/** unifiedRoleAssignment as api-reference/v1.0/resources/unifiedroleassignment.md describes it. */
export interface RoleAssignment {
  id: string;
  principalId: string;
  /** For built-in roles the definition id is the role template id. */
  roleDefinitionId: string;
  /** `/` for the tenant, `/administrativeUnits/{id}` for a unit-scoped assignment. */
  directoryScopeId: string;
}

interface DirectoryView {
  readonly users: readonly DemoUser[];
  readonly groups: ReadonlyMap<string, DemoGroup>;
  readonly administrativeUnits: ReadonlyMap<string, DemoAdministrativeUnit>;
}

function guidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

/** Opaque like Graph's ("lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1"), stable per assignment. */
function assignmentId(roleTemplateId: string, principalId: string, scopeId?: string): string {
  const parts = [guidBytes(roleTemplateId), guidBytes(principalId), ...(scopeId ? [guidBytes(scopeId)] : [])];
  return `${Buffer.concat(parts).toString('base64url')}-1`;
}

/** Direct assignments only: a role held through a group is assigned to the group (its principalId). */
export function roleAssignmentsOf(dir: DirectoryView): RoleAssignment[] {
  const out: RoleAssignment[] = [];
  const tenant = (roleTemplateId: string, principalId: string): void => {
    out.push({
      id: assignmentId(roleTemplateId, principalId),
      principalId,
      roleDefinitionId: roleTemplateId,
      directoryScopeId: '/',
    });
  };
  for (const u of dir.users) for (const r of u.roleTemplateIds) tenant(r, u.id);
  for (const g of dir.groups.values()) for (const r of g.roleTemplateIds) tenant(r, g.id);
  for (const au of dir.administrativeUnits.values())
    for (const a of au.scopedRoles)
      out.push({
        id: assignmentId(a.roleTemplateId, a.principalId, au.id),
        principalId: a.principalId,
        roleDefinitionId: a.roleTemplateId,
        directoryScopeId: `/administrativeUnits/${au.id}`,
      });
  return out;
}

/**
 * One Entra Connect sync cycle. A synced user's accountEnabled flows from on-premises AD (the
 * "In from AD – User AccountEnabled" rule, docs/identity/hybrid/connect/
 * concept-azure-ad-connect-sync-default-configuration.md), so a value changed in the cloud is
 * replaced by AD's at the next cycle. The docs do not spell out the overwrite of a cloud edit; the
 * demo takes the stricter reading, AD wins every cycle, in both directions. Returns the users changed.
 */
export function runSyncCycle(dir: DirectoryView, nowIso: string): DemoUser[] {
  const changed: DemoUser[] = [];
  for (const u of dir.users) {
    if (u.onPremisesSyncEnabled !== true) continue;
    u.onPremisesLastSyncDateTime = nowIso;
    if (u.onPremisesAccountEnabled === null || u.accountEnabled === u.onPremisesAccountEnabled) continue;
    u.accountEnabled = u.onPremisesAccountEnabled;
    changed.push(u);
  }
  return changed;
}
