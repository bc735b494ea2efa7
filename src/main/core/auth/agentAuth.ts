// The agent's identity: a public-client MSAL application (no secret in the app). Interactive sign-in
// runs auth code + PKCE in the system browser through MSAL's loopback listener; device code is the
// fallback; every Graph call gets a token silently, refreshed as needed.
import {
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
} from '@azure/msal-node';
import { ResetlineError } from '../../../shared/result';
import { createLogger } from '../log';
import { DELEGATED_PERMISSIONS } from '../tenant/clouds';
import type { FetchLike } from '../net/trustedFetch';
import { createMsalNetworkClient } from './msalNetwork';
import type { TokenCacheFile } from './tokenCache';

const log = createLogger('auth');

interface AuthConfig {
  /** e.g. https://login.microsoftonline.com/<tenant> or the demo tenant's https://127.0.0.1:PORT/<tenant> */
  authority: string;
  clientId: string;
  scopes: string[];
  fetch: FetchLike;
  /** Set for authorities MSAL cannot discover (the demo tenant): skips every discovery request. */
  knownAuthority?: { host: string; authorityMetadata: string; cloudDiscoveryMetadata: string };
  cacheFile?: TokenCacheFile;
  /** Opens the sign-in page: the system browser in Electron; in the browser host the page opens it. */
  openBrowser: (url: string) => Promise<void>;
  /** Called whenever `pending` changes (a link or code becomes known, or the flow ends). */
  onPendingChange?: () => void;
}

type PendingSignIn =
  | { kind: 'browser'; authorizeUrl: string }
  | { kind: 'device-code'; userCode: string; verificationUri: string; message: string; expiresAt: string };

interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  message: string;
  expiresIn: number;
}

export interface SignedInAccount {
  username: string;
  name: string;
  objectId: string;
  tenantId: string;
}

/** The tab MSAL's loopback listener shows once the browser brought the code back (no script, no remote assets). */
function loopbackPage(heading: string, text: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Resetline</title><style>' +
    'body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:Canvas;color:CanvasText}' +
    'main{max-width:28rem;padding:2rem 2.5rem;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.18)}' +
    'h1{font-size:1.5rem;font-weight:600;margin:0 0 .75rem}p{margin:0;line-height:1.5}' +
    `</style></head><body><main><h1>${heading}</h1><p>${text}</p></main></body></html>`
  );
}

const SUCCESS_PAGE = loopbackPage('Signed in to Resetline', 'You can close this tab and return to Resetline.');
const ERROR_PAGE = loopbackPage('Sign-in did not complete', 'Return to Resetline and try again.');

export class AgentAuth {
  private readonly pca: PublicClientApplication;
  private account: AccountInfo | null = null;
  private pendingSignIn: PendingSignIn | null = null;
  private deviceCodeRequest: { cancel?: boolean } | null = null;
  /** Which sign-in the pending state belongs to: an abandoned flow ending late must not clear a newer one's. */
  private flowSeq = 0;
  private granted: string[] = [];

  constructor(private readonly config: AuthConfig) {
    const msalConfig: Configuration = {
      auth: {
        clientId: config.clientId,
        authority: config.authority,
        ...(config.knownAuthority
          ? {
              knownAuthorities: [config.knownAuthority.host],
              authorityMetadata: config.knownAuthority.authorityMetadata,
              cloudDiscoveryMetadata: config.knownAuthority.cloudDiscoveryMetadata,
            }
          : {}),
      },
      ...(config.cacheFile ? { cache: { cachePlugin: config.cacheFile } } : {}),
      system: {
        networkClient: createMsalNetworkClient(config.fetch),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (_level, message) => log.debug(message),
        },
      },
    };
    this.pca = new PublicClientApplication(msalConfig);
  }

  get pending(): PendingSignIn | null {
    return this.pendingSignIn;
  }

  private setPending(pending: PendingSignIn | null): void {
    if (pending === this.pendingSignIn) return;
    this.pendingSignIn = pending;
    this.config.onPendingChange?.();
  }

  /**
   * The Graph permissions the last token carried (the token response's `scope`, as MSAL reports it),
   * without the resource prefix: what the tenant consented, since the app asks for `.default`.
   */
  get grantedScopes(): string[] {
    return [...this.granted];
  }

  private remember(result: AuthenticationResult): void {
    this.granted = result.scopes
      .map((s) => s.replace(/^https:\/\/[^/]+\//i, ''))
      .filter((s) => !['openid', 'profile', 'offline_access', 'email'].includes(s.toLowerCase()));
  }

  get signedIn(): SignedInAccount | null {
    return this.account ? toSignedIn(this.account) : null;
  }

  /** Picks up an account from the persisted cache, if its refresh token still works. */
  async restore(): Promise<SignedInAccount | null> {
    const [account] = await this.pca.getAllAccounts();
    if (!account) return null;
    try {
      this.remember(await this.pca.acquireTokenSilent({ account, scopes: this.config.scopes }));
      this.account = account;
      return toSignedIn(account);
    } catch (error) {
      log.info('cached account needs a new sign-in', { error });
      return null;
    }
  }

  async signInInteractive(): Promise<SignedInAccount> {
    const seq = ++this.flowSeq;
    return this.complete(
      seq,
      this.pca.acquireTokenInteractive({
        scopes: this.config.scopes,
        prompt: 'select_account',
        successTemplate: SUCCESS_PAGE,
        errorTemplate: ERROR_PAGE,
        openBrowser: async (authorizeUrl) => {
          if (seq === this.flowSeq) this.setPending({ kind: 'browser', authorizeUrl });
          await this.config.openBrowser(authorizeUrl);
        },
      }),
    );
  }

  async signInDeviceCode(): Promise<SignedInAccount> {
    const seq = ++this.flowSeq;
    const request: { scopes: string[]; cancel?: boolean; deviceCodeCallback: (info: DeviceCodeInfo) => void } = {
      scopes: this.config.scopes,
      deviceCodeCallback: (info) => {
        // MSAL hands over whatever /devicecode answered, even an error body without a code.
        if (!info.userCode || !Number.isFinite(info.expiresIn)) {
          throw new ResetlineError(
            'sign_in_failed',
            'The sign-in service would not start a device-code sign-in. Try the browser sign-in.',
          );
        }
        this.setPending({
          kind: 'device-code',
          userCode: info.userCode,
          verificationUri: info.verificationUri,
          message: info.message,
          expiresAt: new Date(Date.now() + info.expiresIn * 1000).toISOString(),
        });
      },
    };
    this.deviceCodeRequest = request;
    return this.complete(seq, this.pca.acquireTokenByDeviceCode(request));
  }

  /** Stops a device-code wait (MSAL checks the flag between polls). */
  cancelPending(): void {
    if (this.deviceCodeRequest) this.deviceCodeRequest.cancel = true;
    this.flowSeq++;
    this.setPending(null);
  }

  async accessToken(): Promise<string> {
    if (!this.account) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
    try {
      const result = await this.pca.acquireTokenSilent({ account: this.account, scopes: this.config.scopes });
      this.remember(result);
      return result.accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) {
        throw new ResetlineError('signed_out', 'Your sign-in has expired or was revoked. Sign in again.');
      }
      throw mapMsalError(error);
    }
  }

  /**
   * A token for another resource than Graph (Azure Monitor) from the same sign-in, silently (the refresh
   * token is multi-resource). Not remembered as Graph's grant. Stays in main like every token.
   */
  async tokenFor(scopes: string[]): Promise<{ token: string; expiresOnTimestamp: number }> {
    if (!this.account) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
    try {
      const result = await this.pca.acquireTokenSilent({ account: this.account, scopes });
      return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 300_000 };
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) {
        throw new ResetlineError('signed_out', 'Your sign-in has expired or was revoked. Sign in again.');
      }
      throw mapMsalError(error);
    }
  }

  async signOut(): Promise<void> {
    this.cancelPending();
    const cache = this.pca.getTokenCache();
    for (const account of await cache.getAllAccounts()) await cache.removeAccount(account);
    this.pca.clearCache();
    this.config.cacheFile?.clear();
    this.account = null;
    this.granted = [];
  }

  /**
   * A sign-in the agent cancelled that completed anyway: MSAL has already cached (and persisted) its
   * tokens, so the next start's restore() would sign that account in. Remove it, unless it is the
   * account signed in now.
   */
  private async forgetAbandoned(account: AccountInfo): Promise<void> {
    if (this.account?.homeAccountId === account.homeAccountId) return;
    try {
      await this.pca.getTokenCache().removeAccount(account);
    } catch (error) {
      log.warn('could not remove an abandoned sign-in from the token cache', { error });
    }
  }

  private async complete(seq: number, flow: Promise<AuthenticationResult | null>): Promise<SignedInAccount> {
    try {
      const result = await flow;
      if (result?.account && seq !== this.flowSeq) await this.forgetAbandoned(result.account);
      if (!result?.account || seq !== this.flowSeq)
        throw new ResetlineError('sign_in_failed', 'Sign-in was cancelled.');
      this.account = result.account;
      this.remember(result);
      return toSignedIn(result.account);
    } catch (error) {
      throw mapMsalError(error);
    } finally {
      if (seq === this.flowSeq) {
        this.setPending(null);
        this.deviceCodeRequest = null;
      }
    }
  }
}

function toSignedIn(account: AccountInfo): SignedInAccount {
  return {
    username: account.username,
    name: account.name ?? account.username,
    objectId: account.localAccountId,
    tenantId: account.tenantId,
  };
}

/** MSAL and STS failures as messages an agent (or their admin) can act on. */
export function mapMsalError(error: unknown): ResetlineError {
  if (error instanceof ResetlineError) return error;
  const e = error as { errorCode?: string; errorMessage?: string; subError?: string; message?: string };
  const text = `${e.errorCode ?? ''} ${e.errorMessage ?? e.message ?? ''}`;
  if (/AADSTS65001|consent_required/i.test(text)) {
    const missing = /Scope not consented: '([^']+)'/i.exec(text)?.[1];
    return new ResetlineError(
      'consent_required',
      `Your tenant has not consented to Resetline's permissions${missing ? ` (missing: ${missing})` : ''}. ` +
        `Ask a Global or Privileged Role Administrator to grant admin consent for the app registration's delegated Microsoft Graph permissions: ${DELEGATED_PERMISSIONS.join(', ')}.`,
    );
  }
  if (/AADSTS50057|disabled/i.test(text))
    return new ResetlineError('sign_in_failed', 'This account is disabled in Entra ID.');
  if (/AADSTS50126|invalid_grant/i.test(text)) {
    return new ResetlineError('sign_in_failed', 'Sign-in failed: the user name or password was not accepted.');
  }
  if (/expired_token|code_expired|AADSTS70020/i.test(text)) {
    return new ResetlineError('sign_in_failed', 'The sign-in code expired before it was used. Start again.');
  }
  if (/user_cancelled|authorization_pending_cancelled|cancel/i.test(text)) {
    return new ResetlineError('sign_in_failed', 'Sign-in was cancelled.');
  }
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|network|ETIMEDOUT/i.test(text)) {
    return new ResetlineError('network', 'Could not reach the sign-in service. Check the network and try again.');
  }
  return new ResetlineError(
    'sign_in_failed',
    `Sign-in failed: ${(e.errorMessage ?? e.message ?? 'unknown error').slice(0, 300)}`,
  );
}
