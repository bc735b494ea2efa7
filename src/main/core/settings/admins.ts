// Who may change how Resetline verifies callers, what it records about the tenant's SSPR policy and
// which SMS provider it uses: the roles Entra lets change authentication policy (shared/roles.ts).
import type { SignedInAgent } from '../../../shared/auth';
import { ResetlineError } from '../../../shared/result';
import { canChangePolicy, POLICY_ADMIN_NAMES } from '../../../shared/roles';
import type { AgentSession } from '../auth/session';
import { tenantKeyOf } from './settings';

/** The signed-in agent, when their directory roles let them change Resetline's policies. */
export function requirePolicyAdmin(session: AgentSession, what: string): SignedInAgent {
  const state = session.state();
  if (state.status !== 'signed-in')
    throw new ResetlineError('signed_out', `Sign in as an administrator to change ${what}.`);
  const agent = state.agent;
  if (canChangePolicy(agent.roles)) return agent;
  throw new ResetlineError(
    'not_allowed',
    `Only a ${POLICY_ADMIN_NAMES} can change ${what}; ${agent.userPrincipalName} holds none of these roles. Nothing was changed.`,
  );
}

/**
 * A policy administrator signed in to the tenant Resetline is configured for (`configured`, a tenant
 * key), not a session left over from another tenant: who may point Resetline at another tenant once
 * first-run set-up is over. Signed out counts as "not allowed", naming who may.
 */
export function requireTenantAdmin(session: AgentSession, configured: string, what: string): SignedInAgent {
  const state = session.state();
  if (state.status !== 'signed-in' || tenantKeyOf(state.tenant) !== configured)
    throw new ResetlineError(
      'not_allowed',
      `Only a ${POLICY_ADMIN_NAMES} signed in to the tenant Resetline works on now can change ${what}. Sign in as one of them first. Nothing was changed.`,
    );
  return requirePolicyAdmin(session, what);
}
