// The ACS connection string holds an access key: it must never sit in the database file in plaintext.
// The keychain sealer here is an AES-GCM stand-in for Electron's safeStorage (which needs the Electron
// binary): the store under test is ours, the sealer is the seam the app fills.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, migrate, openDatabase } from '../../../src/main/core/store';
import { SmsSettingsStore } from '../../../src/main/core/settings/smsSettings';
import { aesSealer } from '../../support/aesSealer';
import { tempDir } from '../store/tempDb';

const ACCESS_KEY = Buffer.alloc(32, 7).toString('base64');
const SETTINGS = {
  connectionString: `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${ACCESS_KEY}`,
  fromNumber: '+18005550100',
};

describe('SMS provider settings', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  function fileDb() {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const open = () => {
      const d = openDatabase(file);
      migrate(d, file);
      return d;
    };
    const db = open();
    let closed = false;
    disposers.unshift(() => {
      if (!closed) closeDatabase(db);
    });
    /** Every byte SQLite keeps for this database: the file, its WAL and its journal. */
    const bytesOnDisk = () =>
      ['', '-wal', '-journal']
        .map((suffix) => `${file}${suffix}`)
        .filter(existsSync)
        .map((f) => readFileSync(f).toString('latin1'))
        .join('');
    const reopen = () => {
      closeDatabase(db);
      closed = true;
      const again = open();
      disposers.unshift(() => closeDatabase(again));
      return again;
    };
    return { db, bytesOnDisk, reopen };
  }

  it('seals the key with the keychain: never on disk in plaintext, readable after a restart', () => {
    const sealer = aesSealer();
    const { db, bytesOnDisk, reopen } = fileDb();
    const store = new SmsSettingsStore(db, sealer);
    store.set(SETTINGS);
    expect(store.keyStorage).toBe('keychain');
    expect(store.get()).toEqual(SETTINGS);
    expect(bytesOnDisk()).not.toContain(ACCESS_KEY);
    expect(bytesOnDisk()).not.toContain('accesskey');
    expect(new SmsSettingsStore(reopen(), sealer).get()).toEqual(SETTINGS);
  });

  it('without a keychain keeps the key in memory only: after a restart the number stays, the key must be re-entered', () => {
    const { db, bytesOnDisk, reopen } = fileDb();
    const store = new SmsSettingsStore(db);
    store.set(SETTINGS);
    expect(store.keyStorage).toBe('memory');
    expect(store.get()).toEqual(SETTINGS);
    expect(bytesOnDisk()).not.toContain(ACCESS_KEY);
    const restarted = new SmsSettingsStore(reopen());
    expect(restarted.get()).toBeNull();
    expect(restarted.fromNumber()).toBe(SETTINGS.fromNumber);
  });

  it('moves a plaintext record left by an older release out of the file', () => {
    const sealer = aesSealer();
    const { db, bytesOnDisk, reopen } = fileDb();
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('sms', ?, 1)").run(JSON.stringify(SETTINGS));
    expect(bytesOnDisk()).toContain(ACCESS_KEY);
    const store = new SmsSettingsStore(db, sealer);
    expect(store.get()).toEqual(SETTINGS);
    expect(bytesOnDisk()).not.toContain(ACCESS_KEY);
    expect(new SmsSettingsStore(reopen(), sealer).get()).toEqual(SETTINGS);
  });

  it('treats a key the keychain cannot unseal (another OS user) as missing rather than failing', () => {
    const { db } = fileDb();
    new SmsSettingsStore(db, aesSealer()).set(SETTINGS);
    const other = new SmsSettingsStore(db, aesSealer());
    expect(other.get()).toBeNull();
    expect(other.fromNumber()).toBe(SETTINGS.fromNumber);
  });
});
