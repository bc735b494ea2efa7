// What the agent may do to this caller, from the card: the guard's view of the target, the agent's
// roles that apply to them, and what the tenant's cloud offers at all. Read by opening a call
// (call/service.ts) and again by a run (reset/service.ts), so the card shows what a run enforces; the
// rules themselves are Microsoft's who-can-reset-whom table in guard.ts.
import type { SignedInAgent } from '../../../shared/auth';
import type { EligibilityMap, GuardedAction } from '../../../shared/caller';
import type { GraphCloud } from '../../../shared/settings';
import type { CallerCard } from '../../../shared/users';
import { callAvailable, featureUnavailable, GRAPH_CLOUD_NAMES } from '../graph/availability';
import { graphCall, type GraphFeature } from '../graph/catalogue';
import type { GuardTarget } from './guard';

/** What the guard knows of the target, from the card. */
export function guardTargetOf(card: CallerCard, agentId: string): GuardTarget {
  // A role held only within an administrative unit still makes the caller an admin for who-may-reset-whom.
  const roleTemplateIds = [...new Set([...card.roles, ...(card.scopedRoles ?? [])].map((r) => r.templateId))];
  const inRoleAssignableGroup = card.roleAssignableGroups.length > 0;
  // The registration report may know of an admin role memberOf did not show (e.g. one held another
  // way): treated as "another role", the strictest row, rather than as a plain user.
  if (roleTemplateIds.length === 0 && !inRoleAssignableGroup && card.registration?.isAdmin === true) {
    roleTemplateIds.push('00000000-0000-0000-0000-000000000000');
  }
  return {
    roleTemplateIds,
    inRoleAssignableGroup,
    membershipsKnown: !card.partial.some((p) => p.part === 'memberships'),
    isSelf: card.user.id === agentId,
    isGuest: card.user.userType === 'Guest',
    synced: card.user.synced,
  };
}

/**
 * The agent's roles that apply to this caller: every tenant-wide role, and a role scoped to an
 * administrative unit only when the caller is a member of that unit (resources/unifiedroleassignment.md,
 * directoryScopeId). A caller whose units could not be read gets no scoped role (the stricter reading).
 */
export function effectiveRoleTemplateIds(
  agent: Pick<SignedInAgent, 'roles' | 'scopedRoles'>,
  card: Pick<CallerCard, 'administrativeUnitIds'> &
    Partial<Pick<CallerCard, 'roles' | 'scopedRoles' | 'roleAssignableGroups'>>,
): string[] {
  const units = new Set((card.administrativeUnitIds ?? []).map((u) => u.toLowerCase()));
  // A unit-scoped role covers the unit's members who hold no admin role themselves
  // (MicrosoftDocs/entra-docs admin-units-assign-roles.md).
  const targetIsAdmin =
    (card.roles?.length ?? 0) > 0 ||
    (card.scopedRoles?.length ?? 0) > 0 ||
    (card.roleAssignableGroups?.length ?? 0) > 0;
  const scoped = targetIsAdmin
    ? []
    : (agent.scopedRoles ?? []).filter((r) => units.has(r.administrativeUnitId.toLowerCase()));
  return [...new Set([...agent.roles, ...scoped].map((r) => r.templateId))];
}

const ACTION_FEATURE = {
  resetPassword: 'reset',
  issueTap: 'tap',
  revokeSessions: 'revoke',
  enableAccount: 'enable',
  requireMfaReregistration: 'mfa-reregistration',
} as const satisfies Record<Exclude<GuardedAction, 'readMethods'>, GraphFeature>;

/** Actions the cloud's Graph does not offer are refused before the agent tries them, with the reason. */
export function withinCloud(eligibility: EligibilityMap, cloud: GraphCloud): EligibilityMap {
  const out = { ...eligibility };
  for (const [action, feature] of Object.entries(ACTION_FEATURE) as [keyof typeof ACTION_FEATURE, GraphFeature][]) {
    const reason = featureUnavailable(cloud, feature);
    if (reason) out[action] = { allowed: false, reason, whoCan: [] };
  }
  if (!callAvailable(cloud, graphCall('caller.methods')))
    out.readMethods = {
      allowed: false,
      reason: `${GRAPH_CLOUD_NAMES[cloud]} has no authentication methods API.`,
      whoCan: [],
    };
  return out;
}
