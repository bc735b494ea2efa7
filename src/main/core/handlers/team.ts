// Handlers of Team History (the team domain): the team's forwarded trail read from the Log Analytics
// workspace. Every desk's calls, so stricter than History: a signed-in agent holding a team lead's role
// (TEAM_READER_ROLES in shared/team.ts), checked before any query; the workspace checks its own Azure role.
import type { ForwardingConfig } from '../../../shared/forwarding';
import { TEAM_READER_ROLES } from '../../../shared/team';
import type { AgentSession } from '../auth/session';
import type { TeamHistory, TeamWorkspace } from '../forwarding/team';
import type { Handlers } from '../host/router';
import { guardAll, requireRole } from './guards';

/** The custom table a DCR stream writes (the template's convention: `Custom-X` lands in `X_CL`). */
export function tableForStream(streamName: string): string {
  return `${streamName.replace(/^Custom-/, '')}_CL`;
}

/**
 * The workspace Team History reads: the forwarding destination in use (an admin's saved choice, or the
 * demo tenant's own in demo mode) when it names a workspace; in demo mode the demo tenant answers queries.
 */
export function teamWorkspaceOf(
  forwarding: { effective(): { config: ForwardingConfig | null } },
  session: Pick<AgentSession, 'demoTenant'>,
): () => TeamWorkspace | null {
  return () => {
    const config = forwarding.effective().config;
    if (!config?.workspaceId) return null;
    const demo = session.demoTenant();
    return {
      workspaceId: config.workspaceId,
      table: tableForStream(config.streamName),
      ...(demo ? { queryEndpoint: `${demo.origin}/v1` } : {}),
    };
  };
}

export function createTeamHandlers(deps: { session: AgentSession; team: TeamHistory }): Pick<Handlers, 'team'> {
  const { team } = deps;
  const lead = () => requireRole(deps.session, TEAM_READER_ROLES, "the team's history from every desk");
  return {
    team: guardAll(lead, {
      listEvents: (input) => team.list(input),
      countEvents: (filter) => team.count(filter),
      getTrends: (range) => team.trends(range),
      getCall: ({ callId }) => team.call(callId),
      checkDesks: () => team.checkDesks(),
    }),
  };
}
