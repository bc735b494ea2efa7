// What the caller-flow services share: the store, the agent's session, the tenant policy cache, the
// open calls, a clock (tests move it) and the SMS sender for the tenant in use.
import type Database from 'better-sqlite3';
import type { AuditAction, AuditDetail, AuditOutcome } from '../../../shared/audit';
import type { VerificationPolicy, VerificationState } from '../../../shared/caller';
import type { AgentSession } from '../auth/session';
import type { PolicyService } from '../policy/service';
import { getVerificationPolicy } from '../settings/settings';
import { attemptScope } from '../verify/scope';
import { policyMet, targetLock } from '../verify/attempts';
import type { Clock } from '../verify/codes';
import { AcsSmsSender, type SmsSender } from '../verify/sms';
import { SmsSettingsStore } from '../verify/smsSettings';
import { ResetlineError } from '../../../shared/result';
import { createLogger } from '../log';
import { PendingAuditRows } from './auditQueue';
import { CallRegistry, callEventInput, recordCallEvent, type CallState } from './state';

const log = createLogger('caller');

/** Whether a row of what happened is in the audit trail yet, or waits to be written. */
export type AuditWrite = 'recorded' | 'pending';

export interface CallerCoreOptions {
  db: Database.Database;
  session: AgentSession;
  policy: PolicyService;
  clock?: Clock;
  /** Replaces the SMS sender chosen from settings (tests that want a failing provider). */
  smsSender?: SmsSender;
  /** How long a synced user's reset is followed before it is reported pending (default 20 s). */
  syncedWaitMs?: number;
  /** The ACS settings; by default kept in this database with the access key in memory only. */
  smsSettings?: SmsSettingsStore;
}

export class CallerCore {
  readonly db: Database.Database;
  readonly session: AgentSession;
  readonly policy: PolicyService;
  /** Each call answers only the agent who opened it, while that agent is signed in. */
  readonly calls: CallRegistry;
  /** Records of what already happened that could not be written yet: retried, in order. */
  readonly pendingAudit: PendingAuditRows;
  readonly clock: Clock;
  readonly syncedWaitMs: number;
  readonly smsSettings: SmsSettingsStore;
  private readonly smsOverride: SmsSender | undefined;
  private smsCache: { key: string; sender: SmsSender } | null = null;

  constructor(options: CallerCoreOptions) {
    this.db = options.db;
    this.session = options.session;
    this.policy = options.policy;
    this.clock = options.clock ?? Date.now;
    this.syncedWaitMs = options.syncedWaitMs ?? 20_000;
    this.smsOverride = options.smsSender;
    this.smsSettings = options.smsSettings ?? new SmsSettingsStore(options.db);
    this.pendingAudit = new PendingAuditRows(options.db);
    this.calls = new CallRegistry(() => {
      const state = this.session.state();
      return state.status === 'signed-in' ? state.agent.id : null;
    });
    // Nothing of a call outlives its agent's session: expiry, sign-out or another agent drops them all.
    this.session.onAgentChange(() => this.calls.dropAll());
  }

  verificationPolicy(): VerificationPolicy {
    return getVerificationPolicy(this.db);
  }

  /** The SMS sender for the tenant in use, or null when none is configured. */
  smsSender(): SmsSender | null {
    if (this.smsOverride) return this.smsOverride;
    const demo = this.session.demoTenant();
    let config: { connectionString: string; fromNumber: string; caPem?: string } | null = null;
    if (demo?.smsConnectionString && demo.smsFromNumber) {
      config = { connectionString: demo.smsConnectionString, fromNumber: demo.smsFromNumber, caPem: demo.caCertPem };
    } else if (!demo) {
      config = this.smsSettings.get();
    }
    if (!config) return null;
    const key = `${config.connectionString}|${config.fromNumber}`;
    if (this.smsCache?.key !== key) this.smsCache = { key, sender: new AcsSmsSender(config) };
    return this.smsCache.sender;
  }

  required(call: CallState): { required: number; reason: string } {
    if (call.isAdmin)
      return {
        required: 2,
        reason: 'The caller holds an admin role or is in a role-assignable group: two checks are always needed.',
      };
    const n = this.verificationPolicy().requiredChecks;
    return {
      required: n,
      reason: n === 1 ? 'The verification policy asks for one check.' : 'The verification policy asks for two checks.',
    };
  }

  verificationState(call: CallState): VerificationState {
    const { required, reason } = this.required(call);
    const allowed = new Set(this.verificationPolicy().allowedTypes);
    // Only types the policy allows count, so tightening the policy mid-call takes effect at once.
    const passed = [...call.passed].filter((t) => allowed.has(t));
    const lockout = targetLock(attemptScope(this, call));
    return {
      required,
      requiredReason: reason,
      passed,
      failed: [...call.failed],
      met: policyMet(passed, required) && lockout === null,
      lockout,
      options: call.options
        .filter((o) => allowed.has(o.type))
        .filter((o) => o.type !== 'sms' || this.smsSender() !== null)
        .map(({ id, type, label, source }) => ({ id, type, label, source })),
    };
  }

  record(
    call: CallState,
    action: AuditAction,
    outcome: AuditOutcome,
    detail?: AuditDetail,
    extra: { ticketRef?: string | null; notes?: string | null } = {},
  ): number {
    // Rows of what already happened go first, so the trail keeps its order where it can.
    this.pendingAudit.flush();
    return recordCallEvent(this.db, call, this.required(call).required, {
      action,
      outcome,
      ...(detail ? { detail } : {}),
      ...extra,
    });
  }

  /**
   * The row written before a change is sent to Microsoft. When it cannot be written, nothing is sent:
   * throws audit_unavailable with a message for the agent.
   */
  recordIntent(call: CallState, action: 'reset.requested' | 'handover.requested', detail: AuditDetail): void {
    try {
      this.record(call, action, 'info', detail);
    } catch (error) {
      log.warn('intent not recorded; the change was not sent', { action, detail, error });
      throw new ResetlineError(
        'audit_unavailable',
        'Resetline could not record this action in its audit trail, so it did not change anything. Another program may be holding the audit database; wait a moment and try again. If it keeps happening, close other copies of Resetline and tell your administrator.',
      );
    }
  }

  /**
   * The row saying what happened. A busy database does not make it throw: the row is kept and written
   * as soon as the database lets it. Returns whether it is in the trail yet.
   */
  recordOutcome(call: CallState, action: AuditAction, outcome: AuditOutcome, detail?: AuditDetail): AuditWrite {
    const input = callEventInput(call, this.required(call).required, {
      action,
      outcome,
      ...(detail ? { detail } : {}),
    });
    return this.pendingAudit.append(input) ? 'recorded' : 'pending';
  }
}
