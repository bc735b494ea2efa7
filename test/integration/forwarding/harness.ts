// A signed-in agent's Azure Monitor clients against the demo tenant: the app's own AgentSession (real
// MSAL), MonitorCredential and the real LogsIngestionClient / LogsQueryClient over TLS from the demo CA.
import type { LogsIngestionClient } from '@azure/monitor-ingestion';
import type { LogsQueryClient } from '@azure/monitor-query-logs';
import type { AgentSession } from '../../../src/main/core/auth/session';
import { MonitorCredential } from '../../../src/main/core/auth/monitorCredential';
import { createIngestionClient, createQueryClient } from '../../../src/main/core/forwarding';
import type { ForwardingConfig } from '../../../src/shared/forwarding';
import type { TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession } from '../../support/sessionHarness';

export interface MonitorClients {
  session: AgentSession;
  ingestion: LogsIngestionClient;
  query: LogsQueryClient;
  config: ForwardingConfig;
}

export async function signedInClients(t: TestTenant, label = 'helpdesk'): Promise<MonitorClients> {
  const agent = agentByLabel(t, label);
  const session = createSession(t, () => agent);
  const state = await session.signIn('interactive');
  if (state.status !== 'signed-in') throw new Error('sign-in failed');
  const m = t.tenant.monitor;
  const trust = { caPem: t.tenant.caCertPem };
  return {
    session,
    ingestion: createIngestionClient(m.ingestionEndpoint, new MonitorCredential(session, 'global', 'ingestion'), trust),
    query: createQueryClient(new MonitorCredential(session, 'global', 'query'), {
      ...trust,
      endpoint: m.queryEndpoint,
    }),
    config: { ingestionEndpoint: m.ingestionEndpoint, dcrImmutableId: m.dcrImmutableId, streamName: m.streamName },
  };
}

export { auditDb } from '../../support/auditDb';

export const ALL_TIME = { startTime: new Date(Date.UTC(2000, 0, 1)), endTime: new Date(Date.UTC(2100, 0, 1)) };
