// Which SMS provider applies to the tenant in use, and why: decided once, here, both for what sends a
// code or a password (the sender) and for what Settings shows (the view). The demo tenant always uses
// its own ACS-shaped endpoint; a real tenant uses the Azure Communication Services resource a policy
// administrator configured for it, or none (also when its memory-only access key is gone).
import type Database from 'better-sqlite3';
import type { SmsSettingsView } from '../../../shared/settings';
import type { AgentSession } from '../auth/session';
import { endpointHost } from '../settings/acsEndpoint';
import { getTenantSettings } from '../settings/settings';
import type { SmsProviderSettings, SmsSettingsStore } from '../settings/smsSettings';
import type { DemoEndpoints } from '../tenant/connection';
import { AcsSmsSender, type AcsSmsOptions, type SmsSender } from './sms';

/** What the choice is made from. */
export interface SmsProviderFacts {
  /** The data in use is the demo tenant's (its settings say so). */
  demoMode: boolean;
  /** The connected demo tenant's endpoint and CA; null while it is not connected (or outside demo mode). */
  demo: Pick<DemoEndpoints, 'smsConnectionString' | 'smsFromNumber' | 'caCertPem'> | null;
  /** The tenant's ACS resource, null when none is configured or its access key is gone. */
  stored: SmsProviderSettings | null;
  /** The tenant's configured sender number, kept even when its access key is gone. */
  storedFromNumber: string | null;
}

/** The provider that applies, what Settings may show of it (nothing secret), and why it applies. */
interface SmsProvider {
  mode: SmsSettingsView['mode'];
  /** What a text message is sent with; null when nothing can send one. */
  config: AcsSmsOptions | null;
  endpointHost: string | null;
  fromNumber: string | null;
  /** A sender number is configured but its access key must be entered again. */
  keyMissing: boolean;
  reason: string;
}

/** The demo tenant's own endpoint, trusting its CA for that client only; null until it is connected. */
function demoConfig(demo: SmsProviderFacts['demo']): AcsSmsOptions | null {
  if (!demo?.smsConnectionString || !demo.smsFromNumber) return null;
  return { connectionString: demo.smsConnectionString, fromNumber: demo.smsFromNumber, caPem: demo.caCertPem };
}

/** The SMS provider that applies to the tenant in use, and why (the one place this is decided). */
export function smsProvider(facts: SmsProviderFacts): SmsProvider {
  if (facts.demoMode) {
    const config = demoConfig(facts.demo);
    return {
      mode: 'demo',
      config,
      endpointHost: facts.demo?.smsConnectionString ? endpointHost(facts.demo.smsConnectionString) : null,
      fromNumber: facts.demo?.smsFromNumber ?? null,
      keyMissing: false,
      reason: config
        ? 'The demo tenant sends text messages through its own endpoint.'
        : 'The demo tenant is not connected, so no text message can be sent yet.',
    };
  }
  const stored = facts.stored;
  if (stored)
    return {
      mode: 'acs',
      config: { connectionString: stored.connectionString, fromNumber: stored.fromNumber },
      endpointHost: endpointHost(stored.connectionString),
      fromNumber: stored.fromNumber,
      keyMissing: false,
      reason: 'A policy administrator configured an Azure Communication Services resource for this tenant.',
    };
  // A sender number without its key: the key was memory-only and the app restarted, or the keychain changed.
  const keyMissing = facts.storedFromNumber !== null;
  return {
    mode: 'none',
    config: null,
    endpointHost: null,
    fromNumber: facts.storedFromNumber,
    keyMissing,
    reason: keyMissing
      ? 'The access key of this tenant’s SMS provider is gone (kept in memory only, or the keychain changed): enter the connection string again.'
      : 'No SMS provider is configured for this tenant.',
  };
}

interface TenantSmsOptions {
  /** The data in use: its tenant settings say whether this is the demo tenant. */
  db: Database.Database;
  session: Pick<AgentSession, 'demoTenant'>;
  settings: SmsSettingsStore;
  /** Replaces the sender the provider would give (tests that want a failing provider). */
  override?: SmsSender | undefined;
}

/** The tenant's SMS provider, read now: its sender (one client per configuration) and its Settings view. */
export class TenantSms {
  private cache: { key: string; sender: SmsSender } | null = null;

  constructor(private readonly options: TenantSmsOptions) {}

  provider(): SmsProvider {
    const { db, session, settings } = this.options;
    const demoMode = getTenantSettings(db).cloud === 'demo';
    return smsProvider({
      demoMode,
      demo: demoMode ? session.demoTenant() : null,
      stored: demoMode ? null : settings.get(),
      storedFromNumber: demoMode ? null : settings.fromNumber(),
    });
  }

  /** What sends a text message for this tenant, or null when nothing can. */
  sender(): SmsSender | null {
    if (this.options.override) return this.options.override;
    const config = this.provider().config;
    if (!config) return null;
    const key = `${config.connectionString}|${config.fromNumber}`;
    if (this.cache?.key !== key) this.cache = { key, sender: new AcsSmsSender(config) };
    return this.cache.sender;
  }

  view(): SmsSettingsView {
    const p = this.provider();
    return {
      mode: p.mode,
      endpointHost: p.endpointHost,
      fromNumber: p.fromNumber,
      keyStorage: p.mode === 'demo' ? null : this.options.settings.keyStorage,
      keyMissing: p.keyMissing,
    };
  }
}
