// What the caller-flow services share: the store, the agent's session, the tenant policy cache, the
// open calls, a clock (tests move it) and the SMS sender for the tenant in use.
import type Database from 'better-sqlite3';
import type { AuditAction, AuditDetail, AuditOutcome } from '../../../shared/audit';
import type { VerificationPolicy, VerificationState } from '../../../shared/caller';
import type { AgentSession } from '../auth/session';
import type { PolicyService } from '../policy/service';
import { getVerificationPolicy } from '../settings/settings';
import type { Clock } from '../verify/codes';
import { AcsSmsSender, type SmsSender } from '../verify/sms';
import { SmsSettingsStore } from '../verify/smsSettings';
import { CallRegistry, recordCallEvent, type CallState } from './state';

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
  readonly calls = new CallRegistry();
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
    return {
      required,
      requiredReason: reason,
      passed,
      failed: [...call.failed],
      met: passed.length >= required,
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
    return recordCallEvent(this.db, call, this.required(call).required, {
      action,
      outcome,
      ...(detail ? { detail } : {}),
      ...extra,
    });
  }
}
