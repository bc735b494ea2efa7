// Handing the secret over: shown once to the agent, or sent to a phone or address the caller proved
// in this very call. Either way the vault lets go of the value: a secret is handed over once. Sending
// is recorded as intended before it leaves; the hand-over's own record never stands between the agent
// and the secret (a busy audit database keeps it to write later).
import type { RevealedSecret, SentSecret } from '../../../shared/caller';
import { ResetlineError } from '../../../shared/result';
import type { CallerCore } from '../call/core';
import type { CallState, VaultEntry } from '../call/state';
import { sendMail } from '../graph/actions';
import { maskEmail, maskPhone } from '../graph/mask';
import type { VerificationRules } from '../verify/rules';
import type { TenantSms } from '../verify/smsProvider';

/** How a secret is sent: the tenant's SMS provider, and the mailbox the verification policy sends from. */
export interface SecretDelivery {
  sms: Pick<TenantSms, 'sender'>;
  rules: Pick<VerificationRules, 'policy'>;
}

function take(call: CallState, secretId: string): VaultEntry & { value: string } {
  const entry = call.vault.get(secretId);
  if (!entry || entry.value === null || entry.state === 'handed-over') {
    throw new ResetlineError(
      'secret_gone',
      'That secret was already handed over (it is shown or sent once). Issue a new one if the caller lost it.',
    );
  }
  if (entry.state === 'pending') {
    throw new ResetlineError(
      'not_allowed',
      'Microsoft has not confirmed the reset yet. Wait until it shows as done before handing the password over.',
    );
  }
  return entry as VaultEntry & { value: string };
}

function release(entry: VaultEntry): void {
  entry.value = null;
  entry.state = 'handed-over';
}

export function revealSecret(core: CallerCore, callId: string, secretId: string): RevealedSecret {
  const call = core.calls.get(callId);
  const entry = take(call, secretId);
  const value = entry.value;
  release(entry);
  core.audit.recordOutcome(call, 'handover.shown', 'success', { item: entry.item });
  return { kind: entry.item, value };
}

function handoverText(call: CallState, item: 'password' | 'tap', value: string): { subject: string; text: string } {
  const what = item === 'password' ? 'temporary password' : 'Temporary Access Pass';
  const then =
    item === 'password'
      ? 'You will be asked to choose a new password when you sign in.'
      : 'Use it to sign in and set up your sign-in methods again.';
  return {
    subject: `Your ${what}`,
    text: `Hello ${call.card.user.displayName}, as agreed with the helpdesk, your ${what} is: ${value}\n${then}`,
  };
}

export async function sendSecret(
  core: CallerCore,
  delivery: SecretDelivery,
  callId: string,
  secretId: string,
  via: 'sms' | 'email',
): Promise<SentSecret> {
  const call = core.calls.get(callId);
  // Only a destination the caller just proved by reading back a code; the manager's address never counts.
  const destination = via === 'sms' ? call.proven.sms.at(-1) : call.proven.email.at(-1);
  if (!destination) {
    throw new ResetlineError(
      'not_allowed',
      via === 'sms'
        ? 'The caller has not proved a phone in this call. Pass an SMS code first, or show the secret instead.'
        : 'The caller has not proved an email address in this call. Pass an email code first, or show the secret instead.',
    );
  }
  const entry = take(call, secretId);
  core.audit.recordIntent(call, 'handover.requested', { item: entry.item, via });
  const message = handoverText(call, entry.item, entry.value);
  if (via === 'sms') {
    const sender = delivery.sms.sender();
    if (!sender) throw new ResetlineError('sms_unavailable', 'No SMS provider is configured.');
    await sender.send(destination, message.text);
  } else {
    const from = delivery.rules.policy().mailFrom;
    await sendMail(core.session.graph(), {
      ...(from ? { from, grantedScopes: core.session.signedInAgent().grantedScopes } : {}),
      to: destination,
      subject: message.subject,
      text: message.text,
    });
  }
  release(entry);
  const masked = via === 'sms' ? maskPhone(destination) : maskEmail(destination);
  core.audit.recordOutcome(call, 'handover.sent', 'success', { item: entry.item, via, destination: masked });
  return { via, destination: masked };
}
