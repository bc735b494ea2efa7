// Which tenant Resetline talks to, resolved from settings: Microsoft's clouds by name, or the built-in
// demo tenant (started in this process on first use, its CA trusted for its origin only).
import type { Dispatcher } from 'undici';
import type { TenantSummary } from '../../../shared/auth';
import { GRAPH_CLOUDS, type TenantSettings } from '../../../shared/settings';
import { CLOUD_ENDPOINTS, graphScopes } from './clouds';
import { createTrustedDispatcher, createTrustedFetch, type FetchLike } from '../net/trustedFetch';

/** What the demo tenant hands the app (see src/demo-tenant's startDemoTenant). */
export interface DemoEndpoints {
  origin: string;
  /** The national cloud the demo tenant stands in for (global unless started otherwise). */
  cloud?: string;
  tenantId: string;
  clientId: string;
  caCertPem: string;
  msal: { authority: string; knownAuthorities: string[]; authorityMetadata: string; cloudDiscoveryMetadata: string };
  /** The demo tenant's ACS-shaped SMS endpoint (`endpoint=…;accesskey=…`) and sender number. */
  smsConnectionString?: string;
  smsFromNumber?: string;
  /** What the demo tenant "sent", for the demo Outbox panel. */
  outbox?: {
    list(filter?: { kind?: 'mail' | 'sms'; to?: string }): {
      id: string;
      kind: 'mail' | 'sms';
      to: string;
      from: string;
      subject?: string;
      body: string;
      at: string;
    }[];
  };
}

export interface TenantConnection {
  summary: TenantSummary;
  authority: string;
  clientId: string;
  graphOrigin: string;
  scopes: string[];
  fetch: FetchLike;
  dispatcher: Dispatcher | undefined;
  knownAuthority: { host: string; authorityMetadata: string; cloudDiscoveryMetadata: string } | undefined;
  /** The demo tenant itself (demo mode only): its SMS endpoint and outbox. */
  demo: DemoEndpoints | undefined;
}

export async function connectTenant(
  settings: TenantSettings,
  startDemo: () => Promise<DemoEndpoints>,
): Promise<TenantConnection> {
  if (settings.cloud === 'demo') {
    const demo = await startDemo();
    const trust = { origin: demo.origin, caPem: demo.caCertPem };
    return {
      summary: {
        mode: 'demo',
        cloud: 'demo',
        graphCloud: GRAPH_CLOUDS.find((c) => c === demo.cloud) ?? 'global',
        tenantId: demo.tenantId,
        clientId: demo.clientId,
      },
      authority: demo.msal.authority,
      clientId: demo.clientId,
      graphOrigin: demo.origin,
      scopes: graphScopes('demo'),
      fetch: createTrustedFetch(trust),
      dispatcher: createTrustedDispatcher(trust),
      knownAuthority: {
        host: demo.msal.knownAuthorities[0] ?? new URL(demo.origin).host,
        authorityMetadata: demo.msal.authorityMetadata,
        cloudDiscoveryMetadata: demo.msal.cloudDiscoveryMetadata,
      },
      demo,
    };
  }
  const endpoints = CLOUD_ENDPOINTS[settings.cloud];
  return {
    summary: {
      mode: 'tenant',
      cloud: settings.cloud,
      graphCloud: settings.cloud,
      tenantId: settings.tenantId,
      clientId: settings.clientId,
    },
    authority: `${endpoints.authorityHost}/${settings.tenantId}`,
    clientId: settings.clientId,
    graphOrigin: endpoints.graphOrigin,
    scopes: graphScopes(settings.cloud),
    fetch: createTrustedFetch(undefined),
    dispatcher: undefined,
    knownAuthority: undefined,
    demo: undefined,
  };
}
