// The composition root both hosts share: open the store, migrate it, wire the session and the router.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo, HostKind } from '../../shared/contract';
import type { DemoTenant } from '../../demo-tenant/server';
import { AuditExports } from './audit';
import { AgentSession } from './auth/session';
import { TokenCacheFile, type CacheEncryptor } from './auth/tokenCache';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './host/router';
import { createLogger } from './log';
import { PolicyService } from './policy/service';
import { getTenantSettings } from './settings/settings';
import { closeDatabase, migrate, openDatabase } from './store';

const log = createLogger('runtime');

export const DATABASE_FILE = 'resetline.sqlite';

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
  };
  /** Scales the app's reports budget window to match (tests only; 1 = as documented). */
  graphTimeScale?: number;
  onGraphRequest?: (method: string, url: string) => void;
  /** Electron: asks where to save a CSV export (dialog.showSaveDialog). Without it: a download token. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
}

export interface Runtime {
  router: Router;
  db: Database.Database;
  session: AgentSession;
  /** History's CSV exports (the browser host serves their downloads). */
  exports: AuditExports;
  info(): AppInfo;
  /** The in-process demo tenant, once started (demo mode only). */
  demoTenant(): DemoTenant | undefined;
  close(): Promise<void>;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  let demo: Promise<DemoTenant> | undefined;
  let demoStarted: DemoTenant | undefined;
  try {
    const migration = migrate(db, file);
    if (migration.from !== migration.to) log.info('database migrated', { ...migration });
    // Loaded on first use only: a real tenant never pays for the demo server's code.
    const startDemo = () =>
      (demo ??= import('../../demo-tenant/server')
        .then(({ startDemoTenant }) =>
          startDemoTenant({ dataDir: join(options.dataDir, 'demo-tenant'), ...options.demoTenant }),
        )
        .then((tenant) => {
          demoStarted = tenant;
          return tenant;
        }));
    const session = new AgentSession({
      settings: () => getTenantSettings(db),
      startDemo,
      openBrowser: options.openBrowser ?? (async () => undefined),
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
    const info = (): AppInfo => ({
      name: 'Resetline',
      version: options.version,
      dataFolder: options.dataDir,
      tenantMode: getTenantSettings(db).cloud === 'demo' ? 'demo' : 'tenant',
      host: options.host,
      schemaVersion: migration.to,
    });
    const exports = new AuditExports({
      db,
      dir: join(options.dataDir, 'exports'),
      ...(options.chooseExportPath ? { chooseExportPath: options.chooseExportPath } : {}),
    });
    return {
      router: createRouter(
        createHandlers({
          db,
          info,
          session,
          policy: new PolicyService(db, session),
          exports,
          ...(options.cacheEncryptor ? { secretSealer: options.cacheEncryptor } : {}),
        }),
      ),
      db,
      session,
      exports,
      info,
      demoTenant: () => demoStarted,
      close: async () => {
        // Closing is not signing out: a persisted (encrypted) sign-in survives a restart.
        session.cancelSignIn();
        exports.dispose();
        if (demo) await (await demo).stop();
        closeDatabase(db);
      },
    };
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
}
