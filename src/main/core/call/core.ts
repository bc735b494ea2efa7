// What the caller-flow services (call, verify, reset, hand-over) share, built by the composition root
// (`buildServices`, services.ts) and never here: the agent's session, the tenant policy cache, the
// open calls, a clock (tests move it) and the call's audit rows. Verification's own parts (its rules,
// the tenant's SMS provider) are not among them: the composition root hands each service what it
// uses, and a call asks verification only through `CallVerification` below.
import type { VerificationState } from '../../../shared/caller';
import type { VerificationPolicy } from '../../../shared/settings';
import type { CallerCard } from '../../../shared/users';
import type { CallAudit } from '../audit';
import type { AgentSession } from '../auth/session';
import type { PolicyService } from '../policy/service';
import type { KnowledgeQuestion } from './challenges';
import type { CallRegistry, CallState } from './state';

/** Milliseconds since the epoch, now. */
export type Clock = () => number;

export interface CallerCore {
  readonly session: AgentSession;
  readonly policy: PolicyService;
  /** Each call answers only the agent who opened it, while that agent is signed in. */
  readonly calls: CallRegistry;
  readonly clock: Clock;
  /** The call's rows, written through the audit layer (audit/callAudit.ts). */
  readonly audit: CallAudit<CallState>;
}

/**
 * What opening, showing and closing a call ask of verification: `VerificationRules`
 * (verify/rules.ts), handed in by whoever opens the call.
 */
export interface CallVerification {
  /** The tenant's verification policy now (closing a call may need a ticket). */
  policy(): VerificationPolicy;
  /** Where the call stands against that policy now. */
  state(call: CallState): VerificationState;
  /** The knowledge questions the caller can be asked, from their directory record. */
  questions(user: CallerCard['user']): KnowledgeQuestion[];
  /** The card as the agent sees it: no answer to a knowledge question on it. */
  shownCard(card: CallerCard): CallerCard;
}
