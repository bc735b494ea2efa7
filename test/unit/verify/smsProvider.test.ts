// Which SMS provider applies, decided in one function for both the sender and the Settings view: the
// demo tenant's own endpoint, a configured ACS resource, one whose access key is gone, or none; and
// the tenant's provider read from real settings in SQLite, one client per configuration.
import { afterEach, describe, expect, it } from 'vitest';
import { setTenantSettings } from '../../../src/main/core/settings/settings';
import { AcsSmsSender } from '../../../src/main/core/verify/sms';
import { smsProvider, TenantSms, type SmsProviderFacts } from '../../../src/main/core/verify/smsProvider';
import { SmsSettingsStore } from '../../../src/main/core/settings/smsSettings';
import { aesSealer } from '../../support/aesSealer';
import { tempDb, type TempDb } from '../store/tempDb';

const KEY = Buffer.alloc(32, 5).toString('base64');
const ACS = {
  connectionString: `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${KEY}`,
  fromNumber: '+18005550100',
};
const DEMO = {
  smsConnectionString: `endpoint=https://127.0.0.1:4443/;accesskey=${KEY}`,
  smsFromNumber: '+18005550199',
  caCertPem: '-----BEGIN CERTIFICATE-----\ndemo\n-----END CERTIFICATE-----',
};
const REAL_TENANT: SmsProviderFacts = { demoMode: false, demo: null, stored: null, storedFromNumber: null };

describe('smsProvider', () => {
  it('gives the demo tenant its own endpoint, trusting its CA, whatever is stored', () => {
    const p = smsProvider({ demoMode: true, demo: DEMO, stored: ACS, storedFromNumber: ACS.fromNumber });
    expect(p).toMatchObject({
      mode: 'demo',
      config: { connectionString: DEMO.smsConnectionString, fromNumber: DEMO.smsFromNumber, caPem: DEMO.caCertPem },
      endpointHost: '127.0.0.1:4443',
      fromNumber: DEMO.smsFromNumber,
      keyMissing: false,
    });
    expect(p.reason).toContain('demo tenant');
  });

  it('sends nothing in demo mode while the demo tenant is not connected, and never falls back to a stored resource', () => {
    const p = smsProvider({ demoMode: true, demo: null, stored: ACS, storedFromNumber: ACS.fromNumber });
    expect(p).toMatchObject({ mode: 'demo', config: null, endpointHost: null, fromNumber: null, keyMissing: false });
    expect(p.reason).toContain('not connected');
  });

  it('uses the ACS resource configured for a real tenant, without its CA', () => {
    const p = smsProvider({ ...REAL_TENANT, stored: ACS, storedFromNumber: ACS.fromNumber });
    expect(p).toMatchObject({
      mode: 'acs',
      config: ACS,
      endpointHost: 'contoso-acs.communication.azure.com',
      fromNumber: ACS.fromNumber,
      keyMissing: false,
    });
    expect(p.config).not.toHaveProperty('caPem');
    expect(p.reason).toContain('Azure Communication Services');
  });

  it('says the key is missing when a sender number is kept without its access key', () => {
    const p = smsProvider({ ...REAL_TENANT, storedFromNumber: ACS.fromNumber });
    expect(p).toMatchObject({
      mode: 'none',
      config: null,
      endpointHost: null,
      fromNumber: ACS.fromNumber,
      keyMissing: true,
    });
    expect(p.reason).toContain('enter the connection string again');
  });

  it('has no provider for a real tenant with nothing configured', () => {
    const p = smsProvider(REAL_TENANT);
    expect(p).toMatchObject({ mode: 'none', config: null, endpointHost: null, fromNumber: null, keyMissing: false });
    expect(p.reason).toBe('No SMS provider is configured for this tenant.');
  });
});

describe('TenantSms', () => {
  let store: TempDb | undefined;
  afterEach(() => store?.dispose());

  function realTenant(): TempDb {
    store = tempDb();
    setTenantSettings(store.db, {
      cloud: 'global',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
    });
    return store;
  }
  const noDemo = { demoTenant: () => null };

  it('sends and shows the same provider: the configured resource, one client while it is unchanged', () => {
    const { db } = realTenant();
    const settings = new SmsSettingsStore(db, aesSealer());
    const sms = new TenantSms({ db, session: noDemo, settings });
    expect(sms.sender()).toBeNull();
    expect(sms.view()).toEqual({
      mode: 'none',
      endpointHost: null,
      fromNumber: null,
      keyStorage: 'keychain',
      keyMissing: false,
    });
    settings.set(ACS);
    const sender = sms.sender();
    expect(sender).toBeInstanceOf(AcsSmsSender);
    expect(sms.sender()).toBe(sender);
    expect(sms.view()).toEqual({
      mode: 'acs',
      endpointHost: 'contoso-acs.communication.azure.com',
      fromNumber: ACS.fromNumber,
      keyStorage: 'keychain',
      keyMissing: false,
    });
    settings.set({ ...ACS, fromNumber: '+18005550101' });
    expect(sms.sender()).not.toBe(sender);
  });

  it('offers no sender once a memory-only key is gone (a restart), and says so in Settings', () => {
    const { db } = realTenant();
    new SmsSettingsStore(db).set(ACS);
    const afterRestart = new TenantSms({ db, session: noDemo, settings: new SmsSettingsStore(db) });
    expect(afterRestart.sender()).toBeNull();
    expect(afterRestart.view()).toEqual({
      mode: 'none',
      endpointHost: null,
      fromNumber: ACS.fromNumber,
      keyStorage: 'memory',
      keyMissing: true,
    });
  });

  it('shows the demo tenant in demo mode with no key storage, and no sender until it is connected', () => {
    store = tempDb();
    const sms = new TenantSms({ db: store.db, session: noDemo, settings: new SmsSettingsStore(store.db) });
    expect(sms.view()).toEqual({
      mode: 'demo',
      endpointHost: null,
      fromNumber: null,
      keyStorage: null,
      keyMissing: false,
    });
    expect(sms.sender()).toBeNull();
  });
});
