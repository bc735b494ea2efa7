// The verification rules: how many checks a caller needs and why, and where a call stands against the
// tenant's verification policy now (the checks that count, the caller's lock, the options offered).
// Read at each use, so tightening the policy mid-call takes effect at once. A call asks these rules
// through its own `CallVerification` (call/core.ts), which `VerificationRules` answers.
import type Database from 'better-sqlite3';
import type { VerificationLock, VerificationState } from '../../../shared/caller';
import type { VerificationPolicy } from '../../../shared/settings';
import type { CallerCard } from '../../../shared/users';
import type { AgentSession } from '../auth/session';
import type { KnowledgeQuestion } from '../call/challenges';
import type { CallVerification, Clock } from '../call/core';
import type { CallState } from '../call/state';
import { getVerificationPolicy } from '../settings/settings';
import { policyMet, targetLock, type AttemptScope } from './attempts';
import { withholdKnowledgeAnswers } from './cardFields';
import { buildQuestions } from './knowledge';
import { attemptScope } from './scope';

interface RequiredChecks {
  required: number;
  reason: string;
}

/** Admin callers always need two checks; everyone else what the policy asks. */
export function requiredChecks(call: Pick<CallState, 'isAdmin'>, policy: VerificationPolicy): RequiredChecks {
  if (call.isAdmin)
    return {
      required: 2,
      reason: 'The caller holds an admin role or is in a role-assignable group: two checks are always needed.',
    };
  const n = policy.requiredChecks;
  return {
    required: n,
    reason: n === 1 ? 'The verification policy asks for one check.' : 'The verification policy asks for two checks.',
  };
}

/** Where the call stands: only types the policy allows count, and SMS is offered only when a provider can send. */
export function verificationState(
  call: Pick<CallState, 'isAdmin' | 'passed' | 'failed' | 'options'>,
  policy: VerificationPolicy,
  now: { lockout: VerificationLock | null; smsAvailable: () => boolean },
): VerificationState {
  const { required, reason } = requiredChecks(call, policy);
  const allowed = new Set(policy.allowedTypes);
  const passed = [...call.passed].filter((t) => allowed.has(t));
  return {
    required,
    requiredReason: reason,
    passed,
    failed: [...call.failed],
    met: policyMet(passed, required) && now.lockout === null,
    lockout: now.lockout,
    options: call.options
      .filter((o) => allowed.has(o.type))
      .filter((o) => o.type !== 'sms' || now.smsAvailable())
      .map(({ id, type, label, source }) => ({ id, type, label, source })),
  };
}

interface VerificationRulesOptions {
  /** The tenant's data: its verification policy and the attempts counted across calls. */
  db: Database.Database;
  session: Pick<AgentSession, 'tenantKey'>;
  clock: Clock;
  /** Whether a text message can be sent for this tenant now (verify/smsProvider.ts). */
  smsAvailable: () => boolean;
}

/** The rules above, applied to the tenant in use with its policy and attempts as they are now. */
export class VerificationRules implements CallVerification {
  constructor(private readonly options: VerificationRulesOptions) {}

  policy(): VerificationPolicy {
    return getVerificationPolicy(this.options.db);
  }

  required(call: CallState): RequiredChecks {
    return requiredChecks(call, this.policy());
  }

  /** Whose attempts this call counts against, now. */
  scope(call: CallState): AttemptScope {
    return attemptScope(this.options, call);
  }

  state(call: CallState): VerificationState {
    return verificationState(call, this.policy(), {
      lockout: targetLock(this.scope(call)),
      smsAvailable: this.options.smsAvailable,
    });
  }

  /** The knowledge questions the caller can be asked (knowledge.ts), from their directory record. */
  questions(user: CallerCard['user']): KnowledgeQuestion[] {
    return buildQuestions({ employeeId: user.employeeId, employeeHireDate: user.employeeHireDate });
  }

  /** The card as the agent sees it: no answer to a knowledge question on it (cardFields.ts). */
  shownCard(card: CallerCard): CallerCard {
    return withholdKnowledgeAnswers(card);
  }
}
