// Handlers of the forwarding domain: how forwarding to Azure Monitor Logs is going, for the status line
// in Settings and on History. A read of tenant data: a signed-in agent only (guards.ts).
import type { AgentSession } from '../auth/session';
import type { TenantForwarding } from '../forwarding/tenant';
import type { Handlers } from '../host/router';
import { guardAll, requireAgent } from './guards';

export function createForwardingHandlers(deps: {
  session: AgentSession;
  forwarding: Pick<TenantForwarding, 'status'>;
}): Pick<Handlers, 'forwarding'> {
  return {
    forwarding: guardAll(() => requireAgent(deps.session), {
      getStatus: () => deps.forwarding.status(),
    }),
  };
}
