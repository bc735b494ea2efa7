// The channel handlers, written once against the contract and mounted by both transports; and the
// per-tenant wiring runtime.ts asks for: each service built here, once, given only what it needs.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../../shared/contract';
import { AuditExports } from '../audit';
import type { AgentSession } from '../auth/session';
import type { CacheEncryptor } from '../auth/tokenCache';
import { CallAudit } from '../call/audit';
import type { CallerCore, CallerOptions } from '../call/core';
import { closeForgottenCall } from '../call/service';
import { sessionCalls, SIGNED_OUT_REASON, TENANT_CHANGED_REASON } from '../call/state';
import { getCaller, searchUsers } from '../graph/users';
import type { Handlers } from '../host/router';
import type { PolicyService } from '../policy/service';
import { RegistrationService } from '../registration';
import { permissionCheck } from '../settings/permissionCheck';
import { SettingsService } from '../settings/service';
import { getSsprRecord, getTenantSettings } from '../settings/settings';
import { VerificationRules } from '../verify/rules';
import { endpointHost } from '../verify/sms';
import { TenantSms } from '../verify/smsProvider';
import { SmsSettingsStore } from '../verify/smsSettings';
import { createCallerHandlers } from './caller';
import { createHistoryHandlers } from './history';
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
  caller?: CallerOptions;
  /** Seals secrets kept in settings (the ACS access key) with the OS keychain; without it they stay in memory. */
  secretSealer?: CacheEncryptor;
}

/** The tenant's SMS settings: its access key sealed by `sealer` (or in memory), its ACS host checked for its cloud. */
function smsSettingsOf(db: Database.Database, session: AgentSession, sealer?: CacheEncryptor): SmsSettingsStore {
  return new SmsSettingsStore(db, sealer, () => {
    const demo = session.demoTenant();
    return {
      cloud: session.graphCloud(),
      endpointHost: demo?.smsConnectionString ? endpointHost(demo.smsConnectionString) : null,
    };
  });
}

/** The caller flow's parts, each given only what it needs. */
function callerCore(deps: HandlerDeps, sms: TenantSms): CallerCore {
  const { db, session } = deps;
  const clock = deps.caller?.clock ?? Date.now;
  const rules = new VerificationRules({ db, session, clock, smsAvailable: () => sms.sender() !== null });
  const core: CallerCore = {
    session,
    policy: deps.policy,
    calls: sessionCalls(session),
    clock,
    syncedWaitMs: deps.caller?.syncedWaitMs ?? 20_000,
    rules,
    sms,
    audit: new CallAudit(db, (call) => rules.required(call).required),
  };
  // A call forgotten unfinished (sign-out, another tenant) is closed in the trail, with why.
  core.calls.onForget((call, reason) => closeForgottenCall(core, call, reason));
  return core;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, session } = deps;
  const settingsDb = deps.settingsDb ?? db;
  const smsSettings = smsSettingsOf(db, session, deps.secretSealer);
  const core = callerCore(
    deps,
    new TenantSms({ db, session, settings: smsSettings, override: deps.caller?.smsSender }),
  );
  const settings = new SettingsService({ db, settingsDb, session, smsSettings });
  const noteSignIn = <T>(state: T): T => {
    settings.noteSignIn();
    return state;
  };
  const signedIn = () => requireAgent(session);
  // One job runner for History's and the registration exports (one set of download tokens).
  const exports = deps.exports ?? new AuditExports({ db, dir: join(deps.info().dataFolder, 'exports') });
  return {
    ...createCallerHandlers({ core, settings, db }),
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
        core.calls.dropAll(SIGNED_OUT_REASON);
        return session.signOut();
      },
      getSession: () => noteSignIn(session.state()),
    },
    settings: {
      get: () => ({ tenant: getTenantSettings(settingsDb) }),
      // Choosing the tenant is first-run set-up (settings/settings.ts isFirstRun, audited as such) or
      // a policy administrator's act, signed in to the tenant configured now.
      update: async ({ tenant }) => {
        const saved = settings.setTenant(tenant);
        // Another tenant (or app registration) means another identity: never carry a session across.
        if (saved.changed) {
          core.calls.dropAll(TENANT_CHANGED_REASON);
          await session.reset();
        }
        return { tenant: saved.tenant };
      },
      // The tenant's recorded SSPR policy is tenant data: a signed-in agent only (guards.ts).
      getSspr: () => {
        signedIn();
        return { record: getSsprRecord(db) };
      },
      setSspr: (input) => ({ record: settings.setSsprRecord(input) }),
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
