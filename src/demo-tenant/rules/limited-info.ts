// "Limited information returned for inaccessible member objects": a directoryObject collection
// (memberOf, transitiveMemberOf…) returns objects of a type the token may not read with only their
// @odata.type and id, every other property null. One row per type the demo returns.
import type { ScopeGrant } from './scope-grant';
import { grantsAny } from './scope-grant';

export type MemberObjectType = 'directoryRole' | 'group' | 'administrativeUnit';

export interface LimitedInfoRule {
  /** Delegated scopes that read this type in full (any one). */
  scopes: ScopeGrant;
  /** The pages the rule and the list come from. */
  doc: string;
  note: string;
}

const RULE_DOC = 'concepts/permissions-overview.md ("Limited information returned for inaccessible member objects")';

export const LIMITED_INFO: Record<MemberObjectType, LimitedInfoRule> = {
  directoryRole: {
    scopes: [
      'RoleManagement.Read.Directory',
      'RoleManagement.ReadWrite.Directory',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    doc: `${RULE_DOC}; the readers of GET /directoryRoles/{id}: api-reference/v1.0/api/directoryrole-get.md and permissions.json`,
    note:
      'permissions.json grants GET /directoryroles/{id} to RoleManagement.Read.Directory (least), ' +
      'RoleManagement.ReadWrite.Directory and Directory.Read/ReadWrite.All. RoleManagement.Read.All is not ' +
      'listed for that path, so it does not unlock directoryRole objects here (the stricter reading).',
  },
  group: {
    scopes: [
      'GroupMember.Read.All',
      'GroupMember.ReadWrite.All',
      'Group.Read.All',
      'Group.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    doc: `${RULE_DOC}; api-reference/v1.0/api/group-get.md and permissions.json (GET /groups/{id})`,
    note:
      'The overview names Group.Read.All as what reads groups; GroupMember.Read.All also grants GET /groups/{id}. ' +
      'Group.ReadBasic.All and GroupMember.ReadBasic.All read only basic properties and are not counted (stricter).',
  },
  administrativeUnit: {
    scopes: [
      'AdministrativeUnit.Read.All',
      'AdministrativeUnit.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    doc: `${RULE_DOC}; api-reference/v1.0/api/administrativeunit-get.md and permissions.json (GET /directory/administrativeunits/{id})`,
    note: 'AdministrativeUnit.Read.All is the least privileged delegated permission for the unit itself.',
  },
};

/** Properties each type carries, so a limited object can show them as null. */
const PROPERTIES: Record<MemberObjectType, readonly string[]> = {
  directoryRole: ['deletedDateTime', 'description', 'displayName', 'roleTemplateId'],
  group: [
    'deletedDateTime',
    'createdDateTime',
    'description',
    'displayName',
    'groupTypes',
    'isAssignableToRole',
    'mailEnabled',
    'mailNickname',
    'securityEnabled',
  ],
  administrativeUnit: ['deletedDateTime', 'description', 'displayName', 'visibility'],
};

export function canReadType(scopes: readonly string[], type: MemberObjectType): boolean {
  return grantsAny(scopes, LIMITED_INFO[type].scopes);
}

/** The object as Graph returns it to a token that cannot read its type: type and id, the rest null. */
export function limitedObject(type: MemberObjectType, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.type': `#microsoft.graph.${type}`, id };
  // Collections come back empty rather than null (the group example in the overview's troubleshooting page).
  for (const p of PROPERTIES[type]) out[p] = p === 'groupTypes' ? [] : null;
  return out;
}

/** Full object for readable types, limited otherwise. */
export function visibleObject(
  scopes: readonly string[],
  type: MemberObjectType,
  full: Record<string, unknown> & { id: string },
): Record<string, unknown> {
  return canReadType(scopes, type) ? full : limitedObject(type, full.id);
}
