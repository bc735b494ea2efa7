// Scope handling as Entra does it for one resource (Microsoft Graph): OIDC scopes are kept apart,
// Graph scopes may come bare, with the resource URL or with Graph's app id, `.default` means
// "everything the app registration was consented for", and an unknown scope is refused.
import { entraErrors } from './errors';

export const OIDC_SCOPES = ['openid', 'profile', 'offline_access', 'email'] as const;

/** Delegated Graph permissions the demo tenant knows (the names Graph publishes). */
export const KNOWN_GRAPH_SCOPES = [
  'User.Read',
  'User.ReadWrite',
  'User.ReadBasic.All',
  'User.Read.All',
  'User.ReadWrite.All',
  'User-PasswordProfile.ReadWrite.All',
  'User.RevokeSessions.All',
  'User.EnableDisableAccount.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Directory.AccessAsUser.All',
  'UserAuthenticationMethod.Read',
  'UserAuthenticationMethod.ReadWrite',
  'UserAuthenticationMethod.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'UserAuthMethod-Password.ReadWrite.All',
  'UserAuthMethod-TAP.ReadWrite.All',
  'AuditLog.Read.All',
  'Reports.Read.All',
  'Policy.Read.All',
  'Policy.Read.AuthenticationMethod',
  'Policy.ReadWrite.AuthenticationMethod',
  'Organization.Read.All',
  'Organization.ReadWrite.All',
  'Domain.Read.All',
  'Domain.ReadWrite.All',
  'LicenseAssignment.Read.All',
  'OnPremDirectorySynchronization.Read.All',
  'OnPremDirectorySynchronization.ReadWrite.All',
  'RoleManagement.Read.Directory',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Mail.Send',
  'Mail.Send.Shared',
  'RoleManagement.Read.All',
  'RoleManagement.ReadWrite.Directory',
] as const;

/**
 * What the demo app registration was admin-consented for: exactly the delegated permissions README
 * tells an admin to grant, never broader — a broader grant would hide a call the app's own list
 * cannot make. (`.default` means this list; Entra adds User.Read only when no Graph scope is asked.)
 */
export const DEFAULT_CONSENTED_SCOPES: readonly string[] = [
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
  'OnPremDirectorySynchronization.Read.All',
  'Mail.Send',
];

/** The consent in force: the registration's, minus the scopes an admin withheld (case-insensitive). */
export function effectiveConsent(consented: readonly string[], withheld: readonly string[]): string[] {
  const out = new Set(withheld.map((s) => s.toLowerCase()));
  return consented.filter((s) => !out.has(s.toLowerCase()));
}

const GRAPH_PREFIXES = ['https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000/'];
const canonical = new Map<string, string>(KNOWN_GRAPH_SCOPES.map((s) => [s.toLowerCase(), s]));

export interface ResolvedScopes {
  graph: string[];
  oidc: string[];
  /** A token for another resource than Graph (Azure Monitor): its audience and delegated permissions. */
  resource?: OtherResource;
}

export interface OtherResource {
  audience: string;
  /** The `scp` claim. */
  permissions: string[];
  /** The `scope` of the token response, as asked (MSAL finds its cached token by these). */
  asked: string[];
}

/**
 * Resources other than Graph the demo tenant issues tokens for: Azure Monitor's Logs Ingestion API
 * (audience per articles/azure-monitor/logs/logs-ingestion-api-overview.md, "Request headers") and the
 * Logs query API (articles/azure-monitor/logs/api/access-api.md). Entra accepts `<resource>/.default`
 * and `<resource>//.default`; only `.default` is served here. The Log Analytics API's delegated permission
 * is Data.Read (access-api.md, "Set up authentication"); the pages name none for the ingestion audience
 * (they show client credentials only), so the demo puts user_impersonation in `scp`. Both resources count
 * as consented: the demo's app registration is the one README sets up.
 */
export const OTHER_RESOURCES: readonly { audience: string; permissions: readonly string[] }[] = [
  { audience: 'https://monitor.azure.com', permissions: ['user_impersonation'] },
  { audience: 'https://api.loganalytics.io', permissions: ['Data.Read'] },
];

function otherResource(item: string): { audience: string; permissions: readonly string[] } | undefined {
  const lower = item.toLowerCase();
  return OTHER_RESOURCES.find((r) => lower === `${r.audience}/.default` || lower === `${r.audience}//.default`);
}

/** Splits a `scope` parameter; throws EntraError (invalid_scope / consent_required) as Entra would. */
export function resolveScopes(raw: string, consented: readonly string[], clientId: string): ResolvedScopes {
  const graph = new Set<string>();
  const oidc = new Set<string>();
  const consentedLower = new Set(consented.map((s) => s.toLowerCase()));
  let resource: OtherResource | undefined;
  for (const item of raw.split(/\s+/).filter(Boolean)) {
    const lower = item.toLowerCase();
    if ((OIDC_SCOPES as readonly string[]).includes(lower)) {
      oidc.add(lower);
      continue;
    }
    const other = otherResource(item);
    if (other) {
      // One token is for one resource: Entra refuses a request naming two (AADSTS28000).
      if (resource && resource.audience !== other.audience) throw entraErrors.multipleResources();
      resource ??= { audience: other.audience, permissions: [...other.permissions], asked: [] };
      resource.asked.push(item);
      continue;
    }
    let name = item;
    for (const p of GRAPH_PREFIXES) if (lower.startsWith(p)) name = item.slice(p.length);
    if (name === item && item.includes('/')) throw entraErrors.invalidScope(item); // another resource
    if (name.toLowerCase() === '.default') {
      for (const s of consented) graph.add(s);
      continue;
    }
    const known = canonical.get(name.toLowerCase());
    if (!known) throw entraErrors.invalidScope(item);
    if (!consentedLower.has(known.toLowerCase())) throw entraErrors.consentRequired(known, clientId);
    graph.add(known);
  }
  if (resource) {
    if (graph.size > 0) throw entraErrors.multipleResources();
    return { graph: [], oidc: [...oidc], resource };
  }
  // Entra always issues a Graph token; with no Graph scope asked it carries User.Read.
  if (graph.size === 0) graph.add('User.Read');
  return { graph: [...graph], oidc: [...oidc] };
}
