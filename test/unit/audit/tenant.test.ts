// Audit rows carry the tenant they were written under, inside the row's hash;
// rows written before migration 0070 have none and keep verifying in the old format.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendAuditEvent,
  appendAuditEvents,
  AUDIT_KEY_FILE,
  auditTenantKey,
  configureAuditTrail,
  verifyAuditChain,
  verifyAuditChainAsync,
} from '../../../src/main/core/audit';
import { DEMO_DATA_FOLDER, createRuntime } from '../../../src/main/core/runtime';
import {
  closeDatabase,
  LATEST_SCHEMA_VERSION,
  migrate,
  openDatabase,
  type Database,
} from '../../../src/main/core/store';
import { tempDb, tempDir } from '../store/tempDb';
import { sampleEvent, sampleEvents } from './events';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

const TENANT = 'global:6f1b1c1e-0000-4000-8000-00000000abcd';

function trail(): Database {
  const t = tempDb();
  disposers.push(t.dispose);
  configureAuditTrail(t.db, { tenant: () => TENANT });
  return t.db;
}

const tenants = (db: Database): (string | null)[] =>
  db.prepare('SELECT tenant FROM audit_events ORDER BY id').pluck().all() as (string | null)[];

function tamper(db: Database, sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_events_no_update');
  db.prepare(sql).run(...params);
}

describe('audit rows carry the tenant', () => {
  it('from the source registered for the database; an explicit tenant wins', () => {
    const db = trail();
    appendAuditEvent(db, sampleEvent(0));
    appendAuditEvents(db, [sampleEvent(1), sampleEvent(2, { tenant: 'demo' })]);
    expect(tenants(db)).toEqual([TENANT, TENANT, 'demo']);
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 3 });
  });

  it.each([
    ['changed to another tenant', 'UPDATE audit_events SET tenant = ? WHERE id = 4', 'demo'],
    [
      'cleared (made to look like a row from before the tenant existed)',
      'UPDATE audit_events SET tenant = NULL WHERE id = 4',
    ],
    ['changed in letter case only', 'UPDATE audit_events SET tenant = upper(tenant) WHERE id = 4'],
  ])('a tenant %s breaks the chain at that row', async (_name, sql, ...params) => {
    const db = trail();
    appendAuditEvents(db, sampleEvents(8));
    tamper(db, sql, ...params);
    const result = verifyAuditChain(db);
    expect(result).toMatchObject({ intact: false, firstBrokenId: 4 });
    expect(await verifyAuditChainAsync(db, { chunkRows: 3 })).toEqual(result);
  });

  it('refuses an empty or oversized tenant instead of storing it', () => {
    const db = trail();
    expect(() => appendAuditEvent(db, sampleEvent(0, { tenant: ' ' }))).toThrow(/tenant/);
    expect(() => appendAuditEvent(db, sampleEvent(0, { tenant: 'x'.repeat(201) }))).toThrow(/tenant/);
    expect(tenants(db)).toEqual([]);
  });

  it('is "demo" or "<cloud>:<tenant id in lower case>"', () => {
    expect(auditTenantKey({ cloud: 'demo' })).toBe('demo');
    expect(
      auditTenantKey({
        cloud: 'usgov',
        tenantId: 'Contoso.onMicrosoft.com',
        clientId: '00000000-0000-0000-0000-000000000001',
      }),
    ).toBe('usgov:contoso.onmicrosoft.com');
  });
});

describe('rows from before migration 0070', () => {
  it('keep verifying after it, next to new rows with a tenant, and a tenant set on one breaks it', () => {
    const { dir, dispose } = tempDir();
    disposers.push(dispose);
    const file = join(dir, 'old.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 60 });
    appendAuditEvents(db, sampleEvents(30));
    const before = db.prepare('SELECT id, hash FROM audit_events ORDER BY id').all();

    expect(migrate(db, file)).toMatchObject({ from: 60, to: LATEST_SCHEMA_VERSION });
    expect(db.prepare('SELECT id, hash FROM audit_events ORDER BY id').all()).toEqual(before);
    configureAuditTrail(db, { tenant: () => 'demo' });
    appendAuditEvents(db, sampleEvents(20));
    expect(tenants(db)).toEqual([...Array<null>(30).fill(null), ...Array<string>(20).fill('demo')]);
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 50 });

    tamper(db, "UPDATE audit_events SET tenant = 'demo' WHERE id = 17");
    expect(verifyAuditChain(db)).toMatchObject({ intact: false, firstBrokenId: 17 });
  });
});

describe('the runtime', () => {
  it('stamps the selected tenant on rows and signs checkpoints with a key beside the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'resetline-audit-tenant-'));
    const runtime = createRuntime({ dataDir, host: 'browser', version: '0.0.0-test' });
    try {
      appendAuditEvents(runtime.db, sampleEvents(3));
      expect(tenants(runtime.db)).toEqual(['demo', 'demo', 'demo']);
      expect(existsSync(join(dataDir, DEMO_DATA_FOLDER, AUDIT_KEY_FILE))).toBe(true);
      expect(verifyAuditChain(runtime.db)).toEqual({ intact: true, rowsChecked: 3, signing: 'active' });
      appendAuditEvents(runtime.db, sampleEvents(2));
    } finally {
      const db = runtime.db;
      await runtime.close();
      // Closing signed the head: the two rows after the last check are covered too.
      const reopened = openDatabase(join(dataDir, DEMO_DATA_FOLDER, 'resetline.sqlite'));
      try {
        expect(reopened.prepare('SELECT max(row_id) FROM audit_checkpoints').pluck().get()).toBe(5);
      } finally {
        closeDatabase(reopened);
        expect(db.open).toBe(false);
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  });
});
