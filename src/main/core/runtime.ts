// The composition root both hosts share: open the store, migrate it, build the router.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo, HostKind, TenantMode } from '../../shared/contract';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './host/router';
import { createLogger } from './log';
import { closeDatabase, migrate, openDatabase } from './store';

const log = createLogger('runtime');

export const DATABASE_FILE = 'resetline.sqlite';

export interface RuntimeOptions {
  dataDir: string;
  host: HostKind;
  version: string;
  tenantMode?: TenantMode;
  /** Path to a better-sqlite3 binary built for Electron's ABI (see scripts/rebuild-electron.mjs). */
  nativeBinding?: string;
}

export interface Runtime {
  router: Router;
  db: Database.Database;
  info: AppInfo;
  close(): void;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, DATABASE_FILE);
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const migration = migrate(db, file);
    if (migration.from !== migration.to) log.info('database migrated', { ...migration });
    const info: AppInfo = {
      name: 'Resetline',
      version: options.version,
      dataFolder: options.dataDir,
      tenantMode: options.tenantMode ?? 'demo',
      host: options.host,
      schemaVersion: migration.to,
    };
    return { router: createRouter(createHandlers({ db, info })), db, info, close: () => closeDatabase(db) };
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
}
