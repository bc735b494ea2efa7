// startDemoTenant: one HTTPS origin serving Entra ID (/{tenant}/oauth2/v2.0/…), Graph v1.0 (/v1.0/…)
// and an ACS-shaped SMS endpoint (/sms), over TLS from the tenant's own CA; and a plain-HTTP
// loopback "pages origin" serving only the pages a person's browser opens (pages-origin.ts), so the
// sign-in needs no trust in the demo CA. Both bind 127.0.0.1. Knobs (latency, throttling, faults)
// apply to every route; the directory is seeded deterministically.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import type { GraphRequest, GraphResponse, Knobs } from './contracts';
import {
  mountEntraApi,
  mountEntraPages,
  msalAuthorityConfig,
  DEFAULT_CONSENTED_SCOPES,
  EntraState,
  type EntraDeps,
  type MsalAuthorityConfig,
} from './entra';
import { effectiveConsent } from './entra/scopes';
import { createGraphHandler } from './graph';
import { Router, sendGraphError, sendHtml, type RequestContext } from './http';
import { KnobStore, type KnobsPatch, type KnobStats } from './knobs';
import { closeServer, createPipeline, listenOnLoopback, requestHandler, type Endpoint } from './listeners';
import type { DemoDirectory, OutboxMessage } from './model';
import { createDemoDirectory } from './seed';
import { handleDemoRoutes, homePage } from './demo-routes';
import { pagesGuard, refuseOnPagesOrigin } from './pages-origin';
import { serveGraph } from './serve-graph';
import { DocumentedThrottle } from './rules/throttling';
import { handleSms } from './sms';
import type { Cloud } from './rules/clouds';
import { ensurePrivateDataDir } from './data-dir';
import { loadOrCreateTls } from './tls';
import { DemoWorkspace, mountMonitor, type DemoMonitor } from './monitor';
import { TokenService } from './tokens';

/** The demo app registration's (public) client id. */
export const DEMO_CLIENT_ID = '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93';
export const DEMO_SMS_FROM = '+18005550100';

export interface DemoTenantOptions {
  /** Where the CA, the token signing key and the SMS access key are kept between runs. */
  dataDir: string;
  /** The HTTPS port; 0 (default) picks a free port. */
  port?: number;
  /** The plain-HTTP pages port (127.0.0.1 only); 0 (default) picks a free port. */
  pagesPort?: number;
  /** Total users including the agents and named targets. Default 2,000. */
  users?: number;
  seed?: number;
  /** Entra ID P1: the authentication-methods reports answer (default true). */
  premium?: boolean;
  /** Password writeback configured (default true). */
  writeback?: boolean;
  /** The seed's "today" (ms or Date); default now. */
  now?: Date | number;
  /** Keep the directory clock fixed at `now` (tests move it with `directory.setClock`). */
  freezeClock?: boolean;
  knobs?: KnobsPatch;
  /** The app registration's consented Graph scopes (what `.default` means). */
  consentedScopes?: readonly string[];
  /** Scopes an admin never consented to, taken out of `consentedScopes` (also live: knobs `withheldScopes`). */
  withheldScopes?: string[];
  /** The national cloud whose Graph v1.0 schema is served (default global; dod serves the US Government schema). */
  cloud?: Cloud;
  accessTokenLifetimeSeconds?: number;
  /** Polling interval the device code response asks for (Entra: 5). */
  deviceCodeIntervalSeconds?: number;
  /** Exact redirect URIs allowed besides http loopback ones. */
  redirectUris?: readonly string[];
  /** Use a directory built elsewhere instead of seeding one. */
  directory?: DemoDirectory;
  /**
   * The Azure Monitor workspace's SQLite file: demo tenants naming the same file share its rows (the app
   * passes one file in the system temp folder to every demo instance). Absent or null: rows in memory.
   */
  monitorWorkspaceFile?: string | null;
  /** A better-sqlite3 binary built for Electron's ABI, for that file (the app in Electron). */
  sqliteNativeBinding?: string;
}

export interface DemoAgentAccount {
  upn: string;
  password: string;
  roles: string[];
}

export interface DemoTenantOutbox {
  /** Everything sent so far, oldest first (a copy). */
  list(filter?: { kind?: OutboxMessage['kind']; to?: string }): OutboxMessage[];
}

export interface DemoTenant {
  /** https://127.0.0.1:PORT: issuer, token, keys, device code, Graph, SMS, /demo/*. */
  origin: string;
  /**
   * http://127.0.0.1:PAGES_PORT: the browser pages only (authorize, sign-in, change password,
   * /devicelogin, logout, home). `msal.authorityMetadata`'s authorization and end-session endpoints
   * and the device code's verification_uri point here.
   */
  pagesOrigin: string;
  /** https://127.0.0.1:PORT/{tenantId} — give MSAL this with `msal.knownAuthorities`. */
  authority: string;
  /** https://127.0.0.1:PORT/v1.0 */
  graphBaseUrl: string;
  /** https://127.0.0.1:PORT/ — the ACS resource endpoint. */
  smsEndpoint: string;
  /** `endpoint=…;accesskey=…` for `new SmsClient(connectionString)`. */
  smsConnectionString: string;
  smsFromNumber: string;
  tenantId: string;
  clientId: string;
  /** The national cloud whose Graph v1.0 paths are served. */
  cloud: Cloud;
  caCertPem: string;
  caCertPath: string;
  /** base64 SHA-256 of the server's and the CA's public keys (Chromium's --ignore-certificate-errors-spki-list). */
  spkiSha256: { server: string; ca: string };
  /** MSAL `auth` settings that skip every discovery request. */
  msal: MsalAuthorityConfig;
  outbox: DemoTenantOutbox;
  directory: DemoDirectory;
  knobs: { get(): Knobs; set(patch: KnobsPatch): Knobs; stats(): KnobStats };
  agents: DemoAgentAccount[];
  /** Azure Monitor: the Logs Ingestion endpoint (one DCR, one stream) and the Logs query API of one workspace. */
  monitor: DemoMonitor;
  stop(): Promise<void>;
}

export class DemoTenantStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DemoTenantStartError';
  }
}

async function loadOrCreateSmsKey(dataDir: string): Promise<string> {
  const path = join(dataDir, 'sms-access-key.txt');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64');
  await mkdir(dataDir, { recursive: true });
  await writeFile(`${path}.${process.pid}.tmp`, key, { mode: 0o600 });
  await rename(`${path}.${process.pid}.tmp`, path);
  return key;
}

export async function startDemoTenant(options: DemoTenantOptions): Promise<DemoTenant> {
  if (!options.dataDir) throw new DemoTenantStartError('startDemoTenant needs a dataDir for its CA and keys');
  // Private before anything is written into it: the CA, server, token and SMS keys all live here.
  await ensurePrivateDataDir(options.dataDir);
  const [tls, smsKey] = await Promise.all([loadOrCreateTls(options.dataDir), loadOrCreateSmsKey(options.dataDir)]);
  const dir =
    options.directory ??
    createDemoDirectory({
      ...(options.users !== undefined ? { users: options.users } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.premium !== undefined ? { premium: options.premium } : {}),
      ...(options.writeback !== undefined ? { writeback: options.writeback } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
      ...(options.freezeClock !== undefined ? { freezeClock: options.freezeClock } : {}),
    });
  const knobs = new KnobStore({
    ...(options.knobs ?? {}),
    ...(options.withheldScopes ? { withheldScopes: options.withheldScopes } : {}),
  });
  const cloud: Cloud = options.cloud ?? 'global';
  const registrationConsent = options.consentedScopes ?? DEFAULT_CONSENTED_SCOPES;
  const router = new Router();
  const pagesRouter = new Router();
  // The pipelines need the ports (issuer, Graph base URL, pages origin), which listening decides;
  // routes are mounted right after, and a request arriving in between gets a 503 "starting".
  let stopping: Promise<void> | undefined;
  const api: Endpoint = { origin: 'https://127.0.0.1' };
  const pagesEndpoint: Endpoint = { origin: 'http://127.0.0.1' };
  const server = createHttpsServer(
    { cert: tls.serverCertPem, key: tls.serverKeyPem, keepAlive: true },
    requestHandler(api, 'https'),
  );
  const pagesServer = createHttpServer({ keepAlive: true }, requestHandler(pagesEndpoint, 'pages'));
  const stopServers = (): Promise<void> => Promise.all([closeServer(server), closeServer(pagesServer)]).then(() => {});
  let port: number;
  let pagesPort: number;
  try {
    port = await listenOnLoopback(server, options.port ?? 0);
    pagesPort = await listenOnLoopback(pagesServer, options.pagesPort ?? 0);
  } catch (err) {
    const which = server.listening ? `pages port ${options.pagesPort ?? 0}` : `port ${options.port ?? 0}`;
    // Do not leave a half-started tenant holding a port.
    await stopServers().catch(() => undefined);
    throw new DemoTenantStartError(`The demo tenant could not listen on 127.0.0.1 (${which})`, { cause: err });
  }
  const origin = `https://127.0.0.1:${port}`;
  const pagesOrigin = `http://127.0.0.1:${pagesPort}`;
  api.origin = origin;
  pagesEndpoint.origin = pagesOrigin;
  const tenantId = dir.tenant.tenantId;
  const clientId = DEMO_CLIENT_ID;
  const graphBaseUrl = `${origin}/v1.0`;
  let tokens: TokenService;
  try {
    tokens = await TokenService.create({
      dataDir: options.dataDir,
      issuer: `${origin}/${tenantId}/v2.0`,
      tenantId,
      now: () => dir.now().getTime(),
      ...(options.accessTokenLifetimeSeconds !== undefined
        ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds }
        : {}),
    });
  } catch (err) {
    await stopServers().catch(() => undefined);
    throw new DemoTenantStartError(`The demo tenant could not load its token signing key from ${options.dataDir}`, {
      cause: err,
    });
  }
  const entra: EntraDeps = {
    dir,
    tokens,
    state: new EntraState(() => dir.now().getTime()),
    origin,
    pagesOrigin,
    tenantId,
    clientId,
    // Read on every token request, so withholding consent takes effect at once.
    get consentedScopes() {
      return effectiveConsent(registrationConsent, knobs.get().withheldScopes);
    },
    deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? 5,
    deviceCodeLifetimeSeconds: 900,
    extraRedirectUris: options.redirectUris ?? [],
  };
  // Microsoft's documented limits per app per tenant (rules/throttling.ts), on unless the knob says off.
  const limits = new DocumentedThrottle({ tenantId, tenantUsers: () => dir.users.length, settings: () => knobs.get() });
  const throttleItem = (item: GraphRequest): GraphResponse | undefined => {
    const knob = knobs.throttle();
    if (knob) return knob;
    const verdict = limits.check({ ...item, clientId: item.caller.clientId });
    if (!verdict.limited) return undefined;
    knobs.countDocumentedThrottle();
    return verdict.response;
  };
  const graph = {
    tokens,
    knobs,
    limits,
    handler: createGraphHandler(dir, {
      graphBaseUrl,
      knobs: () => knobs.get(),
      throttle: throttleItem,
      cloud,
    }),
  };
  const agents: DemoAgentAccount[] = dir.agents.map((a) => ({ upn: a.upn, password: a.password, roles: [...a.roles] }));
  const home = (ctx: RequestContext): Promise<void> => {
    sendHtml(ctx, 200, homePage({ authority: `${origin}/${tenantId}`, graphBaseUrl, pagesOrigin, agents }));
    return Promise.resolve();
  };
  mountEntraApi(router, entra);
  mountEntraPages(router, entra);
  router
    .add('*', /^\/v1\.0(\/.*)$/, (ctx) => serveGraph(graph, ctx, ctx.params[0] ?? '/'))
    .add('POST', /^\/sms$/, (ctx) => handleSms({ accessKey: smsKey, dir }, ctx))
    .add('*', /^\/demo\/(outbox|knobs)$/, (ctx) => handleDemoRoutes({ tokens, knobs, dir }, ctx))
    .add('GET', /^\/$/, home);
  let workspace: DemoWorkspace;
  try {
    workspace = new DemoWorkspace(tenantId, {
      file: options.monitorWorkspaceFile ?? null,
      ...(options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {}),
    });
  } catch (err) {
    await stopServers().catch(() => undefined);
    throw new DemoTenantStartError(
      `The demo tenant could not open its Azure Monitor workspace file ${options.monitorWorkspaceFile ?? ''}`,
      { cause: err },
    );
  }
  const monitor = mountMonitor(router, { tokens, tenantId, origin, workspace });
  mountEntraPages(pagesRouter, entra);
  pagesRouter.add('GET', /^\/$/, home);

  api.pipeline = createPipeline(router, knobs, {
    onRequest: (ctx) => {
      const path = ctx.url.pathname;
      if (path === '/v1.0' || path.startsWith('/v1.0/')) knobs.countGraphHttpRequest();
    },
    unmatched: (ctx, methodMismatch) => {
      const path = ctx.url.pathname;
      if (methodMismatch)
        return sendGraphError(
          ctx,
          405,
          'Request_BadRequest',
          `The HTTP method '${ctx.method}' is not allowed on ${path}.`,
        );
      if (path.startsWith('/beta/'))
        return sendGraphError(ctx, 400, 'BadRequest', 'Invalid version: beta. The demo tenant serves v1.0 only.');
      return sendGraphError(ctx, 404, 'NotFound', `No resource at ${path}.`);
    },
  });
  const guard = pagesGuard(pagesPort);
  pagesEndpoint.pipeline = createPipeline(pagesRouter, knobs, {
    refuse: (ctx) => refuseOnPagesOrigin(guard, pagesRouter, ctx),
    // refuse() already answered every path the pages router does not serve.
    unmatched: (ctx) => sendGraphError(ctx, 404, 'NotFound', `No resource at ${ctx.url.pathname}.`),
  });

  return {
    origin,
    pagesOrigin,
    authority: `${origin}/${tenantId}`,
    graphBaseUrl,
    smsEndpoint: `${origin}/`,
    smsConnectionString: `endpoint=${origin}/;accesskey=${smsKey}`,
    smsFromNumber: DEMO_SMS_FROM,
    tenantId,
    clientId,
    cloud,
    caCertPem: tls.caCertPem,
    caCertPath: tls.caCertPath,
    spkiSha256: tls.spkiSha256,
    msal: msalAuthorityConfig(origin, pagesOrigin, tenantId),
    outbox: {
      list: (filter) =>
        dir.outbox
          .filter(
            (m) =>
              (!filter?.kind || m.kind === filter.kind) &&
              (!filter?.to || m.to.toLowerCase() === filter.to.toLowerCase()),
          )
          .map((m) => ({ ...m })),
    },
    directory: dir,
    knobs: { get: () => knobs.get(), set: (p) => knobs.set(p), stats: () => knobs.stats() },
    agents,
    monitor,
    // Idempotent: a test's afterAll and a CLI signal may both stop it.
    stop: () => (stopping ??= stopServers().finally(() => workspace.close())),
  };
}
