// Per-call state, in memory only: who the caller is, what the agent may do, the challenges under
// way, what was proven, and the vault of show-once secrets. Nothing here is ever persisted; closing
// the call drops it all.
import type { SignedInAgent } from '../../../shared/auth';
import type { ResetConfirmation } from '../graph/actions';
import type { AuditDetail, VerificationType } from '../../../shared/audit';
import type { AgentSession } from '../auth/session';
import type { EligibilityMap, ResetActionKind, VerificationOption } from '../../../shared/caller';
import { ResetlineError } from '../../../shared/result';
import type { CallerCard } from '../../../shared/users';
import type { ContactPoints } from '../graph/contacts';
import type { GuardTarget } from '../eligibility/guard';
import type { CodeChallengeState, KnowledgeCheckState, KnowledgeQuestion } from './challenges';

/** A verification option with its real address (main only). */
export interface ContactOption extends VerificationOption {
  /** E.164 phone or email address; empty for knowledge. */
  address: string;
}

export interface CodeEntry {
  kind: 'code';
  id: string;
  type: 'sms' | 'email' | 'manager';
  option: ContactOption;
  challenge: CodeChallengeState;
  /** Each closing state is audited once, however often the agent retries. */
  audited: Set<'expired' | 'locked'>;
}

export interface KnowledgeEntry {
  kind: 'knowledge';
  id: string;
  check: KnowledgeCheckState;
}

export interface VaultEntry {
  id: string;
  item: 'password' | 'tap';
  /** null once handed over: the value is gone from the vault. */
  value: string | null;
  state: 'ready' | 'pending' | 'handed-over';
}

export interface CallState {
  id: string;
  openedAt: number;
  /**
   * Viewing a caller is not a call in the audit trail yet: 'call.opened' (with this wall-clock time and
   * detail) is written just before the call's first audited event (audit/callAudit.ts), and a call closed
   * before any is written leaves no row at all.
   */
  opening: { at: number; detail: AuditDetail; recorded: boolean };
  agent: SignedInAgent;
  card: CallerCard;
  target: GuardTarget;
  eligibility: EligibilityMap;
  isAdmin: boolean;
  contacts: ContactPoints;
  options: ContactOption[];
  questions: KnowledgeQuestion[];
  challenges: Map<string, CodeEntry | KnowledgeEntry>;
  /** Options whose challenge locked: no fresh set of attempts on the same destination. */
  lockedOptions: Set<string>;
  knowledgeStarted: boolean;
  passed: Set<VerificationType>;
  failed: Set<VerificationType>;
  /** Phone numbers and addresses the caller proved by reading back a code (hand-over may use them). */
  proven: { sms: string[]; email: string[] };
  vault: Map<string, VaultEntry>;
  /** A reset Microsoft accepted but that is not confirmed yet: checked again, never posted again. */
  pendingReset: { confirm: ResetConfirmation; secretId: string } | null;
  actionsDone: ResetActionKind[];
  /** A reset:run is under way: a second one (a double click) must not run the writes twice. */
  running: boolean;
  /**
   * Settles (never rejects) once the card's reports part (methods, registration details) is in and
   * the call completed with it: contacts, options, eligibility, the opening's detail. Until then
   * `card.reportsPending` is true and nothing verifies, acts or closes the call (handlers/caller.ts).
   */
  reports: Promise<void>;
}

/** Told about each call forgotten unfinished (sign-out, another tenant), with why: it closes the record. */
export type ForgetHook = (call: CallState, reason: string) => void;

/** Why a call was closed as abandoned when its agent's session ended (sign-out, expiry, another agent). */
export const SIGNED_OUT_REASON = 'The agent was signed out before the call ended';
/** Why a call was closed as abandoned when Resetline was pointed at another tenant. */
export const TENANT_CHANGED_REASON = 'Resetline was switched to another tenant before the call ended';

export class CallRegistry {
  private readonly calls = new Map<string, CallState>();
  private forgetHook: ForgetHook | null = null;

  /** @param currentAgentId the signed-in agent's id now, or null: a call answers only the agent who opened it. */
  constructor(private readonly currentAgentId: () => string | null) {}

  add(call: CallState): void {
    this.calls.set(call.id, call);
  }

  get(callId: string): CallState {
    const call = this.calls.get(callId);
    // Another agent's call is answered exactly like a closed one: nothing about it is given away.
    if (!call || call.agent.id !== this.currentAgentId())
      throw new ResetlineError('call_not_found', 'That call is closed or was never opened. Open the caller again.');
    return call;
  }

  /** Forgets the call and every secret in it. */
  drop(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    for (const entry of call.vault.values()) entry.value = null;
    call.vault.clear();
    call.challenges.clear();
    this.calls.delete(callId);
  }

  /** The signed-in agent's open calls, oldest first (a reloaded window offers to resume them). */
  mine(): CallState[] {
    const agentId = this.currentAgentId();
    if (agentId === null) return [];
    return [...this.calls.values()].filter((c) => c.agent.id === agentId).sort((a, b) => a.openedAt - b.openedAt);
  }

  /** Set once by the composition root: how an unfinished call is closed in the audit trail. */
  onForget(hook: ForgetHook): void {
    this.forgetHook = hook;
  }

  /**
   * Every call (sign-out, tenant change): nothing outlives the agent's session. With a reason, each
   * call is first closed in the audit trail as abandoned, saying why.
   */
  dropAll(reason?: string): void {
    for (const call of [...this.calls.values()]) {
      if (reason !== undefined) this.forgetHook?.(call, reason);
      this.drop(call.id);
    }
  }

  get size(): number {
    return this.calls.size;
  }
}

/** The signed-in agent's open calls: nothing of a call outlives its agent's session (expiry, sign-out, another agent). */
export function sessionCalls(session: Pick<AgentSession, 'state' | 'onAgentChange'>): CallRegistry {
  const calls = new CallRegistry(() => {
    const state = session.state();
    return state.status === 'signed-in' ? state.agent.id : null;
  });
  session.onAgentChange(() => calls.dropAll(SIGNED_OUT_REASON));
  return calls;
}
