// Handlers of the caller flow (call, verify, reset, demo): thin, the work is in core/call,
// core/verify and core/reset.
import { ResetlineError } from '../../../shared/result';
import type { OutboxItem, SmsSettingsView } from '../../../shared/caller';
import { appendAuditEvent } from '../audit';
import type { CallerCore } from '../call/core';
import { callView, closeCall, openCall } from '../call/service';
import type { Handlers } from '../host/router';
import { revealSecret, sendSecret } from '../reset/handover';
import { requireAgent } from './guards';
import { requirePolicyAdmin } from './policyAdmin';
import { checkPassword } from '../reset/passphrase';
import { ResetService } from '../reset/service';
import { currentTenantKey, getTenantSettings, setVerificationPolicy } from '../settings/settings';
import { endpointHost } from '../verify/sms';
import { VerifyService } from '../verify/service';

function smsView(core: CallerCore): SmsSettingsView {
  if (getTenantSettings(core.db).cloud === 'demo') {
    const demo = core.session.demoTenant();
    return {
      mode: 'demo',
      endpointHost: demo?.smsConnectionString ? endpointHost(demo.smsConnectionString) : null,
      fromNumber: demo?.smsFromNumber ?? null,
      keyStorage: null,
      keyMissing: false,
    };
  }
  const stored = core.smsSettings.get();
  const keyStorage = core.smsSettings.keyStorage;
  if (stored)
    return {
      mode: 'acs',
      endpointHost: endpointHost(stored.connectionString),
      fromNumber: stored.fromNumber,
      keyStorage,
      keyMissing: false,
    };
  // A sender number without its key: the key was memory-only and the app restarted, or the keychain changed.
  const fromNumber = core.smsSettings.fromNumber();
  return { mode: 'none', endpointHost: null, fromNumber, keyStorage, keyMissing: fromNumber !== null };
}

/** The settings.changed record: who changed what, never the value of a secret. */
function recordSettingsChange(
  core: CallerCore,
  what: string,
  detail: Record<string, string | number | boolean | null>,
): void {
  const agent = core.session.state().status === 'signed-in' ? core.session.signedInAgent() : null;
  appendAuditEvent(core.db, {
    agentUpn: agent?.userPrincipalName ?? 'local',
    agentId: agent?.id ?? null,
    action: 'settings.changed',
    outcome: 'success',
    detail: { setting: what, tenant: currentTenantKey(core.db), ...detail },
  });
}

export function createCallerHandlers(core: CallerCore): Pick<Handlers, 'call' | 'verify' | 'reset' | 'demo'> {
  const verify = new VerifyService(core);
  const reset = new ResetService(core);
  return {
    call: {
      open: ({ targetId }) => openCall(core, targetId),
      get: ({ callId }) => callView(core, core.calls.get(callId)),
      close: (input) => closeCall(core, input),
    },
    verify: {
      startChallenge: ({ callId, type, optionId }) => verify.start(callId, type, optionId),
      checkCode: ({ callId, challengeId, code }) => verify.checkCode(callId, challengeId, code),
      answerQuestion: ({ callId, challengeId, questionId, answer }) =>
        verify.answerQuestion(callId, challengeId, questionId, answer),
      getState: ({ callId }) => core.verificationState(core.calls.get(callId)),
      getPolicy: () => core.verificationPolicy(),
      setPolicy: (policy) => {
        requirePolicyAdmin(core.session, 'the verification policy');
        setVerificationPolicy(core.db, policy);
        recordSettingsChange(core, 'verification-policy', {
          requiredChecks: policy.requiredChecks,
          allowedTypes: policy.allowedTypes.join(','),
          maxAttempts: policy.maxAttempts,
          digits: policy.codeLength,
          mailbox: policy.mailFrom,
        });
        return core.verificationPolicy();
      },
      getSmsSettings: () => smsView(core),
      setSmsSettings: ({ connectionString, fromNumber }) => {
        requirePolicyAdmin(core.session, 'the SMS provider');
        const next = connectionString ?? core.smsSettings.get()?.connectionString;
        if (!next)
          throw new ResetlineError(
            'invalid_input',
            'connectionString: paste the Azure Communication Services connection string.',
          );
        core.smsSettings.set({ connectionString: next, fromNumber });
        recordSettingsChange(core, 'sms', {
          endpointHost: endpointHost(next),
          fromNumber,
          keyChanged: connectionString !== undefined,
        });
        return smsView(core);
      },
    },
    reset: {
      run: ({ callId, actions }) => reset.run(callId, actions),
      pollOperation: ({ callId }) => reset.poll(callId),
      checkPassword: ({ password }) => checkPassword(password),
      revealSecret: ({ callId, secretId }) => revealSecret(core, callId, secretId),
      sendSecret: ({ callId, secretId, via }) => sendSecret(core, callId, secretId, via),
    },
    demo: {
      listOutbox: ({ kind, limit }): OutboxItem[] => {
        const demo = getTenantSettings(core.db).cloud === 'demo' ? core.session.demoTenant() : null;
        if (!demo?.outbox) throw new ResetlineError('forbidden', 'The outbox exists only in demo mode.');
        // The codes and passwords the demo "sent": for a signed-in agent only, like every read (guards.ts).
        requireAgent(core.session);
        return demo.outbox
          .list(kind ? { kind } : {})
          .slice(-limit)
          .reverse()
          .map((m) => ({
            id: m.id,
            kind: m.kind,
            to: m.to,
            from: m.from,
            subject: m.subject ?? null,
            body: m.body,
            at: m.at,
          }));
      },
    },
  };
}
