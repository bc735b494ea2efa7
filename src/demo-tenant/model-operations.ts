// How a resetPassword long-running operation moves on: one step per poll, or by the directory clock
// when nobody polls (Helpdesk, Password and User Administrators may start a reset but not read its
// operation: longrunningoperation-get.md). On success the password and lastPasswordChangeDateTime
// change at the moment the operation succeeded ("The time when this Azure AD user last changed their
// password", api-reference/v1.0/resources/user.md), for a synced user when the writeback finishes.
import type { DemoAuditEntry, DemoOperation, DemoTenant, DemoUser } from './model-types';

export type OperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed';

/** From the 202 until the operation reports running, then until it is done (directory clock). */
export const OPERATION_TIMING = {
  startsAfterMs: 500,
  cloudCompletesAfterMs: 1_500,
  /** Writeback to on-premises AD takes longer than a cloud-only reset. */
  writebackCompletesAfterMs: 5_000,
} as const;

export function completesAfterMs(synced: boolean): number {
  return synced ? OPERATION_TIMING.writebackCompletesAfterMs : OPERATION_TIMING.cloudCompletesAfterMs;
}

/** The status an operation reports now: the further of its poll count and its elapsed time. */
export function operationStatus(op: DemoOperation, nowMs: number): OperationStatus {
  if (op.applied) return op.outcome === 'fail' ? 'failed' : 'succeeded';
  const byPolls = op.polls <= 1 ? 0 : op.polls === 2 ? 1 : 2;
  const elapsed = nowMs - op.createdAtMs;
  // A held operation (completesAtMs null) finishes as soon as the fault no longer holds it.
  const done = op.completesAtMs === null ? op.outcome !== 'hang' : nowMs >= op.completesAtMs;
  const byTime = done ? 2 : elapsed >= OPERATION_TIMING.startsAfterMs ? 1 : 0;
  const step = Math.max(byPolls, byTime);
  if (step === 0) return 'notStarted';
  if (step === 1 || op.outcome === 'hang') return 'running';
  return op.outcome === 'fail' ? 'failed' : 'succeeded';
}

/** What settling needs from the directory (kept narrow so this module does not import the class). */
export interface OperationHost {
  readonly tenant: DemoTenant;
  getUser(id: string): DemoUser | undefined;
  setPassword(userId: string, password: string, opts: { forceChange: boolean; at?: number }): void;
  addAudit(entry: Omit<DemoAuditEntry, 'id' | 'activityDateTime'> & { activityDateTime?: string }): DemoAuditEntry;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Settles the operation if it has reached a terminal status: applies the password (success) and
 * writes the audit record, once. Returns the status it reports.
 */
export function settleOperation(host: OperationHost, op: DemoOperation, nowMs: number): OperationStatus {
  const status = operationStatus(op, nowMs);
  if (op.applied || (status !== 'succeeded' && status !== 'failed')) return status;
  // Finished by the clock: at completesAt. Finished by polling (or after a fault was lifted): now.
  const at = op.completesAtMs === null ? nowMs : Math.min(nowMs, op.completesAtMs);
  op.applied = true;
  op.lastActionDateTime = iso(at);
  const target = host.getUser(op.userId);
  if (!target) return status;
  const ok = status === 'succeeded';
  // "The user is prompted to change their password on their next sign in" — not optional here.
  if (ok) host.setPassword(target.id, op.newPassword, { forceChange: true, at });
  const actor = host.getUser(op.initiatorId);
  host.addAudit({
    category: 'UserManagement',
    correlationId: op.id,
    result: ok ? 'success' : 'failure',
    resultReason: ok ? '' : (op.failureDetail ?? ''),
    activityDisplayName: 'Reset password (by admin)',
    loggedByService: 'Self-service Password Management',
    operationType: 'Update',
    activityDateTime: iso(at),
    initiatedBy: {
      user: actor
        ? {
            id: actor.id,
            displayName: actor.displayName,
            userPrincipalName: actor.userPrincipalName,
            ipAddress: '127.0.0.1',
          }
        : null,
      app: null,
    },
    targetResources: [
      {
        id: target.id,
        displayName: target.displayName,
        type: 'User',
        userPrincipalName: target.userPrincipalName,
        modifiedProperties: [],
      },
    ],
    additionalDetails: [
      {
        key: 'OnPremisesAgent',
        value: target.onPremisesSyncEnabled === true && host.tenant.writeback ? host.tenant.syncAgent : 'None',
      },
      { key: 'Method', value: 'resetPassword' },
    ],
  });
  return status;
}
