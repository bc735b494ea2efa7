// What the caller-flow services (call, verify, reset, hand-over) share, built by the composition root
// (runtime.ts `buildServices`) and never here: the agent's session, the tenant policy cache, the
// open calls, a clock (tests move it), the verification rules, the tenant's SMS provider and the
// call's audit rows.
import type { CallAudit } from '../audit';
import type { AgentSession } from '../auth/session';
import type { PolicyService } from '../policy/service';
import type { Clock } from '../verify/codes';
import type { VerificationRules } from '../verify/rules';
import type { SmsSender } from '../verify/sms';
import type { TenantSms } from '../verify/smsProvider';
import type { CallRegistry, CallState } from './state';

export interface CallerCore {
  readonly session: AgentSession;
  readonly policy: PolicyService;
  /** Each call answers only the agent who opened it, while that agent is signed in. */
  readonly calls: CallRegistry;
  readonly clock: Clock;
  readonly rules: VerificationRules;
  readonly sms: TenantSms;
  /** The call's rows, written through the audit layer (audit/callAudit.ts). */
  readonly audit: CallAudit<CallState>;
}

/** What tests may set for the caller flow. */
export interface CallerOptions {
  clock?: Clock;
  /** Replaces the SMS sender the tenant's provider gives (tests that want a failing provider). */
  smsSender?: SmsSender;
}
