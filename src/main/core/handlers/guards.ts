// Who may read what, decided in main before any handler reads: every channel that reads tenant or
// audit data (History, the SSPR cache, the registration snapshot, users, policy) asks these first,
// cached data included, so a signed-out window or the wrong role gets a refusal, never the rows.
import type { SignedInAgent, TenantSummary } from '../../../shared/auth';
import { ResetlineError } from '../../../shared/result';
import { holdsAnyRole, roleNameList, type RoleKey } from '../../../shared/roles';
import type { AgentSession } from '../auth/session';

/** The signed-in agent and the tenant they signed in to. */
export interface SignedIn {
  agent: SignedInAgent;
  tenant: TenantSummary;
  /** "<cloud>:<tenant id>", as the policy, SSPR and registration caches key their rows. */
  tenantKey: string;
}

/** The signed-in agent of the current tenant, or signed_out (the UI goes back to the sign-in screen). */
export function requireAgent(session: AgentSession): SignedIn {
  const state = session.state();
  if (state.status !== 'signed-in') throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
  const { agent, tenant } = state;
  return { agent, tenant, tenantKey: session.tenantKey() };
}

/** The signed-in agent when one of their tenant-wide roles is in `roles`; else not_allowed naming the roles. */
export function requireRole(session: AgentSession, roles: readonly RoleKey[], what: string): SignedIn {
  const signedIn = requireAgent(session);
  if (holdsAnyRole(signedIn.agent.roles, roles)) return signedIn;
  throw new ResetlineError(
    'not_allowed',
    `Only a ${roleNameList(roles)} can see ${what}; ${signedIn.agent.userPrincipalName} holds none of these roles. ` +
      'Ask an administrator to assign you one of them.',
  );
}

type AnyHandler = (...args: never[]) => unknown;

/**
 * Every handler of a domain behind one check, run before the handler: a channel added to the domain
 * later is guarded without anyone remembering to.
 */
export function guardAll<H extends Record<string, AnyHandler>>(check: () => unknown, handlers: H): H {
  const guarded: Record<string, AnyHandler> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    guarded[name] = (...args: never[]) => {
      check();
      return handler(...args);
    };
  }
  return guarded as H;
}
