// The SSPR policy an admin records in Resetline (Graph cannot read it): validated by the contract's
// schema, stored per configured tenant, and read back with when and by whom it was recorded.
import { describe, expect, it } from 'vitest';
import { getSsprRecord, setSsprRecord, setTenantSettings } from '../../../src/main/core/settings/settings';
import { contract } from '../../../src/shared/contract';
import { SsprRecordInput } from '../../../src/shared/settings';
import { migratedDbs } from '../store/migratedDbs';

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('recorded SSPR policy', () => {
  const db = migratedDbs();

  it('is unknown until someone records it, then reads back with who and when', () => {
    const d = db();
    expect(getSsprRecord(d)).toBeNull();
    const saved = setSsprRecord(d, { methodsRequired: 2, enabledFor: 'all' }, 'global.admin@contoso.com', NOW);
    expect(saved).toEqual({
      methodsRequired: 2,
      enabledFor: 'all',
      selectedGroup: '',
      recordedAt: '2026-11-24T12:00:00.000Z',
      recordedBy: 'global.admin@contoso.com',
    });
    expect(getSsprRecord(d)).toEqual(saved);
  });

  it('keeps the group only when SSPR is enabled for a selected group', () => {
    const d = db();
    expect(
      setSsprRecord(d, { methodsRequired: 1, enabledFor: 'selected', selectedGroup: ' SSPR pilot ' }, null, NOW),
    ).toMatchObject({ enabledFor: 'selected', selectedGroup: 'SSPR pilot' });
    expect(setSsprRecord(d, { methodsRequired: 1, enabledFor: 'none', selectedGroup: 'x' }, null, NOW)).toMatchObject({
      enabledFor: 'none',
      selectedGroup: '',
    });
  });

  it('refuses values the admin centre cannot hold', () => {
    expect(SsprRecordInput.safeParse({ methodsRequired: 3, enabledFor: 'all' }).success).toBe(false);
    expect(SsprRecordInput.safeParse({ methodsRequired: 1, enabledFor: 'some' }).success).toBe(false);
    expect(SsprRecordInput.safeParse({ methodsRequired: 1, enabledFor: 'all', extra: true }).success).toBe(false);
    const noGroup = SsprRecordInput.safeParse({ methodsRequired: 1, enabledFor: 'selected', selectedGroup: '  ' });
    expect(noGroup.success).toBe(false);
    expect(noGroup.error?.issues[0]).toMatchObject({
      path: ['selectedGroup'],
      message: 'Name the group SSPR is enabled for.',
    });
    // The channel parses with the same schema before main sees the input.
    expect(contract.settings.setSspr.input.safeParse({ methodsRequired: 2, enabledFor: 'all' }).success).toBe(true);
    expect(contract.settings.setSspr.input.safeParse({ methodsRequired: '2', enabledFor: 'all' }).success).toBe(false);
  });

  it('belongs to the configured tenant: another tenant starts unknown', () => {
    const d = db();
    setSsprRecord(d, { methodsRequired: 2, enabledFor: 'all' }, null, NOW);
    setTenantSettings(d, {
      cloud: 'global',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
    });
    expect(getSsprRecord(d)).toBeNull();
    setTenantSettings(d, { cloud: 'demo' });
    expect(getSsprRecord(d)).toMatchObject({ methodsRequired: 2 });
  });

  it('falls back to unknown when the stored value is no longer valid', () => {
    const d = db();
    d.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (\'sspr-policy:demo\', \'{"record":{"methodsRequired":5}}\', 1)',
    ).run();
    expect(getSsprRecord(d)).toBeNull();
  });
});
