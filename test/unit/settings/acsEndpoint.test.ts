// An SMS provider is an Azure Communication Services resource of the tenant's cloud, checked on the
// real settings store (real SQLite): other hosts, other clouds and the demo tenant's endpoint outside
// demo mode are refused, and nothing is stored.
import { describe, expect, it } from 'vitest';
import { setTenantSettings } from '../../../src/main/core/settings/settings';
import { requireAcsEndpoint } from '../../../src/main/core/settings/acsEndpoint';
import { SmsSettingsStore } from '../../../src/main/core/settings/smsSettings';
import { migratedDbs } from '../store/migratedDbs';

const KEY = Buffer.alloc(32, 4).toString('base64');
const conn = (endpoint: string) => `endpoint=${endpoint};accesskey=${KEY}`;

describe('requireAcsEndpoint', () => {
  it('takes each cloud’s ACS host and names it', () => {
    expect(requireAcsEndpoint(conn('https://contoso.communication.azure.com/'), 'global')).toBe(
      'contoso.communication.azure.com',
    );
    expect(requireAcsEndpoint(conn('https://gov-acs.communication.azure.us/'), 'usgov')).toBe(
      'gov-acs.communication.azure.us',
    );
    expect(requireAcsEndpoint(conn('https://dod-acs.communication.azure.us'), 'dod')).toBe(
      'dod-acs.communication.azure.us',
    );
    expect(requireAcsEndpoint(conn('https://cn-acs.communication.azure.cn/'), 'china')).toBe(
      'cn-acs.communication.azure.cn',
    );
  });

  for (const [endpoint, cloud] of [
    ['https://contoso.communication.azure.com/', 'usgov'],
    ['https://contoso.communication.azure.us/', 'china'],
    ['https://communication.azure.com/', 'global'],
    ['https://a.b.communication.azure.com/', 'global'],
    ['https://user:pw@contoso.communication.azure.com/', 'global'],
    ['https://contoso.communication.azure.com.evil.example/', 'global'],
    ['http://contoso.communication.azure.com/', 'global'],
    ['https://127.0.0.1:8443/', 'global'],
    ['not a url', 'global'],
  ] as const) {
    it(`refuses ${endpoint} in ${cloud}`, () => {
      expect(() => requireAcsEndpoint(conn(endpoint), cloud)).toThrow(
        /must be an Azure Communication Services resource/,
      );
    });
  }
});

describe('SmsSettingsStore', () => {
  const db = migratedDbs();

  it('takes the demo tenant’s own endpoint in demo mode only', () => {
    const d = db();
    const demoHost = '127.0.0.1:8443';
    const store = new SmsSettingsStore(d, undefined, () => ({ cloud: 'global', endpointHost: demoHost }));
    store.set({ connectionString: conn(`https://${demoHost}/`), fromNumber: '+18005550100' });
    expect(store.get()?.fromNumber).toBe('+18005550100');

    setTenantSettings(d, {
      cloud: 'global',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
    });
    expect(() => store.set({ connectionString: conn(`https://${demoHost}/`), fromNumber: '+18005550101' })).toThrow(
      /Microsoft Entra ID \(global\), https:\/\/<resource>\.communication\.azure\.com; 127\.0\.0\.1:8443 is not one/,
    );
    expect(store.get()).toBeNull();
  });

  it('drops an older plaintext provider whose endpoint is not an ACS host', () => {
    const d = db();
    d.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('sms', ?, 1)").run(
      JSON.stringify({ connectionString: conn('https://sms.evil.example/'), fromNumber: '+18005550100' }),
    );
    const store = new SmsSettingsStore(d);
    expect(store.get()).toBeNull();
    expect(d.prepare("SELECT key FROM settings WHERE key LIKE 'sms%'").all()).toEqual([]);
  });
});
