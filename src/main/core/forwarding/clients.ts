// The Azure SDK clients for forwarding and the team view, built as the agent (MonitorCredential). Retries
// are the forwarder's (failures.ts), so the SDK's own are off. In demo mode the clients get an HTTPS agent
// that trusts the demo tenant's CA (as the Graph client's dispatcher does); elsewhere the system trust
// store applies. TLS checks are never turned off.
import { Agent } from 'node:https';
import { LogsIngestionClient } from '@azure/monitor-ingestion';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import type { MonitorCredential } from '../auth/monitorCredential';

export interface ClientTrust {
  /** The demo tenant's CA (PEM), trusted by these clients only. */
  caPem?: string;
}

function agentFor(trust: ClientTrust): { agent: Agent } | Record<string, never> {
  return trust.caPem ? { agent: new Agent({ ca: trust.caPem, keepAlive: true }) } : {};
}

export function createIngestionClient(
  endpoint: string,
  credential: MonitorCredential,
  trust: ClientTrust = {},
): LogsIngestionClient {
  return new LogsIngestionClient(endpoint, credential, {
    audience: credential.sdkAudience,
    retryOptions: { maxRetries: 0 },
    ...agentFor(trust),
  });
}

/** `endpoint`: the query API's base with its version (`https://api.loganalytics.io/v1`; the demo's queryEndpoint). */
export function createQueryClient(
  credential: MonitorCredential,
  options: ClientTrust & { endpoint?: string } = {},
): LogsQueryClient {
  return new LogsQueryClient(credential, {
    endpoint: options.endpoint ?? `${credential.sdkAudience}/v1`,
    credentials: { scopes: [`${credential.sdkAudience}/.default`] },
    // A throttled team query is the agent's to retry (the message says when), not a wait behind the screen.
    retryOptions: { maxRetries: 0 },
    ...agentFor(options),
  });
}
