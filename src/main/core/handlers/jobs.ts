// Handlers of long-running work (jobs:*). Thin; the work is in core/jobs. Each kind names the role it
// needs and the runner asks for it here, through the same guards as the screens' own channels
// (guards.ts): History's export for any signed-in agent, the registration kinds for its readers.
import type { AgentSession } from '../auth/session';
import type { Handlers } from '../host/router';
import type { JobAgent, JobNeed, JobRunner } from '../jobs';
import { requireAgent, requireRole } from './guards';

/** The signed-in agent when they hold what a job kind needs (signed_out, not_allowed otherwise). */
export function jobAuthorizer(session: AgentSession): (need: JobNeed) => JobAgent {
  return (need) => {
    const { agent, tenantKey } = need === 'agent' ? requireAgent(session) : requireRole(session, need.roles, need.what);
    return { agentId: agent.id, tenantKey };
  };
}

export function createJobHandlers(jobs: JobRunner): Pick<Handlers, 'jobs'> {
  return {
    jobs: {
      start: (params) => jobs.start(params),
      get: ({ jobId }) => jobs.get(jobId),
      cancel: ({ jobId }) => jobs.cancel(jobId),
      list: ({ kind }) => jobs.list(kind),
    },
  };
}
