// Seeds at version 20 (settings and audit rows) and checks 30: policy_cache appears, nothing else moves.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvents, verifyAuditChain } from '../../../../src/main/core/audit';
import { readPolicySnapshot, writePolicyError, writePolicyValue } from '../../../../src/main/core/policy/policyCache';
import { getTenantSettings, setTenantSettings } from '../../../../src/main/core/settings/settings';
import { closeDatabase, migrate, openDatabase } from '../../../../src/main/core/store';
import { sampleEvents } from '../../audit/events';
import { tempDir } from '../tempDb';

describe('migration 0030 policy cache', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  function at20() {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const db = openDatabase(file);
    disposers.unshift(() => closeDatabase(db));
    migrate(db, file, { to: 20 });
    return { db, file };
  }

  it('takes a version-20 database to 30 keeping settings and the audit chain', () => {
    const { db, file } = at20();
    appendAuditEvents(db, sampleEvents(10));
    setTenantSettings(db, {
      cloud: 'global',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '11111111-2222-3333-4444-555555555555',
    });

    const result = migrate(db, file, { to: 30 });
    expect(result).toMatchObject({ from: 20, to: 30 });
    expect(getTenantSettings(db)).toEqual({
      cloud: 'global',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '11111111-2222-3333-4444-555555555555',
    });
    expect(verifyAuditChain(db)).toEqual({ intact: true, rowsChecked: 10 });
  });

  it('keeps the last good value beside a later error, per tenant', () => {
    const { db, file } = at20();
    migrate(db, file, { to: 30 });
    const domains = [
      { id: 'contoso.com', isDefault: true, passwordValidityPeriodInDays: 90, passwordNotificationWindowInDays: 14 },
    ];
    writePolicyValue(db, 'global:a', 'domains', domains, Date.parse('2026-11-01T10:00:00Z'));
    writePolicyError(db, 'global:a', 'domains', 'network', 'Could not reach Microsoft Graph.');
    writePolicyError(db, 'global:a', 'tap', 'insufficient_role', 'No.');

    const a = readPolicySnapshot(db, 'global:a');
    expect(a.domains).toEqual({
      value: domains,
      fetchedAt: '2026-11-01T10:00:00.000Z',
      error: { code: 'network', message: 'Could not reach Microsoft Graph.' },
    });
    expect(a.tap).toEqual({ value: null, fetchedAt: null, error: { code: 'insufficient_role', message: 'No.' } });
    expect(readPolicySnapshot(db, 'global:b').domains).toEqual({ value: null, fetchedAt: null, error: null });

    writePolicyValue(db, 'global:a', 'domains', [], Date.parse('2026-11-02T10:00:00Z'));
    expect(readPolicySnapshot(db, 'global:a').domains).toMatchObject({ value: [], error: null });
    expect(() =>
      db.prepare("INSERT INTO policy_cache (tenant_key, part, value) VALUES ('x', 'y', 'nope')").run(),
    ).toThrow(/CHECK/);
  });
});
