// The long-running resetPassword operation (202 + Location, then polled through
// notStarted → running → succeeded | failed) and its audit record with the OnPremisesAgent detail.
import { randomInt } from 'node:crypto';
import type { FaultRule, GraphResponse } from '../contracts';
import {
  PASSWORD_METHOD_ID,
  validateNewPassword,
  type DemoOperation,
  type DemoUser,
  type OperationOutcome,
} from '../model';
import { completesAfterMs, settleOperation } from '../model-operations';
import { allowsRoles } from '../rules/api-roles';
import { mayActOn } from './authorize';
import { assertBodyObject, json, type Ctx } from './context';
import { badRequest, forbidden, GraphError, notFound } from './errors';
import { recordAdminAction } from './audit';
import { UnsupportedMethodOperation } from './methods';

export const COMPLEXITY_MESSAGE =
  'The specified password does not comply with password complexity requirements. Please provide a different password.';
export const BANNED_MESSAGE =
  'The specified password does not comply with password complexity requirements. Please provide a different password. (FuzzyPolicyViolationInvalidPassword: the password contains a banned term.)';
const RETRY_AFTER_SECONDS = '1';

export class PasswordRejectedError extends GraphError {
  constructor(readonly problem: 'complexity' | 'banned') {
    super(400, 'Request_BadRequest', problem === 'banned' ? BANNED_MESSAGE : COMPLEXITY_MESSAGE);
    this.name = 'PasswordRejectedError';
  }
}

/** Checks a new password as the cloud does; users with DisableStrongPassword skip complexity (not the banned list). */
export function assertAcceptablePassword(pw: string, user: DemoUser): void {
  const problem = validateNewPassword(pw);
  if (problem === 'banned') throw new PasswordRejectedError('banned');
  if (problem === 'complexity' && !(user.passwordPolicies ?? '').includes('DisableStrongPassword'))
    throw new PasswordRejectedError('complexity');
}

/** Like Graph's generated ones ("Cuyo5459"): one capital, three lower-case letters, four digits. */
export function generatedPassword(): string {
  const up = 'BCDFGHJKLMNPRSTVWZ';
  const low = 'abcdefghijkmnopqrstuvwxyz';
  let s = up.charAt(randomInt(up.length));
  for (let i = 0; i < 3; i++) s += low.charAt(randomInt(low.length));
  for (let i = 0; i < 4; i++) s += String(randomInt(10));
  return s;
}

/** The operation fault for this request, if a knob asks for one (consumes one of its `times`). */
function operationFault(ctx: Ctx): OperationOutcome | undefined {
  const subject = `${ctx.req.method} ${ctx.req.path}`;
  const rules: FaultRule[] = ctx.opts.knobs().faults;
  for (const rule of rules) {
    const k = rule.fault.kind;
    if (k !== 'reset-operation-fails' && k !== 'reset-operation-hangs') continue;
    if (rule.times !== undefined && rule.times <= 0) continue;
    if (!new RegExp(rule.pattern).test(subject)) continue;
    if (rule.times !== undefined) rule.times -= 1;
    return k === 'reset-operation-fails' ? 'fail' : 'hang';
  }
  return undefined;
}

export function startResetPassword(ctx: Ctx, target: DemoUser, methodId: string): GraphResponse {
  if (methodId.toLowerCase() !== PASSWORD_METHOD_ID) throw new UnsupportedMethodOperation();
  // "Cannot be performed on a user's own account" (api-reference/v1.0/api/authenticationmethod-resetpassword.md).
  if (ctx.isSelf(target))
    throw forbidden(
      'The password of the signed-in user cannot be reset with this API. Use the change password flow instead.',
    );
  // Tenant-wide roles, plus roles scoped to an administrative unit the target belongs to.
  const allowed = mayActOn('resetPassword', ctx.dir.rolesOver(ctx.caller.id, target.id), {
    roleTemplateIds: ctx.dir.effectiveRoleTemplateIds(target.id),
    inRoleAssignableGroup: ctx.dir.isMemberOfRoleAssignableGroup(target.id),
  });
  if (!allowed) throw forbidden();
  // Guests have no password in this tenant (their home tenant owns it), so there is no method to reset.
  if (!target.methods.some((m) => m.kind === 'password')) throw notFound(methodId);
  const b = assertBodyObject(ctx.req.body);
  const synced = target.onPremisesSyncEnabled === true;
  let newPassword: string;
  let generated = false;
  if (b.newPassword === undefined || b.newPassword === null || b.newPassword === '') {
    // "Required for tenants with hybrid password scenarios."
    if (synced)
      throw badRequest(
        'newPassword is required for users whose password is managed on-premises (hybrid password scenario).',
        'Request_BadRequest',
      );
    newPassword = generatedPassword();
    generated = true;
  } else if (typeof b.newPassword !== 'string') {
    throw badRequest("Invalid value for property 'newPassword'.", 'BadRequest');
  } else {
    newPassword = b.newPassword;
    assertAcceptablePassword(newPassword, target);
  }
  const nowMs = ctx.dir.now().getTime();
  const now = ctx.dir.nowIso();
  let outcome: OperationOutcome = operationFault(ctx) ?? 'succeed';
  let failureDetail: string | null =
    outcome === 'fail'
      ? 'The new password does not meet the password policy requirements (password history or minimum password age).'
      : null;
  if (outcome === 'succeed' && synced && !ctx.dir.tenant.writeback) {
    outcome = 'fail';
    failureDetail =
      'Password writeback is not enabled for this tenant; the on-premises password of this synchronized user cannot be reset from the cloud.';
  }
  const op: DemoOperation = {
    id: ctx.dir.newId(),
    userId: target.id,
    createdDateTime: now,
    createdAtMs: nowMs,
    lastActionDateTime: now,
    polls: 0,
    // A fault that holds the operation running also holds its clock; it finishes once lifted.
    completesAtMs: outcome === 'hang' ? null : nowMs + completesAfterMs(synced),
    outcome,
    failureDetail,
    newPassword,
    applied: false,
    initiatorId: ctx.caller.id,
  };
  ctx.dir.operations.set(op.id, op);
  const location = `${ctx.base}/users/${target.id}/authentication/operations/${op.id}?aadgdc=DEMO01&aadgsu=ssprprod-a`;
  const body = generated
    ? { '@odata.context': `${ctx.base}/$metadata#microsoft.graph.passwordResetResponse`, newPassword }
    : {};
  return json(202, body, { Location: location, 'Retry-After': RETRY_AFTER_SECONDS });
}

export function getOperation(ctx: Ctx, target: DemoUser, opId: string): GraphResponse {
  // Another user's operation needs a method reader's role (rules/api-roles.ts, readOthersOperation);
  // starting the reset does not make the caller one.
  if (!ctx.isSelf(target) && !allowsRoles('readOthersOperation', ctx.dir.rolesOver(ctx.caller.id, target.id)))
    throw forbidden();
  const op = ctx.dir.operations.get(opId);
  if (!op || op.userId !== target.id) throw notFound(opId);
  op.polls += 1;
  const nowMs = ctx.dir.now().getTime();
  const s = settleOperation(ctx.dir, op, nowMs);
  if (!op.applied && op.polls === 2) op.lastActionDateTime = ctx.dir.nowIso();
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.base}/$metadata#users('${target.id}')/authentication/operations/$entity`,
    id: op.id,
    createdDateTime: op.createdDateTime,
    lastActionDateTime: op.lastActionDateTime,
    status: s,
    statusDetail: s === 'failed' ? op.failureDetail : null,
    resourceLocation: `${ctx.base}/users/${target.id}/authentication/methods/${PASSWORD_METHOD_ID}`,
  };
  return json(200, body, s === 'succeeded' || s === 'failed' ? {} : { 'Retry-After': RETRY_AFTER_SECONDS });
}

export { recordAdminAction };
