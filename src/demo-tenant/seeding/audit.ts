// Seeded self-service audit history (service "Self-service Password Management"), so the
// admin views have SSPR activity to show before anyone acts through the demo tenant.
import type { DemoAuditEntry, DemoUser } from '../model-types';
import type { Rng } from './random';

export const SSPR_SERVICE = 'Self-service Password Management';

export const SSPR_ACTIVITIES = [
  'Reset password (self-service)',
  'Blocked from self-service password reset',
  'User registered for self-service password reset',
  'Unlock user account (self-service)',
  'Self-service password reset flow activity progress',
  'Change password (self-service)',
] as const;

export function userTarget(u: DemoUser): NonNullable<DemoAuditEntry['targetResources']>[number] {
  return {
    id: u.id,
    displayName: u.displayName,
    type: 'User',
    userPrincipalName: u.userPrincipalName,
    modifiedProperties: [],
  };
}

export function seedSelfServiceAudits(
  rng: Rng,
  users: readonly DemoUser[],
  nowMs: number,
  max: number,
): DemoAuditEntry[] {
  const out: DemoAuditEntry[] = [];
  const members = users.filter((u) => u.userType === 'Member');
  if (members.length === 0) return out;
  const count = Math.min(max, Math.ceil(members.length * 0.3));
  for (let i = 0; i < count; i++) {
    const u = members[rng.int(0, members.length - 1)];
    if (!u) continue;
    const activity = SSPR_ACTIVITIES[i % SSPR_ACTIVITIES.length] ?? SSPR_ACTIVITIES[0];
    // Blocked attempts and abandoned flows are failures, as Entra records them.
    const failed =
      activity === 'Blocked from self-service password reset' || (activity.endsWith('progress') && rng.chance(0.5));
    const at = new Date(nowMs - rng.int(60, 30 * 24 * 3600) * 1000).toISOString();
    out.push({
      id: rng.guid(),
      category: 'UserManagement',
      correlationId: rng.guid(),
      result: failed ? 'failure' : 'success',
      resultReason: failed
        ? activity === 'Blocked from self-service password reset'
          ? 'User exceeded the number of reset attempts allowed in 24 hours'
          : 'User abandoned after completing 1 of 2 verifications'
        : '',
      activityDisplayName: activity,
      activityDateTime: at,
      loggedByService: SSPR_SERVICE,
      operationType: activity.startsWith('User registered') ? 'Add' : 'Update',
      initiatedBy: {
        user: {
          id: u.id,
          displayName: u.displayName,
          userPrincipalName: u.userPrincipalName,
          ipAddress: `203.0.113.${rng.int(1, 254)}`,
        },
        app: null,
      },
      targetResources: [userTarget(u)],
      additionalDetails: [],
    });
  }
  // Graph's default order is newest first; the store keeps oldest first and the route reverses.
  out.sort((a, b) => (a.activityDateTime < b.activityDateTime ? -1 : 1));
  return out;
}
