// Shared by the identity-/server- tests: start a small demo tenant in a temp folder, and build the
// REAL clients (MSAL, Graph, undici) trusting its CA for its origin only — no TLS shortcuts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PublicClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { Client, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import {
  Agent,
  fetch as undiciFetch,
  type RequestInit as UndiciRequestInit,
  type Response as UndiciResponse,
} from 'undici';
import { startDemoTenant, type DemoTenant, type DemoTenantOptions } from '../../../src/demo-tenant';
import { fetchOptionsWith } from '../../../src/main/core/net/trustedFetch';

export interface TestTenant {
  tenant: DemoTenant;
  dataDir: string;
  dispatcher: Agent;
  close(): Promise<void>;
}

export async function startTestTenant(opts: Partial<DemoTenantOptions> = {}): Promise<TestTenant> {
  const dataDir = await mkdtemp(join(tmpdir(), 'resetline-demo-'));
  const tenant = await startDemoTenant({ dataDir, users: 200, seed: 7, deviceCodeIntervalSeconds: 1, ...opts });
  const dispatcher = new Agent({ connect: { ca: tenant.caCertPem } });
  return {
    tenant,
    dataDir,
    dispatcher,
    close: async () => {
      await tenant.stop();
      await dispatcher.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export class ForeignOriginError extends Error {
  constructor(readonly url: string) {
    super(`The test network client only talks to the demo tenant, not ${url}`);
    this.name = 'ForeignOriginError';
  }
}

/** MSAL's network module: undici with the demo CA, and only for the demo tenant's origin. */
export function demoNetworkClient(t: TestTenant): INetworkModule {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    if (new URL(url).origin !== t.tenant.origin) throw new ForeignOriginError(url);
    const res = await undiciFetch(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      dispatcher: t.dispatcher,
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { headers, body: (await res.json()) as T, status: res.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

export function createPca(t: TestTenant): PublicClientApplication {
  const { msal, clientId } = t.tenant;
  return new PublicClientApplication({
    auth: {
      clientId,
      authority: msal.authority,
      knownAuthorities: msal.knownAuthorities,
      authorityMetadata: msal.authorityMetadata,
      cloudDiscoveryMetadata: msal.cloudDiscoveryMetadata,
    },
    system: { networkClient: demoNetworkClient(t) },
  });
}

/** A Graph client over TLS to the demo tenant, with whatever token the provider hands out. */
export function graphClient(t: TestTenant, getToken: () => Promise<string>): Client {
  const authProvider: AuthenticationProvider = { getAccessToken: getToken };
  return Client.initWithMiddleware({
    baseUrl: t.tenant.origin,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(t.tenant.origin).hostname]),
    authProvider,
    fetchOptions: fetchOptionsWith(t.dispatcher),
  });
}

interface StoredCookie {
  value: string;
  secure: boolean;
}

/**
 * A browser-ish page client, not following redirects (the test reads them). Like a browser it
 * resolves relative URLs (form actions) against the page it last loaded (the pages origin at first),
 * keeps cookies per host, refuses a `Secure` cookie from a plain-HTTP page and sends one only over
 * HTTPS. `trustDemoCa: false` stands for a person's browser: HTTPS to the demo tenant then fails.
 */
export class PageClient {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();
  private base: string;
  private readonly trustDemoCa: boolean;
  /** Every URL requested, in order. */
  readonly visited: string[] = [];

  constructor(
    private readonly t: TestTenant,
    opts: { trustDemoCa?: boolean } = {},
  ) {
    this.base = t.tenant.pagesOrigin;
    this.trustDemoCa = opts.trustDemoCa ?? true;
  }

  /** The cookies this client holds for a host (name → value). */
  cookiesFor(host: string): Map<string, string> {
    return new Map([...(this.jar.get(host) ?? [])].map(([k, c]) => [k, c.value]));
  }

  async request(url: string, init: Omit<UndiciRequestInit, 'dispatcher' | 'redirect'> = {}): Promise<UndiciResponse> {
    const target = new URL(url, this.base);
    this.base = target.href;
    this.visited.push(target.href);
    const https = target.protocol === 'https:';
    const headers = new Headers(init.headers as Record<string, string> | undefined);
    const cookies = [...(this.jar.get(target.hostname) ?? [])].filter(([, c]) => https || !c.secure);
    if (cookies.length > 0) headers.set('cookie', cookies.map(([k, c]) => `${k}=${c.value}`).join('; '));
    const res = await undiciFetch(target, {
      ...init,
      headers,
      redirect: 'manual',
      ...(https && this.trustDemoCa ? { dispatcher: this.t.dispatcher } : {}),
    });
    for (const c of res.headers.getSetCookie()) this.store(target, c);
    return res;
  }

  private store(from: URL, setCookie: string): void {
    const [pair, ...attrs] = setCookie.split(';').map((p) => p.trim());
    const i = pair?.indexOf('=') ?? -1;
    if (!pair || i <= 0) return;
    const flags = attrs.map((a) => a.toLowerCase());
    const secure = flags.includes('secure');
    // RFC 6265bis: a non-secure origin may not set a Secure cookie.
    if (secure && from.protocol !== 'https:') return;
    const cookies = this.jar.get(from.hostname) ?? new Map<string, StoredCookie>();
    this.jar.set(from.hostname, cookies);
    const name = pair.slice(0, i);
    if (flags.includes('max-age=0')) cookies.delete(name);
    else cookies.set(name, { value: pair.slice(i + 1), secure });
  }

  get(url: string): Promise<UndiciResponse> {
    return this.request(url);
  }

  post(url: string, form: Record<string, string>): Promise<UndiciResponse> {
    return this.request(url, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

/** The endpoints MSAL was given (msal.authorityMetadata), parsed. */
export function authorityMetadata(t: TestTenant): Record<string, string> {
  return JSON.parse(t.tenant.msal.authorityMetadata) as Record<string, string>;
}

/** The attributes of the first <form> on a page: its action and hidden fields. */
export function readForm(html: string, formId: string): { action: string; fields: Record<string, string> } {
  const start = html.indexOf(`id="${formId}"`);
  if (start < 0) throw new Error(`no form #${formId} in page: ${html.slice(0, 400)}`);
  const formStart = html.lastIndexOf('<form', start);
  const formEnd = html.indexOf('</form>', start);
  const form = html.slice(formStart, formEnd);
  const action = /action="([^"]*)"/.exec(form)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    if (m[1]) fields[m[1]] = m[2] ?? '';
  return { action: action.replace(/&#38;/g, '&'), fields };
}

export const GRAPH_SCOPES = ['User.Read.All', 'UserAuthenticationMethod.ReadWrite.All'];

/**
 * What a user signing in only to prove their own credentials asks for: the OpenID Connect scopes, no
 * Graph permission. Microsoft issues a token for the UserInfo endpoint (MicrosoftDocs/entra-docs
 * docs/identity-platform/scopes-oidc.md, "OpenID Connect scopes"), so this works whatever Graph
 * permissions the app registration was consented for; asking `User.Read`, which the app's admin
 * consent does not include, is refused with AADSTS65001 as Entra does.
 */
export const SIGN_IN_ONLY_SCOPES = ['openid', 'profile'];
