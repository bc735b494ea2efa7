// The agent's session: one tenant connection, one MSAL application, one Graph client, made as the
// signed-in agent. Everything that calls Graph asks this service for the client; nothing else holds tokens.
import type { Client } from '@microsoft/microsoft-graph-client';
import type { AuthState, SignedInAgent } from '../../../shared/auth';
import { ResetlineError } from '../../../shared/result';
import type { GraphCloud, TenantSettings } from '../../../shared/settings';
import { ReportsBudget } from '../graph/budget';
import { createGraphClient } from '../graph/client';
import { getAgentProfile } from '../graph/me';
import { createLogger } from '../log';
import { connectTenant, type DemoEndpoints, type TenantConnection } from '../tenant/connection';
import { AgentAuth, mapMsalError, type SignedInAccount } from './agentAuth';
import type { TokenCacheFile } from './tokenCache';

const log = createLogger('session');

interface SessionDeps {
  settings: () => TenantSettings;
  startDemo: () => Promise<DemoEndpoints>;
  /** Persisted, encrypted cache for a tenant + client, or undefined to keep tokens in memory only. */
  cacheFile?: (connection: TenantConnection) => TokenCacheFile | undefined;
  /** The system browser in Electron; a no-op in the browser host, where the page opens the link. */
  openBrowser: (url: string) => Promise<void>;
  /** Counts Graph requests (tests and the benchmark read it). */
  onGraphRequest?: (method: string, url: string) => void;
  /**
   * Scales the reports budget's window (1 = Microsoft's documented 10 s). Only tests set it, together
   * with the demo tenant's `throttlingTimeScale`, so both sides keep the documented shape, faster.
   */
  graphTimeScale?: number;
}

interface Active {
  connection: TenantConnection;
  auth: AgentAuth;
  client: Client;
}

export class AgentSession {
  private active: Active | null = null;
  private connecting: Promise<Active> | null = null;
  private agent: SignedInAgent | null = null;
  private signingIn: Promise<SignedInAgent> | null = null;
  /** Rejects the current sign-in's waiters when the agent cancels (MSAL's browser flow cannot be aborted). */
  private current: { cancel: (error: ResetlineError) => void; cancelled: boolean } | null = null;
  private lastError: string | null = null;
  private readonly agentListeners = new Set<(agentId: string | null) => void>();
  private readonly stateListeners = new Set<() => void>();

  constructor(private readonly deps: SessionDeps) {}

  /**
   * Called whenever the signed-in agent becomes someone else or nobody (sign-out, expiry, revocation,
   * tenant change, sign-in as another): what belonged to the previous agent must go. Returns an unsubscribe.
   */
  onAgentChange(listener: (agentId: string | null) => void): () => void {
    this.agentListeners.add(listener);
    return () => this.agentListeners.delete(listener);
  }

  /**
   * Called whenever state() may answer something new: a sign-in starts, its link or code is known, it
   * ends either way, the agent changes. Listeners read state() themselves. Returns an unsubscribe.
   */
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private stateChanged(): void {
    for (const listener of this.stateListeners) {
      try {
        listener();
      } catch (error) {
        log.error('session state listener failed', { error });
      }
    }
  }

  private setAgent(agent: SignedInAgent | null): void {
    const before = this.agent?.id ?? null;
    this.agent = agent;
    const after = agent?.id ?? null;
    if (before === after) return;
    for (const listener of this.agentListeners) {
      try {
        listener(after);
      } catch (error) {
        log.error('agent change listener failed', { error });
      }
    }
    this.stateChanged();
  }

  private connect(): Promise<Active> {
    if (this.active) return Promise.resolve(this.active);
    this.connecting ??= (async () => {
      const connection = await connectTenant(this.deps.settings(), this.deps.startDemo);
      const cacheFile = this.deps.cacheFile?.(connection);
      const auth = new AgentAuth({
        authority: connection.authority,
        clientId: connection.clientId,
        scopes: connection.scopes,
        fetch: connection.fetch,
        ...(connection.knownAuthority ? { knownAuthority: connection.knownAuthority } : {}),
        ...(cacheFile ? { cacheFile } : {}),
        openBrowser: this.deps.openBrowser,
        onPendingChange: () => this.stateChanged(),
      });
      const client = createGraphClient({
        graphOrigin: connection.graphOrigin,
        // The gateway gets a token or a ResetlineError in the agent's words, never MSAL's own error:
        // auth maps it here (mapMsalError), so core/graph needs nothing from core/auth.
        getAccessToken: () =>
          auth.accessToken().catch((error: unknown) => {
            const failure = mapMsalError(error);
            // An expired or revoked sign-in ends the session here, so the next sign-in starts afresh
            // instead of answering "signed in" from a stale agent.
            if (failure.code === 'signed_out') {
              this.setAgent(null);
              this.lastError = failure.message;
            }
            throw failure;
          }),
        ...(connection.dispatcher ? { dispatcher: connection.dispatcher } : {}),
        ...(this.deps.onGraphRequest ? { onRequest: this.deps.onGraphRequest } : {}),
        cloud: connection.summary.graphCloud,
        budget: new ReportsBudget({
          windowMs: 10_000 * (this.deps.graphTimeScale ?? 1),
          callerHoldMs: 120_000 * (this.deps.graphTimeScale ?? 1),
        }),
      });
      this.active = { connection, auth, client };
      return this.active;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Picks up a persisted sign-in at start; quietly stays signed out if there is none. */
  async restore(): Promise<AuthState> {
    try {
      const { auth } = await this.connect();
      const account = await auth.restore();
      if (account) await this.loadAgent(account);
    } catch (error) {
      log.warn('could not restore the previous sign-in', { error });
    }
    return this.state();
  }

  state(): AuthState {
    const tenant = this.active?.connection.summary ?? null;
    if (this.agent && tenant) return { status: 'signed-in', tenant, agent: this.agent };
    if (this.signingIn && tenant) {
      const pending = this.active?.auth.pending ?? null;
      return { status: 'pending', tenant, pending };
    }
    return { status: 'signed-out', tenant, lastError: this.lastError };
  }

  /** Starts (or joins) a sign-in and resolves when it ends; state() shows where to finish meanwhile. */
  async signIn(method: 'interactive' | 'device-code'): Promise<AuthState> {
    if (this.agent) return this.state();
    const { auth } = await this.connect();
    if (!this.signingIn) {
      let cancel!: (error: ResetlineError) => void;
      const cancelled = new Promise<never>((_resolve, reject) => (cancel = reject));
      const attempt = { cancel, cancelled: false };
      const flow = (async () => {
        const account = method === 'interactive' ? await auth.signInInteractive() : await auth.signInDeviceCode();
        // A browser sign-in the agent abandoned may still complete later; it must not sign anyone in.
        if (attempt.cancelled) throw new ResetlineError('sign_in_failed', 'Sign-in was cancelled.');
        return this.loadAgent(account);
      })();
      this.signingIn = Promise.race([flow, cancelled]);
      this.current = attempt;
      void flow.catch(() => undefined);
      this.stateChanged();
    }
    const current = this.signingIn;
    try {
      await current;
      this.lastError = null;
    } catch (error) {
      if (this.signingIn === current)
        this.lastError = error instanceof ResetlineError ? error.message : 'Sign-in failed.';
      throw error;
    } finally {
      if (this.signingIn === current) {
        this.signingIn = null;
        this.current = null;
        this.stateChanged();
      }
    }
    return this.state();
  }

  cancelSignIn(): AuthState {
    this.active?.auth.cancelPending();
    if (this.current) {
      this.current.cancelled = true;
      this.current.cancel(new ResetlineError('sign_in_failed', 'Sign-in was cancelled.'));
      this.lastError = 'Sign-in was cancelled.';
    }
    this.signingIn = null;
    this.current = null;
    this.stateChanged();
    return this.state();
  }

  async signOut(): Promise<AuthState> {
    await this.active?.auth.signOut();
    this.setAgent(null);
    this.lastError = null;
    this.stateChanged();
    return this.state();
  }

  /** Drops the connection (after the tenant settings change): the next call connects afresh. */
  async reset(): Promise<void> {
    await this.signOut();
    this.active = null;
  }

  /** The Graph client as the signed-in agent, or a signed_out error the UI turns into the sign-in screen. */
  graph(): Client {
    if (!this.active || !this.agent) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
    return this.active.client;
  }

  /** A token for an Azure Monitor scope as the signed-in agent (core/auth/monitorCredential.ts); never leaves main. */
  resourceToken(scopes: string[]): Promise<{ token: string; expiresOnTimestamp: number }> {
    if (!this.active || !this.agent) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
    return this.active.auth.tokenFor(scopes);
  }

  /** Which Microsoft Graph the session speaks to (global when not connected yet). */
  graphCloud(): GraphCloud {
    return this.active?.connection.summary.graphCloud ?? 'global';
  }

  /** The connected demo tenant (its SMS endpoint, CA and outbox), or null outside demo mode. */
  demoTenant(): DemoEndpoints | null {
    return this.active?.connection.demo ?? null;
  }

  /**
   * The connected tenant's key, "<cloud>:<tenant id>": what per-tenant data (caches, attempts, jobs,
   * snapshots) is kept under. Signed in or not; signed_out when no tenant is connected.
   */
  tenantKey(): string {
    const tenant = this.active?.connection.summary ?? null;
    if (!tenant) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
    return `${tenant.cloud}:${tenant.tenantId}`;
  }

  signedInAgent(): SignedInAgent {
    if (!this.agent) throw new ResetlineError('signed_out', 'Sign in to Resetline first.');
    return this.agent;
  }

  private async loadAgent(account: SignedInAccount): Promise<SignedInAgent> {
    const { client, auth } = await this.connect();
    const grantedScopes = auth.grantedScopes;
    const profile = await getAgentProfile(client, account.objectId, grantedScopes);
    for (const gap of profile.roleGaps) log.warn('agent roles incomplete', { gap });
    const agent: SignedInAgent = {
      id: profile.id || account.objectId,
      displayName: profile.displayName,
      userPrincipalName: profile.userPrincipalName,
      roles: profile.roles,
      scopedRoles: profile.scopedRoles,
      grantedScopes,
      roleGaps: profile.roleGaps,
    };
    this.setAgent(agent);
    return agent;
  }
}
