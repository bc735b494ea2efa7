// Whose verification attempts a call counts against: this tenant, this caller, this call's agent, now.
import type Database from 'better-sqlite3';
import type { AgentSession } from '../auth/session';
import type { Clock } from '../call/core';
import type { CallState } from '../call/state';
import type { AttemptScope } from './attempts';

interface AttemptScopeSource {
  db: Database.Database;
  session: Pick<AgentSession, 'tenantKey'>;
  clock: Clock;
}

export function attemptScope(source: AttemptScopeSource, call: CallState): AttemptScope {
  return {
    db: source.db,
    tenantKey: source.session.tenantKey(),
    targetId: call.card.user.id,
    agentId: call.agent.id,
    now: source.clock(),
  };
}
