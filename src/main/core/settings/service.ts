// Every write of Resetline's settings, each with its settings.changed audit row, in one place: the
// tenant selection (first-run set-up, or a policy administrator signed in to the configured tenant; a
// refusal is audited too), and the tenant's verification policy, SMS provider and recorded SSPR policy
// (policy administrators only), and forwarding to Azure Monitor Logs (policy administrators; its row is
// written before the change applies). A row names who changed what on which tenant, never a secret's value.
import type Database from 'better-sqlite3';
import type { AuditOutcome } from '../../../shared/audit';
import type { SignedInAgent } from '../../../shared/auth';
import type { ForwardingConfig } from '../../../shared/forwarding';
import { ResetlineError } from '../../../shared/result';
import type { SsprRecord, SsprRecordInputValue, TenantSettings, VerificationPolicy } from '../../../shared/settings';
import { appendAuditEvent } from '../audit';
import type { AgentSession } from '../auth/session';
import { endpointHost } from './acsEndpoint';
import { requirePolicyAdmin, requireTenantAdmin } from './admins';
import {
  currentTenantKey,
  getTenantSettings,
  getVerificationPolicy,
  isFirstRun,
  recordSignIn,
  setForwardingChoice,
  setSsprRecord,
  setTenantSettings,
  setVerificationPolicy,
  tenantKeyOf,
} from './settings';
import type { SmsSettingsStore } from './smsSettings';

type Detail = Record<string, string | number | boolean | null>;

/**
 * What a forwarding change needs of the current tenant's forwarding (forwarding/tenant.ts
 * `TenantForwarding`, which reads its choice from settings.ts): described here, so core/settings never
 * imports core/forwarding.
 */
export interface ForwardingTarget {
  /** What it forwards to now (null: off). */
  effective(): { config: ForwardingConfig | null };
  /** The demo tenant's own workspace, kept as "the default" rather than as an address. */
  isDemoDefault(config: ForwardingConfig): boolean;
  /** Follows the stored choice (restarts or stops the forwarder). */
  sync(): Promise<void>;
}

interface SettingsServiceOptions {
  /** The current tenant's data: its per-tenant settings and audit trail. */
  db: Database.Database;
  /** Where the tenant selection and the record of sign-ins live (the same database outside demo mode). */
  settingsDb: Database.Database;
  session: AgentSession;
  /** The tenant's SMS provider, its access key sealed or in memory (smsSettings.ts). */
  smsSettings: SmsSettingsStore;
  /** The current tenant's forwarding (forwarding/tenant.ts): what it forwards to, restarted on a change. */
  forwarding?: ForwardingTarget;
}

/** Who did a tenant-settings act: the signed-in agent, or nobody ('local') during first-run set-up. */
function actorOf(session: AgentSession): SignedInAgent | null {
  const state = session.state();
  return state.status === 'signed-in' ? state.agent : null;
}

/** The app registration a tenant setting names (none for the demo tenant). */
function clientIdOf(t: TenantSettings): string | null {
  return t.cloud === 'demo' ? null : t.clientId.toLowerCase();
}

export class SettingsService {
  constructor(private readonly options: SettingsServiceOptions) {}

  /** Remembers that someone signed in to the configured tenant (first-run set-up ends there). */
  noteSignIn(): void {
    const { session, settingsDb } = this.options;
    const now = session.state();
    if (now.status === 'signed-in' && tenantKeyOf(now.tenant) === currentTenantKey(settingsDb))
      recordSignIn(settingsDb, tenantKeyOf(now.tenant), now.agent.userPrincipalName);
  }

  /**
   * Chooses the tenant: first-run set-up (settings.ts isFirstRun, audited as such) or a policy
   * administrator's act, signed in to the tenant configured now. `changed`: another tenant or app
   * registration, so the caller must drop every call and the session.
   */
  setTenant(tenant: TenantSettings): { tenant: TenantSettings; changed: boolean } {
    const { settingsDb, session } = this.options;
    this.noteSignIn();
    const before = getTenantSettings(settingsDb);
    const changed = JSON.stringify(tenant) !== JSON.stringify(before);
    const firstRun = isFirstRun(settingsDb);
    const detail = {
      fromTenant: tenantKeyOf(before),
      toTenant: tenantKeyOf(tenant),
      appRegistrationChanged: clientIdOf(before) !== clientIdOf(tenant),
      firstRun,
    };
    // Saving the tenant in use again changes nothing (first-run set-up aside, which it ends).
    if (!changed && !firstRun) return { tenant: before, changed };
    let agent = actorOf(session);
    if (!firstRun) {
      try {
        agent = requireTenantAdmin(session, currentTenantKey(settingsDb), 'the tenant');
      } catch (error) {
        this.recordTenantChange(agent, 'refused', detail);
        throw error;
      }
    }
    setTenantSettings(settingsDb, tenant);
    this.recordTenantChange(agent, 'success', detail);
    return { tenant: getTenantSettings(settingsDb), changed };
  }

  setVerificationPolicy(policy: VerificationPolicy): VerificationPolicy {
    const agent = requirePolicyAdmin(this.options.session, 'the verification policy');
    setVerificationPolicy(this.options.db, policy);
    this.recordTenantSetting(agent, 'verification-policy', {
      requiredChecks: policy.requiredChecks,
      allowedTypes: policy.allowedTypes.join(','),
      maxAttempts: policy.maxAttempts,
      digits: policy.codeLength,
      mailbox: policy.mailFrom,
    });
    return getVerificationPolicy(this.options.db);
  }

  /** The tenant's ACS resource; without a connection string the stored access key is kept. */
  setSmsProvider(input: { connectionString?: string | undefined; fromNumber: string }): void {
    const { session, smsSettings } = this.options;
    const agent = requirePolicyAdmin(session, 'the SMS provider');
    const next = input.connectionString ?? smsSettings.get()?.connectionString;
    if (!next)
      throw new ResetlineError(
        'invalid_input',
        'connectionString: paste the Azure Communication Services connection string.',
      );
    smsSettings.set({ connectionString: next, fromNumber: input.fromNumber });
    this.recordTenantSetting(agent, 'sms', {
      endpointHost: endpointHost(next),
      fromNumber: input.fromNumber,
      keyChanged: input.connectionString !== undefined,
    });
  }

  /**
   * Forwarding to Azure Monitor Logs: a destination, or null for off. The settings.changed row is written
   * first (no row, no change), then the choice is kept and the running forwarder follows it. In demo mode,
   * the demo tenant's own workspace is kept as "the default", which follows the demo tenant's address.
   */
  async setForwarding(config: ForwardingConfig | null): Promise<void> {
    const { db, session, forwarding } = this.options;
    const agent = requirePolicyAdmin(session, 'forwarding to Azure Monitor');
    const before = forwarding?.effective().config ?? null;
    this.recordTenantSetting(agent, 'forwarding', {
      on: config !== null,
      wasOn: before !== null,
      endpointHost: config ? new URL(config.ingestionEndpoint).host : null,
      dcrImmutableId: config?.dcrImmutableId ?? null,
      streamName: config?.streamName ?? null,
      workspaceId: config?.workspaceId ?? null,
    });
    const demoDefault = config !== null && forwarding?.isDemoDefault(config) === true;
    setForwardingChoice(db, demoDefault ? 'default' : config, agent.userPrincipalName);
    await forwarding?.sync();
  }

  /** The tenant's SSPR policy as an administrator records it (Graph cannot read it). */
  setSsprRecord(input: SsprRecordInputValue): SsprRecord {
    const agent = requirePolicyAdmin(this.options.session, 'the recorded SSPR policy');
    const record = setSsprRecord(this.options.db, input, agent.userPrincipalName);
    this.recordTenantSetting(agent, 'sspr-policy', {
      methodsRequired: record.methodsRequired,
      enabledFor: record.enabledFor,
    });
    return record;
  }

  /** A change to one of the current tenant's own settings, in that tenant's trail, naming the tenant. */
  private recordTenantSetting(agent: SignedInAgent, setting: string, detail: Detail): void {
    const db = this.options.db;
    this.audit([db], agent, 'success', { setting, tenant: currentTenantKey(db), ...detail });
  }

  /**
   * Every tenant switch (and refused attempt) is audited in the store that holds the selection and,
   * when it differs, in the current tenant's own trail too.
   */
  private recordTenantChange(agent: SignedInAgent | null, outcome: 'success' | 'refused', detail: Detail): void {
    this.audit([this.options.settingsDb, this.options.db], agent, outcome, { setting: 'tenant', ...detail });
  }

  /** The one settings.changed row, written to each distinct trail. */
  private audit(
    dbs: readonly Database.Database[],
    agent: SignedInAgent | null,
    outcome: AuditOutcome,
    detail: Detail,
  ): void {
    for (const target of new Set(dbs))
      appendAuditEvent(target, {
        agentUpn: agent?.userPrincipalName ?? 'local',
        agentId: agent?.id ?? null,
        action: 'settings.changed',
        outcome,
        detail,
      });
  }
}
