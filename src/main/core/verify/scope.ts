// Whose verification attempts a call counts against: this tenant, this caller, this call's agent, now.
import type Database from 'better-sqlite3';
import { ResetlineError } from '../../../shared/result';
import type { AgentSession } from '../auth/session';
import type { CallState } from '../call/state';
import type { AttemptScope } from './attempts';
import type { Clock } from './codes';

interface AttemptScopeSource {
  db: Database.Database;
  session: Pick<AgentSession, 'state'>;
  clock: Clock;
}

export function attemptScope(source: AttemptScopeSource, call: CallState): AttemptScope {
  const tenant = source.session.state().tenant;
  if (!tenant) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
  return {
    db: source.db,
    tenantKey: `${tenant.cloud}:${tenant.tenantId}`,
    targetId: call.card.user.id,
    agentId: call.agent.id,
    now: source.clock(),
  };
}
