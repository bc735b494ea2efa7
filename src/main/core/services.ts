// The per-tenant half of the composition root (runtime.ts is the other): each tenant's services, built
// once and given only what they need, from the tenant's store, the session and the policy cache that
// runtime.ts opens. Tests build the same services with fewer parts (test/support/callerHarness.ts).
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../shared/contract';
import { auditExportKind, CallAudit } from './audit';
import type { AgentSession } from './auth/session';
import type { CacheEncryptor } from './auth/tokenCache';
import type { CallerCore, Clock } from './call/core';
import { closeForgottenCall } from './call/service';
import { sessionCalls } from './call/state';
import { ExportFiles } from './exports';
import { TeamHistory } from './forwarding/team';
import { deskName, TenantForwarding } from './forwarding/tenant';
import { getTenantCountry } from './graph/organization';
import type { Services } from './handlers';
import { jobAuthorizer } from './handlers/jobs';
import { teamWorkspaceOf } from './handlers/team';
import type { EventBus } from './host/events';
import { JobRunner } from './jobs';
import { policyRefreshKind } from './policy/refreshJob';
import type { PolicyService } from './policy/service';
import { RegistrationService, registrationJobKinds } from './registration';
import { ssprRefreshKind } from './reports/ssprJob';
import { teamExportKind } from './reports/teamExport';
import { ResetService } from './reset/service';
import { passwordWritebackKind } from './reset/writebackJob';
import { endpointHost } from './settings/acsEndpoint';
import { SettingsService } from './settings/service';
import { SmsSettingsStore } from './settings/smsSettings';
import { TenantCountry } from './tenant/country';
import { DemoOutbox } from './verify/demoOutbox';
import { VerificationRules } from './verify/rules';
import { VerifyService } from './verify/service';
import type { SmsSender } from './verify/sms';
import { TenantSms } from './verify/smsProvider';
/** What tests may set for the caller flow. */
export interface CallerOptions {
  clock?: Clock;
  /** Replaces the SMS sender the tenant's provider gives (tests that want a failing provider). */
  smsSender?: SmsSender;
}

/** What one tenant's services are built from (runtime.ts opens them; tests build the same with fewer parts). */
export interface ServiceDeps {
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
  /** Where CSV exports go; by default files wait in <data folder>/exports for a browser-host download. */
  exports?: ExportFiles;
  /** Caller-flow options tests set: a clock, an SMS sender. */
  caller?: CallerOptions;
  /** Seals secrets kept in settings (the ACS access key) with the OS keychain; without it they stay in memory. */
  secretSealer?: CacheEncryptor;
  /** The tenant's forwarding to Azure Monitor Logs (runtime.ts runs it); without it, kept but never started. */
  forwarding?: TenantForwarding;
  /** Where jobs publish their progress for the renderer (runtime.ts: one bus both shells subscribe to). */
  events?: EventBus;
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

/** What the caller-flow services share; a call's audit rows count the checks the rules require. */
function callerCore(deps: ServiceDeps, clock: Clock, rules: VerificationRules): CallerCore {
  const { db, session } = deps;
  const core: CallerCore = {
    session,
    policy: deps.policy,
    calls: sessionCalls(session),
    clock,
    audit: new CallAudit(db, (call) => rules.required(call).required),
  };
  // A call forgotten unfinished (sign-out, another tenant) is closed in the trail, with why.
  core.calls.onForget((call, reason) => closeForgottenCall(core, call, reason));
  return core;
}

/** Builds one tenant's services, each once and given only what it needs: the app's one composition. */
export function buildServices(deps: ServiceDeps): Services {
  const { db, session } = deps;
  const settingsDb = deps.settingsDb ?? db;
  const smsSettings = smsSettingsOf(db, session, deps.secretSealer);
  // The caller flow: its shared parts, and verification's (its rules, the SMS provider) given to each service that uses them.
  const sms = new TenantSms({ db, session, settings: smsSettings, override: deps.caller?.smsSender });
  const clock = deps.caller?.clock ?? Date.now;
  const rules = new VerificationRules({ db, session, clock, smsAvailable: () => sms.sender() !== null });
  const core = callerCore(deps, clock, rules);
  const forwarding = deps.forwarding ?? new TenantForwarding({ db, session, desk: deskName(deps.info().dataFolder) });
  const settings = new SettingsService({ db, settingsDb, session, smsSettings, forwarding });
  const country = new TenantCountry(() => getTenantCountry(session.graph()));
  // One place export files go (one set of download tokens), one runner for every long-running job.
  const files = deps.exports ?? new ExportFiles({ dir: join(deps.info().dataFolder, 'exports') });
  const registration = new RegistrationService({ db, session, policy: deps.policy });
  const team = new TeamHistory({ session, workspace: teamWorkspaceOf(forwarding, session) });
  const jobs = new JobRunner({
    kinds: {
      'audit-export': auditExportKind({ db, files }),
      ...registrationJobKinds({ db, files, registration }),
      'password-writeback': passwordWritebackKind(core),
      'policy-refresh': policyRefreshKind(deps.policy),
      'sspr-refresh': ssprRefreshKind({ db, session }),
      'team-export': teamExportKind({ team, files }),
    },
    authorize: jobAuthorizer(session),
    ...(deps.events ? { events: deps.events } : {}),
  });
  return {
    db,
    settingsDb,
    info: deps.info,
    session,
    policy: deps.policy,
    core,
    rules,
    sms,
    verify: new VerifyService(core, rules, sms),
    // Where a password reset Microsoft has not confirmed yet is followed: a password-writeback job.
    reset: new ResetService(core, rules, jobs),
    outbox: new DemoOutbox({ db, session }),
    settings,
    forwarding,
    registration,
    team,
    jobs,
    country,
  };
}
