// The actions that restore access, run only once the call's verification policy is met and the
// guard allows each of them — both checked before any Graph call, and the guard again with the
// agent's roles as they are at the moment of the run. Several actions run in a fixed, safe order,
// stopping at the first failure with what was and was not done. Each write to Microsoft is preceded
// by an intent row in the audit trail (no row, no write) and followed by its outcome row, which is
// retried rather than lost when the database is busy. A password reset Microsoft accepted but has
// not confirmed (a synced user's writeback) is answered `pending` at once and followed by a job
// (writebackJob.ts); a cloud user's is first followed here for a few seconds, as it settles that fast.
import { randomUUID } from 'node:crypto';
import type {
  ActionResult,
  EligibilityMap,
  ResetActionKind,
  ResetActionRequest,
  RunSummary,
} from '../../../shared/caller';
import { assertNever, ResetlineError } from '../../../shared/result';
import type { AuditDetail } from '../../../shared/audit';
import type { Job, JobStartParams } from '../../../shared/jobs';
import type { CallerCore, CallVerification } from '../call/core';
import type { CallState } from '../call/state';
import {
  createTemporaryAccessPass,
  deleteMethod,
  followReset,
  orderForDeletion,
  revokeSessions,
  setAccountEnabled,
  startReset,
  type AcceptedReset,
  type ResetOutcome,
} from '../graph/actions';
import { effectiveRoleTemplateIds, withinCloud } from '../eligibility/caller';
import { canReadResetOperation, decideEligibility } from '../eligibility/guard';
import { listMethods } from '../graph/contacts';
import { getAgentProfile } from '../graph/me';
import { notYetConfirmed, resetFailureMessage, WRITEBACK_WORDS } from './messages';
import { recordSettledReset } from './outcome';
import { generatePassphrase } from './passphrase';
import { precheck } from './precheck';
import { chooseTap, UNKNOWN_LIMITS_TAP, type TapChoice } from './tap';
import { giveUp, handOverPending } from './writebackJob';

/**
 * How long a cloud-only user's accepted reset is followed before `reset:run` answers: Microsoft settles
 * it within seconds, and then the password is ready in the same answer. Past this it is a job too.
 */
export const CLOUD_CONFIRM_MS = 10_000;

/** Where the reset service starts the job that follows an accepted reset (the app's JobRunner). */
export interface ResetJobs {
  start(params: JobStartParams): Promise<Job>;
}

/**
 * Enable first (the rest is pointless on a disabled account); delete methods before issuing a TAP
 * (deleting would remove the new pass); revoke last, so a session opened meanwhile with the old
 * password dies too.
 */
const ACTION_ORDER: readonly ResetActionKind[] = [
  'enableAccount',
  'requireMfaReregistration',
  'resetPassword',
  'issueTap',
  'revokeSessions',
];

const AUDIT_ACTION = {
  enableAccount: 'reset.enable-account',
  requireMfaReregistration: 'reset.require-mfa-reregistration',
  resetPassword: 'reset.password',
  issueTap: 'reset.tap',
  revokeSessions: 'reset.revoke-sessions',
} as const satisfies Record<ResetActionKind, string>;

export class ResetService {
  constructor(
    private readonly core: CallerCore,
    /** Whether the call's verification is met (verify/rules.ts). */
    private readonly verification: Pick<CallVerification, 'state'>,
    private readonly jobs: ResetJobs,
  ) {}

  async run(callId: string, requested: ResetActionRequest[]): Promise<RunSummary> {
    const call = this.core.calls.get(callId);
    if (call.running)
      throw new ResetlineError('not_allowed', 'Actions are already running for this call; wait for them to finish.');
    precheck(call, requested, this.verification.state(call));
    call.running = true;
    try {
      // The roles as they are now, not as they were when the call opened: a role removed since stops the run.
      const roles = await this.currentRoles(call);
      call.eligibility = withinCloud(decideEligibility(roles, call.target), this.core.session.graphCloud());
      precheck(call, requested, this.verification.state(call));
      return await this.runChecked(call, requested, roles);
    } finally {
      call.running = false;
    }
  }

  /** The signed-in agent's roles that apply to this caller, read from Graph at the moment of the run. */
  private async currentRoles(call: CallState): Promise<string[]> {
    const agent = this.core.session.signedInAgent();
    const profile = await getAgentProfile(this.core.session.graph(), agent.id, agent.grantedScopes);
    return effectiveRoleTemplateIds(profile, call.card);
  }

  /**
   * Just before a write to Microsoft: the call still belongs to the signed-in agent, the guard still
   * allows the action, and the intent is in the audit trail (else audit_unavailable, nothing sent).
   */
  private beforeWrite(call: CallState, kind: ResetActionKind, detail: AuditDetail = {}): void {
    this.core.calls.get(call.id);
    const e: EligibilityMap[ResetActionKind] = call.eligibility[kind];
    if (!e.allowed) throw new ResetlineError('not_allowed', e.reason);
    this.core.audit.recordIntent(call, 'reset.requested', { action: AUDIT_ACTION[kind], ...detail });
  }

  private async runChecked(call: CallState, requested: ResetActionRequest[], roles: string[]): Promise<RunSummary> {
    const actions = [...requested].sort((a, b) => ACTION_ORDER.indexOf(a.kind) - ACTION_ORDER.indexOf(b.kind));
    const tap = actions.find((a) => a.kind === 'issueTap');
    const tapRequest = tap?.kind === 'issueTap' ? await chooseTap(this.core.policy, tap) : null;

    const results: ActionResult[] = [];
    let stopped = false;
    for (const action of actions) {
      if (stopped) {
        results.push({ kind: action.kind, status: 'not-run', message: 'Not run: an earlier action failed.' });
        continue;
      }
      let result: ActionResult;
      try {
        result = await this.execute(call, action, tapRequest, roles);
      } catch (error) {
        result = this.failed(call, action.kind, error);
      }
      if (result.status === 'failed') stopped = true;
      if (result.status === 'done') call.actionsDone.push(action.kind);
      results.push(result);
    }
    return this.summary(results);
  }

  private summary(results: ActionResult[]): RunSummary {
    return {
      results,
      complete: results.every((r) => r.status === 'done'),
      auditPending: this.core.audit.pending.size,
    };
  }

  /** A failed action: Graph's failure is recorded (or kept to record); an unrecorded intent changed nothing. */
  private failed(call: CallState, kind: ResetActionKind, error: unknown): ActionResult {
    const e =
      error instanceof ResetlineError ? error : new ResetlineError('internal', 'Resetline hit an unexpected error.');
    const base = { kind, status: 'failed', message: e.message, errorCode: e.code } as const;
    if (e.code === 'audit_unavailable') return { ...base, audit: 'not-recorded' };
    const audit = this.core.audit.recordOutcome(call, AUDIT_ACTION[kind], 'failure', {
      error: e.code,
      requestId: e.requestId ?? null,
    });
    return { ...base, audit };
  }

  private async execute(
    call: CallState,
    action: ResetActionRequest,
    tap: TapChoice | null,
    roles: string[],
  ): Promise<ActionResult> {
    const client = this.core.session.graph();
    const userId = call.card.user.id;
    switch (action.kind) {
      case 'enableAccount': {
        if (call.card.user.accountEnabled === true) {
          return { kind: action.kind, status: 'done', message: 'The account was already enabled.' };
        }
        this.beforeWrite(call, action.kind);
        await setAccountEnabled(client, userId, true);
        const audit = this.core.audit.recordOutcome(call, 'reset.enable-account', 'success');
        return { kind: action.kind, status: 'done', message: 'Account enabled.', audit };
      }
      case 'requireMfaReregistration': {
        const methods = orderForDeletion(
          (await listMethods(client, userId)).filter((m) => m.kind !== 'password' && m.kind !== 'other'),
        );
        const remaining: { label: string; why: string }[] = [];
        let removed = 0;
        for (const m of methods) {
          try {
            this.beforeWrite(call, action.kind, { method: m.kind });
          } catch (error) {
            // No record, no write: when not even the first deletion could be recorded, nothing changed.
            if (removed === 0 && remaining.length === 0) throw error;
            remaining.push({ label: m.label, why: error instanceof Error ? error.message : String(error) });
            break;
          }
          try {
            await deleteMethod(client, userId, m.kind, m.id);
            removed += 1;
          } catch (error) {
            const e = error instanceof ResetlineError ? error : new ResetlineError('internal', String(error));
            // A write whose outcome is unknown stops here: the agent must look before anything else goes.
            if (e.code === 'outcome_unknown' || e.code === 'signed_out') {
              remaining.push({ label: m.label, why: e.message });
              break;
            }
            remaining.push({ label: m.label, why: e.message });
          }
        }
        const left = methods.length - removed;
        const audit = this.core.audit.recordOutcome(
          call,
          'reset.require-mfa-reregistration',
          left === 0 ? 'success' : 'failure',
          { removed, remaining: left },
        );
        if (left > 0) {
          return {
            kind: action.kind,
            status: 'failed',
            errorCode: 'graph_error',
            audit,
            message: `${removed} of ${methods.length} methods were removed. Still registered: ${remaining
              .map((r) => `${r.label} (${r.why})`)
              .join('; ')}${left > remaining.length ? `; and ${left - remaining.length} not tried` : ''}.`,
          };
        }
        return {
          kind: action.kind,
          status: 'done',
          message: `${removed} sign-in methods removed; the caller registers again at next sign-in.`,
          audit,
        };
      }
      case 'resetPassword': {
        const typed = action.password !== undefined;
        const password = action.password ?? generatePassphrase(call.card.user);
        this.beforeWrite(call, action.kind, { typedByAgent: typed });
        const accepted = await startReset(client, userId, {
          newPassword: password,
          canReadOperation: canReadResetOperation(roles),
        });
        // A synced user's writeback takes longer: answered pending at once, followed by a job.
        if (call.card.user.synced) return this.followLater(call, accepted, password, typed);
        const outcome = await followReset(client, accepted, { maxWaitMs: CLOUD_CONFIRM_MS });
        return outcome.status === 'pending'
          ? this.followLater(call, accepted, password, typed)
          : this.afterReset(call, outcome, password, typed);
      }
      case 'issueTap': {
        const choice = tap ?? UNKNOWN_LIMITS_TAP;
        this.beforeWrite(call, action.kind, {
          lifetimeMinutes: choice.lifetimeInMinutes,
          oneTime: choice.isUsableOnce,
        });
        const issued = await createTemporaryAccessPass(client, userId, {
          lifetimeInMinutes: choice.lifetimeInMinutes,
          isUsableOnce: choice.isUsableOnce,
        });
        const secretId = this.store(call, 'tap', issued.temporaryAccessPass, 'ready');
        const audit = this.core.audit.recordOutcome(call, 'reset.tap', 'success', {
          lifetimeMinutes: issued.lifetimeInMinutes,
          oneTime: issued.isUsableOnce,
        });
        return {
          kind: action.kind,
          status: 'done',
          message: `Temporary Access Pass issued for ${issued.lifetimeInMinutes} minutes${issued.isUsableOnce ? ', one use' : ''}.${
            choice.limitsKnown
              ? ''
              : " The tenant's pass limits could not be read with your role (Global Reader, Authentication Policy Administrator or Global Administrator can); Microsoft applied its policy."
          }`,
          secretId,
          tap: { lifetimeInMinutes: issued.lifetimeInMinutes, isUsableOnce: issued.isUsableOnce },
          audit,
        };
      }
      case 'revokeSessions': {
        this.beforeWrite(call, action.kind);
        await revokeSessions(client, userId);
        const audit = this.core.audit.recordOutcome(call, 'reset.revoke-sessions', 'success');
        return {
          kind: action.kind,
          status: 'done',
          message: 'Sign-in sessions revoked; apps ask the caller to sign in again.',
          audit,
        };
      }
      default:
        return assertNever(action, 'action');
    }
  }

  private store(call: CallState, item: 'password' | 'tap', value: string, state: 'ready' | 'pending'): string {
    const id = randomUUID();
    call.vault.set(id, { id, item, value, state });
    return id;
  }

  /**
   * Microsoft accepted the reset and has not confirmed it: the secret waits (not revealable) and a
   * password-writeback job follows it to its end, where it writes the one outcome row (writebackJob.ts).
   */
  private async followLater(
    call: CallState,
    accepted: AcceptedReset,
    password: string,
    typed: boolean,
  ): Promise<ActionResult> {
    const secretId = this.store(call, 'password', password, 'pending');
    // Microsoft accepted the reset: never "failed", and never posted again.
    call.pendingReset = { confirm: accepted.confirm, secretId };
    handOverPending(call, accepted, typed);
    let job: Job;
    try {
      job = await this.jobs.start({ kind: 'password-writeback', callId: call.id });
    } catch (error) {
      // Nothing will follow it (the agent signed out meanwhile…): the outcome is unknown, and said so.
      giveUp(this.core, call, 'not-followed');
      const e = error instanceof ResetlineError ? error : new ResetlineError('internal', String(error));
      return {
        kind: 'resetPassword',
        status: 'failed',
        errorCode: 'outcome_unknown',
        message: `${WRITEBACK_WORDS.unreadable} (${e.message})`,
      };
    }
    return {
      kind: 'resetPassword',
      status: 'pending',
      message: notYetConfirmed(call.card.user.synced),
      secretId,
      jobId: job.id,
    };
  }

  private afterReset(call: CallState, outcome: ResetOutcome, password: string, typed: boolean): ActionResult {
    switch (outcome.status) {
      case 'succeeded': {
        const secretId = this.store(call, 'password', password, 'ready');
        const audit = recordSettledReset(this.core.audit, call, outcome, typed);
        return {
          kind: 'resetPassword',
          status: 'done',
          message: 'Password reset; the caller must change it at next sign-in.',
          secretId,
          audit,
        };
      }
      case 'pending':
        throw new ResetlineError('internal', 'A pending reset is followed by a job, not settled here.');
      case 'failed': {
        const audit = recordSettledReset(this.core.audit, call, outcome, typed);
        return {
          kind: 'resetPassword',
          status: 'failed',
          errorCode: outcome.code,
          message: resetFailureMessage(outcome.code, outcome.detail),
          audit,
        };
      }
      default:
        return assertNever(outcome, 'reset outcome');
    }
  }
}
