// Discovery: the OpenID configuration, the signing keys, instance discovery, and the same two
// documents as the JSON strings MSAL takes (authorityMetadata, cloudDiscoveryMetadata) so a client
// can skip every discovery request.
import { sendJson, type RequestContext } from '../http';
import { assertTenant, type EntraDeps } from './deps';
import { EntraError, sendTokenError } from './errors';
import { OIDC_SCOPES } from './scopes';

/**
 * `origin` (https) carries the issuer and everything a client library calls; `pagesOrigin` (plain
 * http on loopback) carries the two endpoints a browser opens: authorize and end-session.
 */
export function openIdConfiguration(origin: string, pagesOrigin: string, tenantId: string): Record<string, unknown> {
  const base = `${origin}/${tenantId}`;
  const pages = `${pagesOrigin}/${tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: [...OIDC_SCOPES],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${pages}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${pages}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'oid',
      'wids',
    ],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'password',
      'urn:ietf:params:oauth:grant-type:device_code',
    ],
    tenant_region_scope: null,
    cloud_instance_name: new URL(origin).host,
    cloud_graph_host_name: new URL(origin).host,
    msgraph_host: new URL(origin).host,
    rbac_url: origin,
  };
}

export function cloudDiscovery(origin: string, tenantId: string): Record<string, unknown> {
  const host = new URL(origin).host;
  return {
    tenant_discovery_endpoint: `${origin}/${tenantId}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

/** What a client passes to MSAL's `auth` config to trust this authority without discovery. */
export interface MsalAuthorityConfig {
  authority: string;
  knownAuthorities: string[];
  authorityMetadata: string;
  cloudDiscoveryMetadata: string;
}

export function msalAuthorityConfig(origin: string, pagesOrigin: string, tenantId: string): MsalAuthorityConfig {
  return {
    authority: `${origin}/${tenantId}`,
    knownAuthorities: [new URL(origin).host],
    // MSAL builds the authorize URL it opens in the browser from this: the pages origin.
    authorityMetadata: JSON.stringify(openIdConfiguration(origin, pagesOrigin, tenantId)),
    cloudDiscoveryMetadata: JSON.stringify(cloudDiscovery(origin, tenantId)),
  };
}

export function handleOpenIdConfiguration(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  try {
    assertTenant(deps, ctx.params[0] ?? '');
  } catch (err) {
    if (err instanceof EntraError) {
      sendTokenError(ctx, err);
      return Promise.resolve();
    }
    throw err;
  }
  sendJson(ctx, 200, openIdConfiguration(deps.origin, deps.pagesOrigin, deps.tenantId));
  return Promise.resolve();
}

export function handleKeys(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  sendJson(ctx, 200, deps.tokens.jwks());
  return Promise.resolve();
}

export function handleInstanceDiscovery(deps: EntraDeps, ctx: RequestContext): Promise<void> {
  sendJson(ctx, 200, cloudDiscovery(deps.origin, deps.tenantId));
  return Promise.resolve();
}
