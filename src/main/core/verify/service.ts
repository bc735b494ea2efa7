// Verifying the caller: codes by SMS, by email (to an authentication or personal address, never the
// locked mailbox) or through the manager, and knowledge questions. Every challenge sent, passed,
// failed, expired or locked is an audit event; no code or answer is ever recorded or returned. Only
// an agent who can act on the caller starts a check, within limits counted across calls (attempts.ts).
import { randomUUID } from 'node:crypto';
import { GUARDED_ACTIONS, type ChallengeAnswer, type ChallengeView } from '../../../shared/caller';
import type { VerificationType } from '../../../shared/audit';
import { assertNever, ResetlineError } from '../../../shared/result';
import type { CallerCore } from '../call/core';
import type { CallState, CodeEntry, ContactOption, KnowledgeEntry } from '../call/state';
import { sendMail } from '../graph/actions';
import {
  assertCanAskKnowledge,
  assertCanSendCode,
  assertNotLocked,
  forgetAttempt,
  recordAttempt,
  type AttemptScope,
} from './attempts';
import { ChallengeClosedError, CodeChallenge, CODE_LIFETIME_MS, ResendTooSoonError } from './codes';
import { KnowledgeCheck } from './knowledge';
import type { VerificationRules } from './rules';
import type { TenantSms } from './smsProvider';

const minutes = CODE_LIFETIME_MS / 60_000;

function codeView(entry: CodeEntry): ChallengeView {
  const c = entry.challenge;
  const status = c.status;
  return {
    challengeId: entry.id,
    type: entry.type,
    status,
    destination: entry.option.label,
    expiresAt: new Date(c.expiresAt).toISOString(),
    attemptsLeft: status === 'open' ? c.attemptsLeft : 0,
    canResendAt: status === 'passed' || status === 'locked' ? null : new Date(c.canResendAt).toISOString(),
    question: null,
    progress: null,
  };
}

function knowledgeView(entry: KnowledgeEntry): ChallengeView {
  return {
    challengeId: entry.id,
    type: 'knowledge',
    status: entry.check.status,
    destination: null,
    expiresAt: null,
    attemptsLeft: entry.check.attemptsLeft,
    canResendAt: null,
    question: entry.check.current,
    progress: entry.check.progress,
  };
}

function messageFor(call: CallState, type: CodeEntry['type'], code: string): { subject: string; text: string } {
  const who = call.card.user.displayName;
  switch (type) {
    case 'sms':
      return {
        subject: '',
        text: `Resetline: your helpdesk verification code is ${code}. Read it only to the agent you are talking to. It expires in ${minutes} minutes.`,
      };
    case 'email':
      return {
        subject: 'Your helpdesk verification code',
        text: `Your helpdesk verification code is ${code}.\n\nRead it to the helpdesk agent you are on the phone with. It expires in ${minutes} minutes. If you did not call the helpdesk, ignore this message and tell your IT team.`,
      };
    case 'manager':
      return {
        subject: `Confirm ${who}'s call to the helpdesk`,
        text: `${who} has called the helpdesk to restore access to their account.\n\nIf you can confirm it is really them (in person or by calling them on a number you know), give them this code to read to the agent: ${code}\n\nIt expires in ${minutes} minutes. If you cannot confirm it is them, do not pass the code on.`,
      };
    default:
      return assertNever(type, 'code type');
  }
}

/** The actions that change something for the caller (reading their methods does not). */
const ACTIONS = GUARDED_ACTIONS.filter((a) => a !== 'readMethods');

/**
 * Codes reach the caller's phone, mailbox or manager, and questions probe what they know: only an
 * agent whose roles can do something for this caller (the call's eligibility) may start either.
 */
function assertCanAct(call: CallState): void {
  if (ACTIONS.some((a) => call.eligibility[a].allowed)) return;
  const reset = call.eligibility.resetPassword;
  const who = reset.allowed || reset.whoCan.length === 0 ? '' : ` ${reset.whoCan.join(', ')} can help this caller.`;
  throw new ResetlineError(
    'not_allowed',
    `Your roles cannot reset or change anything for ${call.card.user.displayName}, so Resetline sends them no codes and asks no questions.${who} Pass the call to an agent who can.`,
  );
}

export class VerifyService {
  constructor(
    private readonly core: CallerCore,
    private readonly rules: VerificationRules,
    private readonly sms: Pick<TenantSms, 'sender'>,
  ) {}

  private option(call: CallState, type: VerificationType, optionId: string | undefined): ContactOption {
    const policy = this.rules.policy();
    if (!policy.allowedTypes.includes(type)) {
      throw new ResetlineError('not_allowed', `The verification policy does not allow ${type} checks.`);
    }
    const candidates = call.options.filter((o) => o.type === type);
    const option = optionId === undefined ? candidates[0] : candidates.find((o) => o.id === optionId);
    if (!option) throw new ResetlineError('not_found', `No ${type} verification is available for this caller.`);
    return option;
  }

  async start(callId: string, type: VerificationType, optionId: string | undefined): Promise<ChallengeView> {
    const call = this.core.calls.get(callId);
    const option = this.option(call, type, optionId);
    assertCanAct(call);
    const scope = this.rules.scope(call);
    assertNotLocked(scope);
    if (type === 'knowledge') return this.startKnowledge(call, scope);
    const codeType = type;
    if (call.lockedOptions.has(option.id)) {
      throw new ResetlineError(
        'challenge_locked',
        'Too many wrong codes were given for this destination in this call. Use another way to verify the caller.',
      );
    }
    // Counted across calls and agents before anything is sent: closing and reopening the call resets nothing.
    assertCanSendCode(scope);
    // Asking again for the same destination resends on the open challenge: same attempt count, cool-down applies.
    const existing = [...call.challenges.values()].find(
      (e): e is CodeEntry =>
        e.kind === 'code' &&
        e.option.id === option.id &&
        (e.challenge.status === 'open' || e.challenge.status === 'expired'),
    );
    let entry: CodeEntry;
    let code: string;
    if (existing) {
      try {
        code = existing.challenge.resend();
      } catch (error) {
        if (error instanceof ResendTooSoonError) {
          throw new ResetlineError(
            'resend_too_soon',
            `Wait until ${new Date(error.canResendAt).toLocaleTimeString()} before sending another code.`,
          );
        }
        throw error;
      }
      existing.audited.clear();
      entry = existing;
    } else {
      const policy = this.rules.policy();
      const issued = CodeChallenge.issue({
        clock: this.core.clock,
        length: policy.codeLength,
        maxAttempts: policy.maxAttempts,
      });
      code = issued.code;
      entry = {
        kind: 'code',
        id: randomUUID(),
        type: codeType,
        option,
        challenge: issued.challenge,
        audited: new Set(),
      };
    }
    // Counted before the (slow) send, so requests racing each other cannot all pass the limit.
    const sent = recordAttempt(scope, codeType, 'sent');
    try {
      await this.deliver(call, entry, code);
    } catch (error) {
      forgetAttempt(scope, sent);
      throw error;
    }
    call.challenges.set(entry.id, entry);
    this.core.audit.record(call, 'verify.challenge-sent', 'info', {
      type: codeType,
      destination: option.label,
      source: option.source,
      challengeId: entry.id,
      resend: existing !== undefined,
    });
    return codeView(entry);
  }

  private async deliver(call: CallState, entry: CodeEntry, code: string): Promise<void> {
    const message = messageFor(call, entry.type, code);
    if (entry.type === 'sms') {
      const sender = this.sms.sender();
      if (!sender)
        throw new ResetlineError(
          'sms_unavailable',
          'No SMS provider is configured. Add an Azure Communication Services resource in Settings, or verify another way.',
        );
      await sender.send(entry.option.address, message.text);
      return;
    }
    // Sent as the signed-in agent (delegated Mail.Send), so the caller sees who is helping them.
    const from = this.rules.policy().mailFrom;
    await sendMail(this.core.session.graph(), {
      ...(from ? { from, grantedScopes: this.core.session.signedInAgent().grantedScopes } : {}),
      to: entry.option.address,
      subject: message.subject,
      text: message.text,
    });
  }

  private startKnowledge(call: CallState, scope: AttemptScope): ChallengeView {
    if (call.knowledgeStarted) {
      throw new ResetlineError(
        'not_allowed',
        'The knowledge questions were already asked in this call; they are not asked twice.',
      );
    }
    assertCanAskKnowledge(scope);
    call.knowledgeStarted = true;
    recordAttempt(scope, 'knowledge', 'sent');
    const entry: KnowledgeEntry = { kind: 'knowledge', id: randomUUID(), check: new KnowledgeCheck(call.questions) };
    call.challenges.set(entry.id, entry);
    this.core.audit.record(call, 'verify.challenge-sent', 'info', {
      type: 'knowledge',
      challengeId: entry.id,
      questions: entry.check.attemptsLeft,
    });
    return knowledgeView(entry);
  }

  private entry(call: CallState, challengeId: string): CodeEntry | KnowledgeEntry {
    const entry = call.challenges.get(challengeId);
    if (!entry) throw new ResetlineError('not_found', 'No such challenge in this call.');
    return entry;
  }

  checkCode(callId: string, challengeId: string, code: string): ChallengeAnswer {
    const call = this.core.calls.get(callId);
    const entry = this.entry(call, challengeId);
    if (entry.kind !== 'code')
      throw new ResetlineError('invalid_input', 'That challenge is a knowledge check: answer its questions.');
    const scope = this.rules.scope(call);
    assertNotLocked(scope);
    let result;
    try {
      result = entry.challenge.check(code);
    } catch (error) {
      if (error instanceof ChallengeClosedError)
        throw new ResetlineError('not_allowed', 'This code was already accepted.');
      throw error;
    }
    const base = { challengeId: entry.id, type: entry.type, destination: entry.option.label };
    switch (result) {
      case 'passed':
        recordAttempt(scope, entry.type, 'passed');
        call.passed.add(entry.type);
        // Only the caller's own phone or address counts as proven for the hand-over, not the manager's.
        if (entry.type === 'sms') call.proven.sms.push(entry.option.address);
        if (entry.type === 'email') call.proven.email.push(entry.option.address);
        this.core.audit.record(call, 'verify.challenge-passed', 'success', base);
        return this.answer('passed', codeView(entry), call);
      case 'incorrect':
        recordAttempt(scope, entry.type, 'failed');
        this.core.audit.record(call, 'verify.challenge-failed', 'failure', {
          ...base,
          attemptsLeft: entry.challenge.attemptsLeft,
        });
        return this.answer('incorrect', codeView(entry), call);
      case 'locked':
      case 'expired': {
        const first = !entry.audited.has(result);
        entry.audited.add(result);
        if (result === 'locked') {
          call.lockedOptions.add(entry.option.id);
          call.failed.add(entry.type);
          // The wrong code that locked it counts toward the caller's lock; later refusals do not.
          if (first) recordAttempt(scope, entry.type, 'failed');
        }
        if (first)
          this.core.audit.record(
            call,
            result === 'locked' ? 'verify.challenge-locked' : 'verify.challenge-expired',
            'failure',
            base,
          );
        // The attempt that locks it is answered; any later one is refused outright.
        if (result === 'locked' && first) return this.answer('locked', codeView(entry), call);
        throw result === 'locked'
          ? new ResetlineError(
              'challenge_locked',
              'Too many wrong codes: this challenge is locked. Verify the caller another way.',
            )
          : new ResetlineError('challenge_expired', `The code is older than ${minutes} minutes. Send a new one.`);
      }
      default:
        return assertNever(result, 'check result');
    }
  }

  answerQuestion(callId: string, challengeId: string, questionId: string, answer: string): ChallengeAnswer {
    const call = this.core.calls.get(callId);
    const entry = this.entry(call, challengeId);
    if (entry.kind !== 'knowledge')
      throw new ResetlineError('invalid_input', 'That challenge takes a code, not an answer.');
    if (entry.check.status !== 'open') {
      throw new ResetlineError('challenge_locked', 'The knowledge check is over for this call.');
    }
    const scope = this.rules.scope(call);
    assertNotLocked(scope);
    const result = entry.check.answer(questionId, answer);
    // Wrong answers count toward the caller's lock like wrong codes.
    if (result === 'incorrect' || result === 'failed') recordAttempt(scope, 'knowledge', 'failed');
    if (result === 'passed') recordAttempt(scope, 'knowledge', 'passed');
    const base = { challengeId: entry.id, type: 'knowledge', question: questionId };
    switch (result) {
      case 'wrong-question':
        throw new ResetlineError('invalid_input', 'Answer the question currently shown.');
      case 'correct-continue':
        return this.answer('correct-continue', knowledgeView(entry), call);
      case 'passed':
        call.passed.add('knowledge');
        this.core.audit.record(call, 'verify.challenge-passed', 'success', base);
        return this.answer('passed', knowledgeView(entry), call);
      case 'incorrect':
        this.core.audit.record(call, 'verify.challenge-failed', 'failure', base);
        return this.answer('incorrect', knowledgeView(entry), call);
      case 'failed':
        call.failed.add('knowledge');
        this.core.audit.record(call, 'verify.challenge-failed', 'failure', { ...base, final: true });
        return this.answer('failed', knowledgeView(entry), call);
      default:
        return assertNever(result, 'answer result');
    }
  }

  private answer(result: ChallengeAnswer['result'], challenge: ChallengeView, call: CallState): ChallengeAnswer {
    return { result, challenge, verification: this.rules.state(call) };
  }
}
