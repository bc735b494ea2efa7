// National clouds: where to sign in and where Graph lives (learn.microsoft.com/graph/deployments).
import type { Cloud } from '../../../shared/settings';

export interface CloudEndpoints {
  authorityHost: string;
  graphOrigin: string;
}

export const CLOUD_ENDPOINTS: Record<Exclude<Cloud, 'demo'>, CloudEndpoints> = {
  global: { authorityHost: 'https://login.microsoftonline.com', graphOrigin: 'https://graph.microsoft.com' },
  usgov: { authorityHost: 'https://login.microsoftonline.us', graphOrigin: 'https://graph.microsoft.us' },
  china: { authorityHost: 'https://login.chinacloudapi.cn', graphOrigin: 'https://microsoftgraph.chinacloudapi.cn' },
};

/**
 * Least-privilege delegated Graph permissions (GRAPH-NOTES A10). Each is asked for with the cloud's
 * Graph resource so a national cloud gets tokens for its own Graph.
 */
export const DELEGATED_PERMISSIONS = [
  'User.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'User-PasswordProfile.ReadWrite.All',
  'User.RevokeSessions.All',
  'User.EnableDisableAccount.All',
  'AuditLog.Read.All',
  'Policy.Read.All',
  'Domain.Read.All',
  'Organization.Read.All',
  // Password writeback on the Policy screen (only a Global Administrator can read it).
  'OnPremDirectorySynchronization.Read.All',
  'Mail.Send',
] as const;

/**
 * Bare names mean Microsoft Graph in the global cloud (and in the demo tenant, which stands in for it);
 * a national cloud's permissions are named with its own Graph resource.
 */
export function graphScopes(cloud: Cloud): string[] {
  if (cloud === 'global' || cloud === 'demo') return [...DELEGATED_PERMISSIONS];
  return DELEGATED_PERMISSIONS.map((p) => `${CLOUD_ENDPOINTS[cloud].graphOrigin}/${p}`);
}
