// Azure Monitor tokens for the SDK clients (LogsIngestionClient, LogsQueryClient) through the agent's
// own MSAL session, silently: a TokenCredential that only ever asks for the Azure Monitor scopes of the
// session's cloud. The token stays in main: the SDK puts it on the request and nothing else sees it.
//
// Audiences per cloud: ingestion, MicrosoftDocs/azure-monitor-docs
// articles/azure-monitor/logs/logs-ingestion-api-overview.md ("Request headers": monitor.azure.com,
// monitor.azure.cn, monitor.azure.us); query, articles/azure-monitor/logs/api/access-api.md and the SDK's
// KnownMonitorLogsQueryAudience (api.loganalytics.io, api.loganalytics.us, api.loganalytics.azure.cn).
// US Government DoD uses the US Government audiences (the pages name one US Government cloud).
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { GraphCloud } from '../../../shared/settings';

export interface MonitorAudiences {
  ingestion: string;
  query: string;
}

export const MONITOR_AUDIENCES: Record<GraphCloud, MonitorAudiences> = {
  global: { ingestion: 'https://monitor.azure.com', query: 'https://api.loganalytics.io' },
  usgov: { ingestion: 'https://monitor.azure.us', query: 'https://api.loganalytics.us' },
  dod: { ingestion: 'https://monitor.azure.us', query: 'https://api.loganalytics.us' },
  china: { ingestion: 'https://monitor.azure.cn', query: 'https://api.loganalytics.azure.cn' },
};

/** The scopes MSAL is asked for: `<audience>//.default` for ingestion (as Microsoft's samples ask), `/.default` for query. */
export function monitorScopes(cloud: GraphCloud): MonitorAudiences {
  const a = MONITOR_AUDIENCES[cloud];
  return { ingestion: `${a.ingestion}//.default`, query: `${a.query}/.default` };
}

/** Where tokens come from: AgentSession.resourceToken (the signed-in agent's MSAL account). */
export interface ResourceTokenSource {
  resourceToken(scopes: string[]): Promise<{ token: string; expiresOnTimestamp: number }>;
}

export class MonitorScopeError extends Error {
  constructor(scope: string) {
    super(`Azure Monitor credential asked for a scope it does not serve: ${scope}`);
    this.name = 'MonitorScopeError';
  }
}

/** A TokenCredential for one Azure Monitor resource (`which`) of one cloud. */
export class MonitorCredential implements TokenCredential {
  private readonly audience: string;
  private readonly scope: string;

  constructor(
    private readonly source: ResourceTokenSource,
    cloud: GraphCloud,
    which: keyof MonitorAudiences,
  ) {
    this.audience = MONITOR_AUDIENCES[cloud][which];
    this.scope = monitorScopes(cloud)[which];
  }

  /** The audience the SDK client must be given, so it asks for this credential's scope. */
  get sdkAudience(): string {
    return this.audience;
  }

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
    const asked = Array.isArray(scopes) ? scopes : [scopes];
    const ours = new Set([`${this.audience}/.default`, `${this.audience}//.default`]);
    // Never a token for another resource through this door, whatever the SDK asks.
    for (const s of asked) if (!ours.has(s.toLowerCase())) throw new MonitorScopeError(s);
    const { token, expiresOnTimestamp } = await this.source.resourceToken([this.scope]);
    return { token, expiresOnTimestamp, tokenType: 'Bearer' };
  }
}
