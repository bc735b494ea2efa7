// Mounts the Entra ID routes: the API a client library calls (HTTPS only) and the pages a browser
// opens (also on the plain-HTTP loopback pages origin).
import type { Router } from '../http';
import type { EntraDeps } from './deps';
import { DEVICE_LOGIN_PATH, handleDeviceCode, handleDeviceLoginGet, handleDeviceLoginPost } from './device';
import { handleAuthorize, handleChangePassword, handleLogin, handleLogout } from './interactive';
import { handleInstanceDiscovery, handleKeys, handleOpenIdConfiguration } from './metadata';
import { handleToken } from './token';

export type { EntraDeps } from './deps';
export { EntraState } from './state';
export { DEFAULT_CONSENTED_SCOPES, KNOWN_GRAPH_SCOPES } from './scopes';
export { msalAuthorityConfig, type MsalAuthorityConfig } from './metadata';
export { EntraError } from './errors';

const T = '([^/]+)';

/**
 * What a client library calls (discovery, keys, token, device code): HTTPS only, on the tenant's
 * origin, so tokens never travel in the clear.
 */
export function mountEntraApi(router: Router, deps: EntraDeps): void {
  router
    .add('GET', new RegExp(`^/${T}/v2\\.0/\\.well-known/openid-configuration$`), (ctx) =>
      handleOpenIdConfiguration(deps, ctx),
    )
    .add('GET', new RegExp(`^/${T}/discovery/v2\\.0/keys$`), (ctx) => handleKeys(deps, ctx))
    .add('GET', /^\/common\/discovery\/instance$/, (ctx) => handleInstanceDiscovery(deps, ctx))
    .add('POST', new RegExp(`^/${T}/oauth2/v2\\.0/token$`), (ctx) => handleToken(deps, ctx))
    .add('POST', new RegExp(`^/${T}/oauth2/v2\\.0/devicecode$`), (ctx) => handleDeviceCode(deps, ctx));
}

/**
 * What a person's browser opens: /authorize and the sign-in, password-change, device-code and logout
 * pages. Mounted on the plain-HTTP loopback pages origin (a browser that does not trust the demo CA
 * shows them without a certificate warning) and, unchanged, on the HTTPS origin.
 */
export function mountEntraPages(router: Router, deps: EntraDeps): void {
  router
    .add('GET', new RegExp(`^/${T}/oauth2/v2\\.0/authorize$`), (ctx) => handleAuthorize(deps, ctx))
    .add('POST', new RegExp(`^/${T}/oauth2/v2\\.0/authorize$`), (ctx) => handleAuthorize(deps, ctx))
    .add('POST', new RegExp(`^/${T}/login$`), (ctx) => handleLogin(deps, ctx))
    .add('POST', new RegExp(`^/${T}/changepassword$`), (ctx) => handleChangePassword(deps, ctx))
    .add('GET', new RegExp(`^/${T}/oauth2/v2\\.0/logout$`), (ctx) => handleLogout(deps, ctx))
    .add('POST', new RegExp(`^/${T}/oauth2/v2\\.0/logout$`), (ctx) => handleLogout(deps, ctx))
    .add('GET', new RegExp(`^${DEVICE_LOGIN_PATH}$`), (ctx) => handleDeviceLoginGet(deps, ctx))
    .add('POST', new RegExp(`^${DEVICE_LOGIN_PATH}$`), (ctx) => handleDeviceLoginPost(deps, ctx));
}
