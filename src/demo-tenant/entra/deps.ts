// What the Entra routes share: the directory, the token service, the flow state and the settings of
// the one registered (public) client application.
import type { RequestContext } from '../http';
import type { DemoDirectory } from '../model';
import type { TokenService } from '../tokens';
import { entraErrors } from './errors';
import type { EntraState } from './state';

export interface EntraDeps {
  dir: DemoDirectory;
  tokens: TokenService;
  state: EntraState;
  /** https://127.0.0.1:PORT: issuer, token, keys, device code. */
  origin: string;
  /** http://127.0.0.1:PORT: the pages a browser opens (authorize, sign-in, devicelogin, logout). */
  pagesOrigin: string;
  tenantId: string;
  clientId: string;
  consentedScopes: readonly string[];
  deviceCodeIntervalSeconds: number;
  deviceCodeLifetimeSeconds: number;
  /** Exact redirect URIs allowed besides any http loopback address. */
  extraRedirectUris: readonly string[];
}

export const SSO_COOKIE = 'rl_demo_sso';

/**
 * The browser session cookie's attributes: HttpOnly and SameSite=Lax everywhere, `Secure` only when
 * the page was served over HTTPS (a browser drops a Secure cookie set by a plain-HTTP origin).
 */
export function ssoCookie(ctx: RequestContext, value: string, extra = ''): string {
  const secure = ctx.url.protocol === 'https:' ? '; Secure' : '';
  return `${SSO_COOKIE}=${value}; Path=/; HttpOnly${secure}; SameSite=Lax${extra}`;
}

/** The tenant path segment: the tenant id, one of its domains, or the multi-tenant aliases. */
export function assertTenant(deps: EntraDeps, segment: string): void {
  const s = decodeURIComponent(segment).toLowerCase();
  if (s === deps.tenantId.toLowerCase() || s === 'common' || s === 'organizations') return;
  if (deps.dir.tenant.domains.some((d) => d.id.toLowerCase() === s)) return;
  throw entraErrors.tenantNotFound(segment);
}

/** Public clients may use any http loopback address and port (RFC 8252), as Entra allows. */
export function redirectUriAllowed(deps: EntraDeps, uri: string): boolean {
  if (deps.extraRedirectUris.includes(uri)) return true;
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) && u.hash === '';
}

export function agentListing(deps: EntraDeps): { upn: string; password: string; roles: string[] }[] {
  return deps.dir.agents.map((a) => ({ upn: a.upn, password: a.password, roles: a.roles }));
}

export function nowSeconds(deps: EntraDeps): number {
  return Math.floor(deps.dir.now().getTime() / 1000);
}
