// The channel handlers, written once against the contract and mounted by both transports.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../../shared/contract';
import { appendAuditEvent, AuditExports } from '../audit';
import type { AgentSession } from '../auth/session';
import type { CacheEncryptor } from '../auth/tokenCache';
import { CallerCore, type CallerCoreOptions } from '../call/core';
import { getCaller, searchUsers } from '../graph/users';
import type { Handlers } from '../host/router';
import type { PolicyService } from '../policy/service';
import { RegistrationService } from '../registration';
import { getSsprRecord, getTenantSettings, setSsprRecord, setTenantSettings } from '../settings/settings';
import { permissionCheck } from '../settings/permissionCheck';
import { createCallerHandlers } from './caller';
import { SmsSettingsStore } from '../verify/smsSettings';
import { createHistoryHandlers } from './history';
import { requirePolicyAdmin } from './policyAdmin';
import { createRegistrationHandlers } from './registration';

export interface HandlerDeps {
  db: Database.Database;
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

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, session } = deps;
  const core = new CallerCore({
    db,
    session,
    policy: deps.policy,
    smsSettings: new SmsSettingsStore(db, deps.secretSealer),
    ...deps.caller,
  });
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
      signIn: () => session.signIn('interactive'),
      signInDeviceCode: () => session.signIn('device-code'),
      cancelSignIn: () => session.cancelSignIn(),
      signOut: () => {
        // Open calls and their secrets belong to the agent who opened them.
        core.calls.dropAll();
        return session.signOut();
      },
      getSession: () => session.state(),
    },
    settings: {
      get: () => ({ tenant: getTenantSettings(db) }),
      update: async ({ tenant }) => {
        const before = JSON.stringify(getTenantSettings(db));
        setTenantSettings(db, tenant);
        // Another tenant (or app registration) means another identity: never carry a session across.
        if (JSON.stringify(tenant) !== before) {
          core.calls.dropAll();
          await session.reset();
        }
        return { tenant: getTenantSettings(db) };
      },
      getSspr: () => ({ record: getSsprRecord(db) }),
      setSspr: (input) => {
        const agent = requirePolicyAdmin(session, 'the recorded SSPR policy');
        const record = setSsprRecord(db, input, agent.userPrincipalName);
        appendAuditEvent(db, {
          agentUpn: agent.userPrincipalName,
          agentId: agent.id,
          action: 'settings.changed',
          outcome: 'success',
          detail: { setting: 'sspr-policy', methodsRequired: record.methodsRequired, enabledFor: record.enabledFor },
        });
        return { record };
      },
      getPermissionCheck: () => permissionCheck(session.signedInAgent(), session.graphCloud()),
    },
    users: {
      search: ({ text }) => searchUsers(session.graph(), text),
      getCaller: ({ id }) => getCaller(session.graph(), id, { cloud: session.graphCloud() }),
    },
    policy: {
      get: () => deps.policy.get(),
      refresh: () => deps.policy.refreshAndGet(),
    },
  };
}
