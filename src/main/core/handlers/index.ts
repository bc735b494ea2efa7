// The channel handlers, written once against the contract and mounted by both transports.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { SignedInAgent } from '../../../shared/auth';
import type { AppInfo } from '../../../shared/contract';
import type { TenantSettings } from '../../../shared/settings';
import { appendAuditEvent, AuditExports } from '../audit';
import type { AgentSession } from '../auth/session';
import type { CacheEncryptor } from '../auth/tokenCache';
import { CallerCore, type CallerCoreOptions } from '../call/core';
import { getCaller, searchUsers } from '../graph/users';
import type { Handlers } from '../host/router';
import type { PolicyService } from '../policy/service';
import { RegistrationService } from '../registration';
import {
  currentTenantKey,
  getSsprRecord,
  getTenantSettings,
  isFirstRun,
  recordSignIn,
  setSsprRecord,
  setTenantSettings,
  tenantKeyOf,
} from '../settings/settings';
import { permissionCheck } from '../settings/permissionCheck';
import { createCallerHandlers } from './caller';
import { endpointHost } from '../verify/sms';
import { SmsSettingsStore } from '../verify/smsSettings';
import { createHistoryHandlers } from './history';
import { requirePolicyAdmin, requireTenantAdmin } from './policyAdmin';
import { createRegistrationHandlers } from './registration';
import { guardAll, requireAgent } from './guards';

export interface HandlerDeps {
  /** The current tenant's data: audit trail, caches, its per-tenant settings. */
  db: Database.Database;
  /**
   * Where the tenant selection and the record of sign-ins live: the real tenant's store, which the
   * demo tenant's own data folder never replaces. The same database as `db` outside demo mode.
   */
  settingsDb?: Database.Database;
  info: () => AppInfo;
  session: AgentSession;
  policy: PolicyService;
  /** CSV exports; by default files wait in <data folder>/exports for a browser-host download. */
  exports?: AuditExports;
  /** Caller-flow options tests set: a clock, an SMS sender, how long to follow a synced reset. */
  caller?: Pick<CallerCoreOptions, 'clock' | 'smsSender' | 'syncedWaitMs'>;
  /** Seals secrets kept in settings (the ACS access key) with the OS keychain; without it they stay in memory. */
  secretSealer?: CacheEncryptor;
}

/** Who did a tenant-settings act: the signed-in agent, or 'local' during first-run set-up. */
function actorOf(session: AgentSession): SignedInAgent | null {
  const state = session.state();
  return state.status === 'signed-in' ? state.agent : null;
}

/** The app registration a tenant setting names (none for the demo tenant). */
function clientIdOf(t: TenantSettings): string | null {
  return t.cloud === 'demo' ? null : t.clientId.toLowerCase();
}

/**
 * Every tenant switch (and refused attempt) is audited in the store that holds the selection and,
 * when it differs, in the current tenant's own trail too.
 */
function recordTenantChange(
  dbs: readonly Database.Database[],
  agent: SignedInAgent | null,
  outcome: 'success' | 'refused',
  detail: Record<string, string | boolean>,
): void {
  for (const target of new Set(dbs))
    appendAuditEvent(target, {
      agentUpn: agent?.userPrincipalName ?? 'local',
      agentId: agent?.id ?? null,
      action: 'settings.changed',
      outcome,
      detail: { setting: 'tenant', ...detail },
    });
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, session } = deps;
  const settingsDb = deps.settingsDb ?? db;
  const core = new CallerCore({
    db,
    session,
    policy: deps.policy,
    smsSettings: new SmsSettingsStore(db, deps.secretSealer, () => {
      const demo = session.demoTenant();
      return {
        cloud: session.graphCloud(),
        endpointHost: demo?.smsConnectionString ? endpointHost(demo.smsConnectionString) : null,
      };
    }),
    ...deps.caller,
  });
  /** Remembers that someone signed in to the configured tenant (first-run set-up ends there). */
  const noteSignIn = <T>(state: T): T => {
    const now = session.state();
    if (now.status === 'signed-in' && tenantKeyOf(now.tenant) === currentTenantKey(settingsDb))
      recordSignIn(settingsDb, tenantKeyOf(now.tenant), now.agent.userPrincipalName);
    return state;
  };
  const signedIn = () => requireAgent(session);
  // One job runner for History's and the registration exports (one set of download tokens).
  const exports = deps.exports ?? new AuditExports({ db, dir: join(deps.info().dataFolder, 'exports') });
  return {
    ...createCallerHandlers(core),
    ...createRegistrationHandlers({
      service: new RegistrationService({ db, session, policy: deps.policy }),
      exports,
    }),
    ...createHistoryHandlers({
      db,
      session,
      exports,
    }),
    app: {
      getInfo: () => deps.info(),
    },
    auth: {
      signIn: async () => noteSignIn(await session.signIn('interactive')),
      signInDeviceCode: async () => noteSignIn(await session.signIn('device-code')),
      cancelSignIn: () => session.cancelSignIn(),
      signOut: () => {
        // Open calls and their secrets belong to the agent who opened them.
        core.calls.dropAll();
        return session.signOut();
      },
      getSession: () => noteSignIn(session.state()),
    },
    settings: {
      get: () => ({ tenant: getTenantSettings(settingsDb) }),
      // Choosing the tenant is first-run set-up (settings/settings.ts isFirstRun, audited as such) or
      // a policy administrator's act, signed in to the tenant configured now.
      update: async ({ tenant }) => {
        noteSignIn(null);
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
        if (!changed && !firstRun) return { tenant: before };
        let agent = actorOf(session);
        if (!firstRun) {
          try {
            agent = requireTenantAdmin(session, currentTenantKey(settingsDb), 'the tenant');
          } catch (error) {
            recordTenantChange([settingsDb, db], agent, 'refused', detail);
            throw error;
          }
        }
        setTenantSettings(settingsDb, tenant);
        recordTenantChange([settingsDb, db], agent, 'success', detail);
        // Another tenant (or app registration) means another identity: never carry a session across.
        if (changed) {
          core.calls.dropAll();
          await session.reset();
        }
        return { tenant: getTenantSettings(settingsDb) };
      },
      // The tenant's recorded SSPR policy is tenant data: a signed-in agent only (guards.ts).
      getSspr: () => {
        signedIn();
        return { record: getSsprRecord(db) };
      },
      setSspr: (input) => {
        const agent = requirePolicyAdmin(session, 'the recorded SSPR policy');
        const record = setSsprRecord(db, input, agent.userPrincipalName);
        appendAuditEvent(db, {
          agentUpn: agent.userPrincipalName,
          agentId: agent.id,
          action: 'settings.changed',
          outcome: 'success',
          detail: {
            setting: 'sspr-policy',
            tenant: currentTenantKey(db),
            methodsRequired: record.methodsRequired,
            enabledFor: record.enabledFor,
          },
        });
        return { record };
      },
      getPermissionCheck: () => permissionCheck(session.signedInAgent(), session.graphCloud()),
    },
    // Reads of the tenant, cached policy included: a signed-in agent only (guards.ts).
    users: guardAll(signedIn, {
      search: ({ text }) => searchUsers(session.graph(), text),
      getCaller: ({ id }) => getCaller(session.graph(), id, { cloud: session.graphCloud() }),
    }),
    policy: guardAll(signedIn, {
      get: () => deps.policy.get(),
      refresh: () => deps.policy.refreshAndGet(),
    }),
  };
}
