// The Azure Communication Services settings. The connection string carries the resource's access key,
// so it is a secret: sealed with the OS keychain (Electron's safeStorage, the same sealer as the token
// cache) before it touches the database, or kept in memory only when no sealer exists (the browser
// host), exactly as the MSAL token cache is. The sender number and the endpoint host are not secret.
// Kept per tenant (another tenant has another provider), and only an ACS host of the tenant's cloud.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { GraphCloud } from '../../../shared/settings';
import type { CacheEncryptor } from '../auth/tokenCache';
import { createLogger } from '../log';
import { requireAcsEndpoint } from './acsEndpoint';
import { currentTenantKey, getTenantSettings, perTenantKey } from './settings';

const log = createLogger('sms-settings');

/** Where releases up to 0.1 kept the whole connection string in plaintext; moved out on open. */
const LEGACY_KEY = 'sms';

const Stored = z
  .object({
    fromNumber: z.string().min(1),
    /** The connection string sealed by the keychain, base64; null: held in memory for this run only. */
    sealed: z.string().min(1).nullable(),
  })
  .strict();

const Legacy = z.object({ connectionString: z.string().min(1), fromNumber: z.string().min(1) }).strict();

export interface SmsProviderSettings {
  connectionString: string;
  fromNumber: string;
}

/** Where the access key lives: sealed on disk, or only in this process (re-enter it after a restart). */
type KeyStorage = 'keychain' | 'memory';

/** In demo mode: the cloud the demo tenant stands in for, and its own SMS endpoint host (taken there only). */
interface DemoSms {
  cloud: GraphCloud;
  endpointHost: string | null;
}

export class SmsSettingsStore {
  /** Memory-only access keys, per tenant key. */
  private readonly memoryKeys = new Map<string, string>();

  constructor(
    private readonly db: Database.Database,
    private readonly sealer?: CacheEncryptor,
    private readonly demo: () => DemoSms = () => ({ cloud: 'global', endpointHost: null }),
  ) {
    this.moveLegacyPlaintext();
  }

  get keyStorage(): KeyStorage {
    return this.sealer ? 'keychain' : 'memory';
  }

  /** The provider, or null when none is configured or its key is gone (memory-only, after a restart). */
  get(): SmsProviderSettings | null {
    const stored = this.read();
    if (!stored) return null;
    const connectionString =
      stored.sealed === null ? (this.memoryKeys.get(currentTenantKey(this.db)) ?? null) : this.unseal(stored.sealed);
    return connectionString === null ? null : { connectionString, fromNumber: stored.fromNumber };
  }

  /** The sender number even when the key must be entered again. */
  fromNumber(): string | null {
    return this.read()?.fromNumber ?? null;
  }

  /** Stores the configured tenant's provider; refuses an endpoint that is not an ACS host of its cloud. */
  set(settings: SmsProviderSettings): void {
    this.requireAcsHost(settings.connectionString);
    let sealed: string | null = null;
    if (this.sealer) sealed = this.sealer.encrypt(settings.connectionString).toString('base64');
    else this.memoryKeys.set(currentTenantKey(this.db), settings.connectionString);
    this.write(perTenantKey(this.db, 'sms-provider'), { fromNumber: settings.fromNumber, sealed });
  }

  /** The endpoint's host when it is an ACS resource of the configured tenant's cloud (demo: its own too). */
  requireAcsHost(connectionString: string): string {
    const tenant = getTenantSettings(this.db);
    if (tenant.cloud !== 'demo') return requireAcsEndpoint(connectionString, tenant.cloud);
    const demo = this.demo();
    return requireAcsEndpoint(connectionString, demo.cloud, demo.endpointHost);
  }

  private read(): z.output<typeof Stored> | null {
    const key = perTenantKey(this.db, 'sms-provider');
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return null;
    const parsed = Stored.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data;
    log.warn('stored SMS settings no longer valid; treating SMS as not configured');
    return null;
  }

  private unseal(sealed: string): string | null {
    try {
      return this.sealer ? this.sealer.decrypt(Buffer.from(sealed, 'base64')) : null;
    } catch {
      // Another OS user or a reset keychain: the key is unreadable, so ask for it again.
      log.warn('the sealed SMS access key cannot be unsealed; enter the connection string again');
      return null;
    }
  }

  private write(key: string, value: unknown): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), Date.now());
  }

  /**
   * An older plaintext record is sealed (or held in memory) for the configured tenant and its row
   * deleted, then the freed pages wiped; one whose endpoint is not an ACS host is dropped.
   */
  private moveLegacyPlaintext(): void {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(LEGACY_KEY) as
      { value: string } | undefined;
    if (!row) return;
    const legacy = Legacy.safeParse(JSON.parse(row.value));
    this.db.transaction(() => {
      try {
        if (legacy.success) this.set(legacy.data);
      } catch {
        log.warn('dropped an older SMS provider whose endpoint is not an Azure Communication Services host');
      }
      this.db.prepare('DELETE FROM settings WHERE key = ?').run(LEGACY_KEY);
    })();
    // secure_delete zeroes the freed cells; a checkpoint and VACUUM leave no copy in the WAL or free pages.
    this.db.pragma('secure_delete = ON');
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    log.info('moved the SMS access key out of plaintext storage', { storage: this.keyStorage });
  }
}
