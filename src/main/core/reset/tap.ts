// The Temporary Access Pass an agent asked for, held to the tenant's TAP policy (lifetime range,
// one-time use) when the agent's role can read that policy; otherwise Microsoft applies it.
import type { ResetActionRequest } from '../../../shared/caller';
import type { TapPolicy } from '../../../shared/policy';
import { ResetlineError } from '../../../shared/result';
import type { PolicyService } from '../policy/service';

const DEFAULT_TAP_LIFETIME = 60;

export interface TapChoice {
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  /** false when the agent's role could not read the tenant's TAP policy. */
  limitsKnown: boolean;
}

/** What is sent when no choice was made in advance: the default lifetime, one-time, limits unknown. */
export const UNKNOWN_LIMITS_TAP: TapChoice = {
  lifetimeInMinutes: DEFAULT_TAP_LIFETIME,
  isUsableOnce: true,
  limitsKnown: false,
};

async function tapPolicy(policy: PolicyService): Promise<TapPolicy | null> {
  const cached = policy.get().snapshot.tap.value;
  if (cached) return cached;
  await policy.refresh();
  return policy.get().snapshot.tap.value;
}

/** The pass's lifetime and one-time flag within the tenant's TAP policy, or a tap_policy refusal. */
export async function chooseTap(
  policies: PolicyService,
  a: Extract<ResetActionRequest, { kind: 'issueTap' }>,
): Promise<TapChoice> {
  const policy = await tapPolicy(policies);
  // Reading the TAP policy is documented for Global Reader, Authentication Policy Administrator and
  // Global Administrator only (temporaryaccesspassauthenticationmethodconfiguration-get.md): an
  // Authentication Administrator issues passes without seeing the limits. Nothing is guessed; Microsoft
  // applies its policy and the agent is told the limits were not known.
  if (!policy)
    return {
      lifetimeInMinutes: a.lifetimeInMinutes ?? DEFAULT_TAP_LIFETIME,
      isUsableOnce: a.isUsableOnce ?? true,
      limitsKnown: false,
    };
  if (policy.state !== 'enabled')
    throw new ResetlineError(
      'tap_policy',
      "Temporary Access Pass is turned off in the tenant's authentication methods policy.",
    );
  const lifetime = a.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes;
  if (lifetime < policy.minimumLifetimeInMinutes || lifetime > policy.maximumLifetimeInMinutes) {
    throw new ResetlineError(
      'tap_policy',
      `The tenant allows passes of ${policy.minimumLifetimeInMinutes} to ${policy.maximumLifetimeInMinutes} minutes; ${lifetime} is outside that.`,
    );
  }
  // One-time unless the agent asks otherwise; a tenant that makes every pass one-time wins.
  return {
    lifetimeInMinutes: lifetime,
    isUsableOnce: policy.isUsableOnce || (a.isUsableOnce ?? true),
    limitsKnown: true,
  };
}
