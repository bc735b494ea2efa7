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
import type { VerifyService } from '../verify/service';

export interface CallerHandlerDeps {
  core: CallerCore;
  verify: VerifyService;
  reset: ResetService;
  /** The demo tenant's outbox (demo mode only). */
  outbox: DemoOutbox;
}

export function createCallerHandlers({
  core,
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
      open: ({ targetId }) => openCall(core, targetId),
      get: ({ callId }) => callView(core, core.calls.get(callId)),
      // Asked again after the wait: the call may have closed, or its agent signed out, meanwhile.
      getMethods: async ({ callId }) => {
        await whole(callId);
        return callView(core, core.calls.get(callId));
      },
      close: async (input) => {
        await whole(input.callId);
        return closeCall(core, input);
      },
      // Only the signed-in agent's own calls (CallRegistry.mine); signed out: refused.
      listOpen: () => {
        requireAgent(core.session);
        return listOpenCalls(core);
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
      getState: ({ callId }) => core.rules.state(core.calls.get(callId)),
    },
    reset: {
      run: async ({ callId, actions }) => {
        await whole(callId);
        return reset.run(callId, actions);
      },
      checkPassword: ({ callId, password }) => checkPassword(password, core.calls.get(callId).card.user),
      revealSecret: ({ callId, secretId }) => revealSecret(core, callId, secretId),
      sendSecret: ({ callId, secretId, via }) => sendSecret(core, callId, secretId, via),
    },
    demo: {
      listOutbox: (input) => outbox.list(input),
    },
  };
}
