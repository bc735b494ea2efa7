import { describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../../src/main/core/audit';
import {
  adoptLegacySettings,
  getTenantSettings,
  isFirstRun,
  recordSignIn,
  setTenantSettings,
  tenantKeyOf,
} from '../../../src/main/core/settings/settings';
import { TenantSettingsInput } from '../../../src/shared/settings';
import { migratedDbs } from '../store/migratedDbs';

describe('tenant settings', () => {
  const db = migratedDbs();

  it('defaults to the demo tenant on first run', () => {
    expect(getTenantSettings(db())).toEqual({ cloud: 'demo' });
  });

  it('stores a real tenant and reads it back', () => {
    const d = db();
    const tenant = {
      cloud: 'usgov',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      clientId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
    } as const;
    setTenantSettings(d, tenant);
    expect(getTenantSettings(d)).toEqual(tenant);
  });

  it('falls back to the default when the stored value is no longer valid', () => {
    const d = db();
    d.prepare('INSERT INTO settings (key, value, updated_at) VALUES (\'tenant\', \'{"cloud":"mars"}\', 1)').run();
    expect(getTenantSettings(d)).toEqual({ cloud: 'demo' });
  });

  it('explains what is wrong with a tenant id or client id', () => {
    const bad = TenantSettingsInput.safeParse({ cloud: 'global', tenantId: 'not a tenant', clientId: 'nope' });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages).toContain(
      'tenantId: Enter the tenant id (a GUID) or a verified domain such as contoso.onmicrosoft.com.',
    );
    expect(messages).toContain('clientId: Enter the application (client) id of the app registration: a GUID.');
    expect(TenantSettingsInput.safeParse({ cloud: 'demo', tenantId: 'x' }).success).toBe(false);
  });

  describe('first-run set-up', () => {
    const contoso = {
      cloud: 'global',
      tenantId: 'Contoso.onmicrosoft.com',
      clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
    } as const;

    it('lasts while no tenant was saved, or nobody signed in to the one configured', () => {
      const d = db();
      expect(isFirstRun(d)).toBe(true);
      recordSignIn(d, 'demo', 'admin@demo');
      expect(isFirstRun(d)).toBe(true); // the demo default was never saved
      setTenantSettings(d, { cloud: 'demo' });
      expect(isFirstRun(d)).toBe(false);
      setTenantSettings(d, contoso);
      expect(isFirstRun(d)).toBe(true); // a mistyped tenant can still be corrected
      recordSignIn(d, tenantKeyOf(contoso), 'admin@contoso.onmicrosoft.com');
      expect(tenantKeyOf(contoso)).toBe('global:contoso.onmicrosoft.com');
      expect(isFirstRun(d)).toBe(false);
    });

    it('does not reopen on upgrade for an install whose history names a signed-in agent', () => {
      const d = db();
      d.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('tenant', ?, 1)").run(JSON.stringify(contoso));
      appendAuditEvent(d, {
        agentUpn: 'admin@contoso.onmicrosoft.com',
        agentId: '11111111-2222-4333-8444-555555555555',
        action: 'settings.changed',
        outcome: 'success',
        detail: { setting: 'sspr-policy' },
      });
      adoptLegacySettings(d);
      expect(isFirstRun(d)).toBe(false);
    });
  });
});
