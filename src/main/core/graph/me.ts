// The signed-in agent: profile and directory roles in one $batch round trip (catalogue: agent.profile,
// agent.roles, agent.roleAssignments). Pages: api-reference/v1.0/api/user-get.md,
// user-list-transitivememberof.md, rbacapplication-list-roleassignments.md. The app offers only what
// these roles allow; roles that cannot be read are reported with the consent that fixes it, never
// taken as "no roles" silently.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { AgentRole, ScopedRole } from '../../../shared/roles';
import { sendBatch, type BatchAnswer } from './batch';
import { mapGraphError } from './errors';
import {
  ADVANCED,
  allPages,
  assignmentsUrl,
  holdsAny,
  mergeRoles,
  parseAssignments,
  parseDirectoryRoles,
  ROLE_READ_PERMISSIONS,
  ROLES_CONSENT_GAP,
  rolesUrl,
} from './roles';

interface AgentProfile {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  roles: AgentRole[];
  scopedRoles: ScopedRole[];
  /** What could not be read, each naming the consent that fixes it. */
  roleGaps: string[];
}

const UNIT_ROLES_GAP =
  'Roles scoped to an administrative unit could not be read: Microsoft lets Directory Readers, Global Reader and Privileged Role Administrator list role assignments. If your role is limited to an administrative unit, ask an admin to also give you Directory Readers, then sign in again.';

function failure(answer: BatchAnswer | undefined): never {
  throw mapGraphError({
    statusCode: answer?.status ?? 0,
    body: answer?.body,
    message: JSON.stringify(answer?.body ?? {}),
  });
}

/**
 * @param objectId the agent's object id from the sign-in (`oid`), so the role assignments can be asked
 *   in the same round trip as the profile.
 * @param grantedScopes the permissions the token carries; without one that reads roles, Graph would
 *   answer with limited information, so the gap is named up front.
 */
export async function getAgentProfile(
  client: Client,
  objectId: string,
  grantedScopes: readonly string[],
): Promise<AgentProfile> {
  let answers: Map<string, BatchAnswer>;
  try {
    answers = await sendBatch(client, [
      { id: 'me', method: 'GET', url: '/me?$select=id,displayName,userPrincipalName,mail' },
      { id: 'roles', method: 'GET', url: rolesUrl('/me'), headers: { ...ADVANCED } },
      { id: 'assignments', method: 'GET', url: assignmentsUrl(objectId) },
    ]);
  } catch (error) {
    throw mapGraphError(error);
  }
  const me = answers.get('me');
  if (!me || me.status !== 200) failure(me);
  const profile = me.body as { id: string; displayName?: string; userPrincipalName: string; mail?: string | null };

  const gaps: string[] = [];
  let roles: AgentRole[] = [];
  const rolesAnswer = answers.get('roles');
  if (rolesAnswer?.status === 200) {
    const read = parseDirectoryRoles(await allPages(client, rolesAnswer, { ...ADVANCED }));
    if (read.known) roles = read.roles;
    else gaps.push(ROLES_CONSENT_GAP);
  } else {
    gaps.push(
      `Your directory roles could not be read: ${mapGraphError({ statusCode: rolesAnswer?.status ?? 0, body: rolesAnswer?.body, message: JSON.stringify(rolesAnswer?.body ?? {}) }).message}`,
    );
  }

  let scopedRoles: ScopedRole[] = [];
  const assignAnswer = answers.get('assignments');
  if (assignAnswer?.status === 200) {
    const names = new Map(roles.map((r) => [r.templateId, r.displayName]));
    const read = parseAssignments(await allPages(client, assignAnswer), names);
    scopedRoles = read.scoped;
    if (gaps.length === 0) roles = mergeRoles(roles, read.tenantWide);
  } else if (!holdsAny(grantedScopes, ROLE_READ_PERMISSIONS)) {
    if (!gaps.includes(ROLES_CONSENT_GAP)) gaps.push(ROLES_CONSENT_GAP);
  } else if (roles.length === 0 && gaps.length === 0) {
    // Listing role assignments is documented for Directory Readers, Global Reader and Privileged Role
    // Administrator only (rbacapplication-list-roleassignments.md). An agent with a tenant-wide role
    // loses nothing here; one without any may hold a role scoped to an administrative unit.
    gaps.push(UNIT_ROLES_GAP);
  }

  return {
    id: profile.id,
    displayName: profile.displayName ?? profile.userPrincipalName,
    userPrincipalName: profile.userPrincipalName,
    mail: profile.mail ?? null,
    roles,
    scopedRoles,
    roleGaps: gaps,
  };
}
