// National clouds: where to sign in and where Graph lives (learn.microsoft.com/graph/deployments).
import type { Cloud } from '../../../shared/settings';

interface CloudEndpoints {
  authorityHost: string;
  graphOrigin: string;
}

export const CLOUD_ENDPOINTS: Record<Exclude<Cloud, 'demo'>, CloudEndpoints> = {
  global: { authorityHost: 'https://login.microsoftonline.com', graphOrigin: 'https://graph.microsoft.com' },
  usgov: { authorityHost: 'https://login.microsoftonline.us', graphOrigin: 'https://graph.microsoft.us' },
  // US Government DoD has its own Graph endpoint (concepts/deployments.md).
  dod: { authorityHost: 'https://login.microsoftonline.us', graphOrigin: 'https://dod-graph.microsoft.us' },
  china: { authorityHost: 'https://login.chinacloudapi.cn', graphOrigin: 'https://microsoftgraph.chinacloudapi.cn' },
};

/**
 * The delegated Microsoft Graph permissions an admin grants the app registration (README lists exactly
 * these; a test keeps the two equal). Each is the least-privileged permission that Microsoft's permission
 * map (vendor/microsoft-graph/permissions-delegated.json) gives for the calls in core/graph/catalogue.ts:
 * - RoleManagement.Read.Directory: directory roles in full (with only User.Read.All, memberOf returns roles
 *   with `@odata.type` and `id` only — concepts/permissions-overview.md, "Limited information returned for
 *   inaccessible member objects") and role assignments scoped to administrative units.
 * - GroupMember.Read.All: which groups are role-assignable (same rule, for groups).
 * - Every password reset goes through resetPassword (UserAuthenticationMethod.ReadWrite.All,
 *   api-reference/v1.0/api/authenticationmethod-resetpassword.md); PATCH passwordProfile is not used.
 */
export const DELEGATED_PERMISSIONS = [
  'User.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'User.RevokeSessions.All',
  'User.EnableDisableAccount.All',
  'RoleManagement.Read.Directory',
  'GroupMember.Read.All',
  'AuditLog.Read.All',
  'Policy.Read.AuthenticationMethod',
  'Domain.Read.All',
  'LicenseAssignment.Read.All',
  // Password writeback on the Policy screen (only a Global Administrator can read it).
  'OnPremDirectorySynchronization.Read.All',
  'Mail.Send',
] as const;

/**
 * Resetline asks for `<graph>/.default`: every permission the admin consented on the app registration
 * (concepts/permissions-overview.md; identity-platform "The /.default scope"). A sign-in then succeeds
 * with whatever was consented, and the app names each missing permission where a feature needs it,
 * instead of refusing the whole sign-in. A national cloud's token is asked for with its own Graph.
 */
export function graphScopes(cloud: Cloud): string[] {
  const origin =
    cloud === 'global' || cloud === 'demo' ? 'https://graph.microsoft.com' : CLOUD_ENDPOINTS[cloud].graphOrigin;
  return [`${origin}/.default`];
}
