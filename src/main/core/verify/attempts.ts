// Verification attempts counted across calls and agents on this install (SQLite, migration 0080):
// codes sent per caller and per agent, knowledge checks per caller, and wrong codes or answers per
// caller, which lock the caller for a while. Closing and reopening the call changes nothing. Rows
// hold only who, whom, which kind, what happened and when — never a code, an answer or an address.
import type Database from 'better-sqlite3';
import type { VerificationType } from '../../../shared/audit';
import type { VerificationLock } from '../../../shared/caller';
import { ResetlineError } from '../../../shared/result';

const MINUTE = 60_000;

/** Every limit on verifying a caller across calls, in one place. */
export const VERIFY_LIMITS = {
  /** Codes (SMS, email, manager email) counted over this window… */
  sendWindowMs: 15 * MINUTE,
  /** …at most this many to one caller, whoever sends them (stops SMS and mail bombing of one person)… */
  codesPerTarget: 3,
  /** …and at most this many from one agent, to anyone. */
  codesPerAgent: 10,
  /** Wrong codes and wrong knowledge answers for one caller counted over this window… */
  failureWindowMs: 15 * MINUTE,
  /** …this many lock the caller… */
  failuresBeforeLock: 5,
  /** …for this long after the last of them: no code is sent or checked, no question asked. */
  lockMs: 30 * MINUTE,
  /** Knowledge checks started for one caller over this window, at most this many (no fishing over calls). */
  knowledgeWindowMs: 24 * 60 * MINUTE,
  knowledgeChecksPerTarget: 2,
} as const;

type AttemptOutcome = 'sent' | 'failed' | 'passed';

/** Whose attempts: the tenant ("<cloud>:<tenant id>"), the caller, the agent, and now. */
export interface AttemptScope {
  db: Database.Database;
  tenantKey: string;
  targetId: string;
  agentId: string;
  now: number;
}

/** Records one attempt; returns its row id (to take back a send the provider refused). */
export function recordAttempt(scope: AttemptScope, type: VerificationType, outcome: AttemptOutcome): number {
  const info = scope.db
    .prepare(
      'INSERT INTO verify_attempts (tenant_key, target_id, agent_id, type, outcome, at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(scope.tenantKey, scope.targetId, scope.agentId, type, outcome, scope.now);
  return Number(info.lastInsertRowid);
}

/** A code that never left (the provider refused it) is not counted against the caller. */
export function forgetAttempt(scope: AttemptScope, id: number): void {
  scope.db.prepare("DELETE FROM verify_attempts WHERE id = ? AND outcome = 'sent'").run(id);
}

function times(scope: AttemptScope, where: string, args: unknown[], since: number): number[] {
  const rows = scope.db
    .prepare(`SELECT at FROM verify_attempts WHERE tenant_key = ? AND ${where} AND at > ? ORDER BY at`)
    .all(scope.tenantKey, ...args, since) as { at: number }[];
  return rows.map((r) => r.at);
}

/**
 * The caller's lock, if any: the latest run of `failuresBeforeLock` failures within `failureWindowMs`
 * locks the caller until `lockMs` after the last of them.
 */
export function targetLock(scope: AttemptScope): VerificationLock | null {
  const { failuresBeforeLock: n, failureWindowMs, lockMs } = VERIFY_LIMITS;
  const failed = times(
    scope,
    "target_id = ? AND outcome = 'failed'",
    [scope.targetId],
    scope.now - failureWindowMs - lockMs,
  );
  for (let i = failed.length - 1; i >= n - 1; i--) {
    const last = failed[i]!;
    if (last + lockMs <= scope.now) break;
    if (last - failed[i - n + 1]! <= failureWindowMs) {
      return {
        failures: failed.filter((at) => at > last - failureWindowMs && at <= last).length,
        lastFailureAt: new Date(last).toISOString(),
        lockedUntil: new Date(last + lockMs).toISOString(),
      };
    }
  }
  return null;
}

/** "10:42" in the agent's local time. */
function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function minutesAgo(iso: string, now: number): string {
  const m = Math.max(0, Math.floor((now - Date.parse(iso)) / MINUTE));
  return m === 0 ? 'less than a minute ago' : m === 1 ? '1 minute ago' : `${m} minutes ago`;
}

/** The agent-facing sentence for a lock. */
function lockMessage(lock: VerificationLock, now: number): string {
  return (
    `Failed verification ${minutesAgo(lock.lastFailureAt, now)} — locked until ${clockTime(Date.parse(lock.lockedUntil))}. ` +
    `${lock.failures} wrong codes or answers were given for this caller; no code is sent or checked and no question asked until then. ` +
    'Escalate, or ask the caller to call back after that time.'
  );
}

/** Refuses anything that verifies a locked caller. */
export function assertNotLocked(scope: AttemptScope): void {
  const lock = targetLock(scope);
  if (lock) throw new ResetlineError('challenge_locked', lockMessage(lock, scope.now));
}

/** Refuses a code once the caller or the agent has had as many as the limits allow. */
export function assertCanSendCode(scope: AttemptScope): void {
  const { sendWindowMs, codesPerTarget, codesPerAgent } = VERIFY_LIMITS;
  const since = scope.now - sendWindowMs;
  const codes = "type <> 'knowledge' AND outcome = 'sent'";
  const toTarget = times(scope, `target_id = ? AND ${codes}`, [scope.targetId], since);
  const minutes = sendWindowMs / MINUTE;
  if (toTarget.length >= codesPerTarget) {
    const at = toTarget[toTarget.length - codesPerTarget]! + sendWindowMs;
    throw new ResetlineError(
      'resend_too_soon',
      `${toTarget.length} codes were sent to this user in the last ${minutes} minutes; wait until ${clockTime(at)} or verify another way.`,
    );
  }
  const byAgent = times(scope, `agent_id = ? AND ${codes}`, [scope.agentId], since);
  if (byAgent.length >= codesPerAgent) {
    const at = byAgent[byAgent.length - codesPerAgent]! + sendWindowMs;
    throw new ResetlineError(
      'resend_too_soon',
      `You have sent ${byAgent.length} codes in the last ${minutes} minutes, the most one agent may; wait until ${clockTime(at)} or ask a colleague.`,
    );
  }
}

/** Refuses a knowledge check once the caller has had as many as the limit allows. */
export function assertCanAskKnowledge(scope: AttemptScope): void {
  const { knowledgeWindowMs, knowledgeChecksPerTarget } = VERIFY_LIMITS;
  const started = times(
    scope,
    "target_id = ? AND type = 'knowledge' AND outcome = 'sent'",
    [scope.targetId],
    scope.now - knowledgeWindowMs,
  );
  if (started.length >= knowledgeChecksPerTarget) {
    const at = started[started.length - knowledgeChecksPerTarget]! + knowledgeWindowMs;
    throw new ResetlineError(
      'not_allowed',
      `The directory questions were already asked ${started.length} times for this caller in the last ${knowledgeWindowMs / (60 * MINUTE)} hours; they can be asked again after ${new Date(at).toLocaleString()}. Verify another way.`,
    );
  }
}

/** Knowledge answers are weaker than a code: they count only alongside another type of check. */
export function policyMet(passed: readonly VerificationType[], required: number): boolean {
  return passed.length >= required && passed.some((t) => t !== 'knowledge');
}
