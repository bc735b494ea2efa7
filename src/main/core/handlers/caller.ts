// Handlers of the caller flow (call, verify, reset, demo): thin, the work is in core/call,
// core/verify and core/reset. The verification policy and the SMS provider are settings
// (handlers/settings.ts).
import type { CallerCore } from '../call/core';
import { callView, closeCall, listOpenCalls, openCall } from '../call/service';
import type { Handlers } from '../host/router';
import { revealSecret, sendSecret } from '../reset/handover';
import { requireAgent } from './guards';
import { checkPassword } from '../reset/passphrase';
import type { ResetService } from '../reset/service';
import type { DemoOutbox } from '../verify/demoOutbox';
import type { VerificationRules } from '../verify/rules';
import type { VerifyService } from '../verify/service';
import type { TenantSms } from '../verify/smsProvider';

export interface CallerHandlerDeps {
  core: CallerCore;
  /** The verification rules: what a call shows and asks of its verification (call/core.ts `CallVerification`). */
  rules: VerificationRules;
  /** The tenant's SMS provider, for sending a secret. */
  sms: Pick<TenantSms, 'sender'>;
  verify: VerifyService;
  reset: ResetService;
  /** The demo tenant's outbox (demo mode only). */
  outbox: DemoOutbox;
}

export function createCallerHandlers({
  core,
  rules,
  sms,
  verify,
  reset,
  outbox,
}: CallerHandlerDeps): Pick<Handlers, 'call' | 'verify' | 'reset' | 'demo'> {
  // A call is only looked at until its methods are in (`call:open` answers before them): nothing
  // verifies, acts or closes it on half a card (eligibility and the ways to verify depend on them).
  const whole = async (callId: string): Promise<void> => {
    await core.calls.get(callId).reports;
  };
  return {
    call: {
      open: ({ targetId }) => openCall(core, rules, targetId),
      get: ({ callId }) => callView(rules, core.calls.get(callId)),
      // Asked again after the wait: the call may have closed, or its agent signed out, meanwhile.
      getMethods: async ({ callId }) => {
        await whole(callId);
        return callView(rules, core.calls.get(callId));
      },
      close: async (input) => {
        await whole(input.callId);
        return closeCall(core, rules, input);
      },
      // Only the signed-in agent's own calls (CallRegistry.mine); signed out: refused.
      listOpen: () => {
        requireAgent(core.session);
        return listOpenCalls(core, rules);
      },
    },
    verify: {
      startChallenge: async ({ callId, type, optionId }) => {
        await whole(callId);
        return verify.start(callId, type, optionId);
      },
      checkCode: ({ callId, challengeId, code }) => verify.checkCode(callId, challengeId, code),
      answerQuestion: ({ callId, challengeId, questionId, answer }) =>
        verify.answerQuestion(callId, challengeId, questionId, answer),
      getState: ({ callId }) => rules.state(core.calls.get(callId)),
    },
    reset: {
      run: async ({ callId, actions }) => {
        await whole(callId);
        return reset.run(callId, actions);
      },
      checkPassword: ({ callId, password }) => checkPassword(password, core.calls.get(callId).card.user),
      revealSecret: ({ callId, secretId }) => revealSecret(core, callId, secretId),
      sendSecret: ({ callId, secretId, via }) => sendSecret(core, { sms, rules }, callId, secretId, via),
    },
    demo: {
      listOutbox: (input) => outbox.list(input),
    },
  };
}
