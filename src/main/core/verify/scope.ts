// Whose verification attempts a call counts against: this tenant, this caller, this call's agent, now.
import { ResetlineError } from '../../../shared/result';
import type { CallerCore } from '../call/core';
import type { CallState } from '../call/state';
import type { AttemptScope } from './attempts';

export function attemptScope(core: CallerCore, call: CallState): AttemptScope {
  const tenant = core.session.state().tenant;
  if (!tenant) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
  return {
    db: core.db,
    tenantKey: `${tenant.cloud}:${tenant.tenantId}`,
    targetId: call.card.user.id,
    agentId: call.agent.id,
    now: core.clock(),
  };
}
