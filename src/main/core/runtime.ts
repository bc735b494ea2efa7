// The composition root both hosts share: open the store, migrate it, wire the session and the router.
// The demo tenant keeps its own data folder (<data>/demo): its audit trail and caches never mix with
// a real tenant's. The tenant selection stays in <data>/resetline.sqlite, the real tenant's store, and
// the router answers each request with the handlers of the tenant selected at that moment. Each tenant's
// data forwards its audit trail to Azure Monitor Logs while an agent is signed in to it (forwarding/tenant.ts);
// in demo mode by default to the demo tenant's workspace, kept in a file both demo desks of this PC share.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo, HostKind } from '../../shared/contract';
import type { ForwardingConfig } from '../../shared/forwarding';
import { fail, ResetlineError } from '../../shared/result';
import type { DemoTenant } from '../../demo-tenant/server';
import { AUDIT_KEY_FILE, AuditKey, auditTenantKey, checkpointAuditTrail, configureAuditTrail } from './audit';
import { AgentSession } from './auth/session';
import { TokenCacheFile, type CacheEncryptor } from './auth/tokenCache';
import { closeCallsLeftOpen } from './call/leftOpen';
import { ExportFiles } from './exports';
import { deskName, TenantForwarding } from './forwarding/tenant';
import { createHandlers } from './handlers';
import { createEventBus, type EventBus } from './host/events';
import { buildServices } from './services';
import { createRouter, type Router } from './host/router';
import { createLogger } from './log';
import { PolicyService } from './policy/service';
import { adoptLegacySettings, getTenantSettings } from './settings/settings';
import { closeDatabase, migrate, openDatabase } from './store';

const log = createLogger('runtime');

export const DATABASE_FILE = 'resetline.sqlite';
/** The demo tenant's own data folder, under the data folder. */
export const DEMO_DATA_FOLDER = 'demo';
/** The demo workspace's rows, shared by every demo instance on this PC so a team lead sees every desk. */
export const DEMO_WORKSPACE_FILE = join(tmpdir(), 'resetline-demo-workspace.sqlite');

export interface RuntimeOptions {
  dataDir: string;
  host: HostKind;
  version: string;
  /** Path to a better-sqlite3 binary built for Electron's ABI (see scripts/rebuild-electron.mjs). */
  nativeBinding?: string;
  /** Encrypts the MSAL token cache at rest (Electron's safeStorage). Without it, tokens stay in memory. */
  cacheEncryptor?: CacheEncryptor;
  /** Opens the sign-in page in the system browser (Electron). The browser host leaves it to the page. */
  openBrowser?: (url: string) => Promise<void>;
  /** Options for the built-in demo tenant (tests use a small seed). */
  demoTenant?: {
    users?: number;
    seed?: number;
    /** The national cloud the demo tenant stands in for (default global). */
    cloud?: 'global' | 'usgov' | 'dod' | 'china';
    /** Delegated permissions the demo app registration was never granted ("an admin never consented to X"). */
    withheldScopes?: string[];
    /** Scales the demo tenant's documented throttling windows (tests; 1 = as documented). */
    knobs?: { throttlingTimeScale?: number };
    /** The demo workspace's SQLite file (default DEMO_WORKSPACE_FILE, shared); null keeps its rows in memory. */
    monitorWorkspaceFile?: string | null;
  };
  /** How often a forwarder looks for new audit rows once caught up (ms; default 5 s; tests shorten it). */
  forwardingPollMs?: number;
  /** Scales the app's reports budget window to match (tests only; 1 = as documented). */
  graphTimeScale?: number;
  onGraphRequest?: (method: string, url: string) => void;
  /** Electron: asks where to save a CSV export (dialog.showSaveDialog). Without it: a download token. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
}

export interface Runtime {
  router: Router;
  /** The data database of the tenant selected now (in demo mode: <data>/demo/resetline.sqlite). */
  readonly db: Database.Database;
  /** The database holding the tenant selection and the record of sign-ins (<data>/resetline.sqlite). */
  settingsDb: Database.Database;
  session: AgentSession;
  /** Events for the renderer (a job's progress): Electron's window and the browser host's streams subscribe. */
  events: EventBus;
  /** CSV exports' files, whichever tenant's folder they wait in (the browser host serves their downloads). */
  exports: Pick<ExportFiles, 'takeDownload'>;
  info(): AppInfo;
  /** The in-process demo tenant, once started (demo mode only). */
  demoTenant(): DemoTenant | undefined;
  close(): Promise<void>;
}

type DataMode = 'demo' | 'tenant';

/** One tenant mode's data: its database, its export folder and the handlers working on them. */
interface TenantData {
  db: Database.Database;
  exports: ExportFiles;
  router: Router;
  /** Forwarding this data's audit trail to Azure Monitor Logs while an agent is signed in to it. */
  forwarding: TenantForwarding;
}

/** The demo tenant's own workspace as a forwarding destination (the demo serves the global cloud's audiences). */
function demoDestination(tenant: DemoTenant | undefined): ForwardingConfig | null {
  if (!tenant || tenant.cloud !== 'global') return null;
  const m = tenant.monitor;
  return {
    ingestionEndpoint: m.ingestionEndpoint,
    dcrImmutableId: m.dcrImmutableId,
    streamName: m.streamName,
    workspaceId: m.workspaceId,
  };
}

function openStore(file: string, options: RuntimeOptions): Database.Database {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const migration = migrate(db, file);
    if (migration.from !== migration.to) log.info('database migrated', { file, ...migration });
    return db;
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const file = join(options.dataDir, DATABASE_FILE);
  const settingsDb = openStore(file, options);
  const data = new Map<DataMode, TenantData>();
  let demo: Promise<DemoTenant> | undefined;
  let demoStarted: DemoTenant | undefined;
  try {
    adoptLegacySettings(settingsDb);
    const schemaVersion = settingsDb.pragma('user_version', { simple: true }) as number;
    // Loaded on first use only: a real tenant never pays for the demo server's code.
    const startDemo = () =>
      (demo ??= import('../../demo-tenant/server')
        .then(({ startDemoTenant }) =>
          startDemoTenant({
            dataDir: join(options.dataDir, 'demo-tenant'),
            ...options.demoTenant,
            monitorWorkspaceFile:
              options.demoTenant?.monitorWorkspaceFile === undefined
                ? DEMO_WORKSPACE_FILE
                : options.demoTenant.monitorWorkspaceFile,
            ...(options.nativeBinding ? { sqliteNativeBinding: options.nativeBinding } : {}),
          }),
        )
        .then((tenant) => {
          demoStarted = tenant;
          return tenant;
        }));
    const session = new AgentSession({
      settings: () => getTenantSettings(settingsDb),
      startDemo,
      openBrowser: options.openBrowser ?? (() => Promise.resolve()),
      ...(options.onGraphRequest ? { onGraphRequest: options.onGraphRequest } : {}),
      ...(options.graphTimeScale ? { graphTimeScale: options.graphTimeScale } : {}),
      ...(options.cacheEncryptor
        ? {
            cacheFile: (connection) => {
              const key = createHash('sha256')
                .update(`${connection.authority}|${connection.clientId}`)
                .digest('hex')
                .slice(0, 16);
              return new TokenCacheFile(join(options.dataDir, `token-cache-${key}.bin`), options.cacheEncryptor!);
            },
          }
        : {}),
    });
    // One bus for every tenant's jobs; a stream open for one agent ends when they sign out or another signs in.
    const events = createEventBus();
    session.onAgentChange(() => events.endStreams());
    // The sign-in screen follows the session by this event (a link to open, a code to type, the end),
    // sent only when what auth:get-session answers has changed.
    let lastSession = '';
    session.onStateChange(() => {
      const state = session.state();
      const key = JSON.stringify(state);
      if (key === lastSession) return;
      lastSession = key;
      events.publish('auth:session', { status: state.status });
    });
    const mode = (): DataMode => (getTenantSettings(settingsDb).cloud === 'demo' ? 'demo' : 'tenant');
    const info = (): AppInfo => ({
      name: 'Resetline',
      version: options.version,
      dataFolder: options.dataDir,
      tenantMode: mode(),
      host: options.host,
      schemaVersion,
    });
    /** The selected tenant's data, opened (and migrated) the first time that mode is used. */
    const current = (): TenantData => {
      const m = mode();
      let found = data.get(m);
      if (!found) {
        const folder = m === 'demo' ? join(options.dataDir, DEMO_DATA_FOLDER) : options.dataDir;
        const db = m === 'demo' ? openStore(join(folder, DATABASE_FILE), options) : settingsDb;
        // Audit rows carry the tenant; checkpoints are signed with this folder's key (docs/adr/0004-audit-trail.md).
        configureAuditTrail(db, {
          tenant: () => auditTenantKey(getTenantSettings(settingsDb)),
          key: new AuditKey(join(folder, AUDIT_KEY_FILE), options.cacheEncryptor),
        });
        // Calls a crash or quit left open: nothing of them survives in memory, so each is closed now.
        try {
          closeCallsLeftOpen(db);
        } catch (error) {
          log.error('calls left open by the last run could not be closed', { error });
        }
        const exports = new ExportFiles({
          dir: join(folder, 'exports'),
          ...(options.chooseExportPath ? { chooseExportPath: options.chooseExportPath } : {}),
        });
        const forwarding = new TenantForwarding({
          db,
          session,
          desk: deskName(folder),
          isCurrent: () => mode() === m,
          ...(options.forwardingPollMs !== undefined ? { pollMs: options.forwardingPollMs } : {}),
          ...(m === 'demo' ? { demoDestination: () => demoDestination(demoStarted) } : {}),
        });
        const handlers = createHandlers(
          buildServices({
            db,
            settingsDb,
            info,
            session,
            policy: new PolicyService(db, session),
            exports,
            forwarding,
            events,
            ...(options.cacheEncryptor ? { secretSealer: options.cacheEncryptor } : {}),
          }),
        );
        found = { db, exports, router: createRouter(handlers), forwarding };
        data.set(m, found);
        forwarding.attach();
      }
      return found;
    };
    const router: Router = {
      channelNames: current().router.channelNames,
      dispatch: (channelName, rawInput, ctx) => {
        let target: TenantData;
        try {
          target = current();
        } catch (error) {
          log.error('could not open the selected tenant’s data', { error });
          return Promise.resolve(
            error instanceof ResetlineError
              ? fail(error.code, error.message)
              : fail('internal', 'Resetline could not open this tenant’s data folder. Details are in the log.'),
          );
        }
        return target.router.dispatch(channelName, rawInput, ctx);
      },
    };
    return {
      router,
      get db() {
        return current().db;
      },
      settingsDb,
      session,
      events,
      exports: {
        takeDownload: (token) => {
          for (const d of data.values()) {
            const file = d.exports.takeDownload(token);
            if (file) return file;
          }
          return null;
        },
      },
      info,
      demoTenant: () => demoStarted,
      close: async () => {
        // Closing is not signing out: a persisted (encrypted) sign-in survives a restart.
        session.cancelSignIn();
        events.endStreams();
        await Promise.all([...data.values()].map((d) => d.forwarding.close()));
        for (const d of data.values()) d.exports.dispose();
        for (const d of data.values()) checkpointAuditTrail(d.db);
        if (demo) await (await demo).stop();
        for (const d of data.values()) if (d.db !== settingsDb) closeDatabase(d.db);
        closeDatabase(settingsDb);
      },
    };
  } catch (error) {
    for (const d of data.values()) if (d.db !== settingsDb) closeDatabase(d.db);
    closeDatabase(settingsDb);
    throw error;
  }
}
