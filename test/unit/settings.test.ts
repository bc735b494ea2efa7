import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getTenantSettings, setTenantSettings } from '../../src/main/core/settings/settings';
import { closeDatabase, migrate, openDatabase } from '../../src/main/core/store';
import { TenantSettingsInput } from '../../src/shared/settings';
import { tempDir } from './store/tempDb';

describe('tenant settings', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  function db() {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'db.sqlite');
    const d = openDatabase(file);
    disposers.unshift(() => closeDatabase(d));
    migrate(d, file);
    return d;
  }

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
});
