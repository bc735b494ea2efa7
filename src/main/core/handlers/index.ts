// The channel handlers, written once against the contract and mounted by both transports; and the
// per-tenant wiring runtime.ts asks for: each service built here, once, given only what it needs.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../../shared/contract';
import { isFinal } from '../../../shared/jobs';
import type { AgentSession } from '../auth/session';
import type { CacheEncryptor } from '../auth/tokenCache';
import { CallAudit } from '../call/audit';
import type { CallerCore, CallerOptions } from '../call/core';
import { ExportFiles } from '../exports';
import { closeForgottenCall } from '../call/service';
import { deskName, TenantForwarding } from '../forwarding/tenant';
import { sessionCalls, SIGNED_OUT_REASON } from '../call/state';
import { getTenantCountry } from '../graph/organization';
import { getCaller } from '../graph/callerCard';
import { searchUsers } from '../graph/users';
import type { EventBus } from '../host/events';
import type { Handlers } from '../host/router';
import { jobKinds, JobRunner } from '../jobs';
import { passwordWritebackKind } from '../reset/writebackJob';
import { policyRefreshKind } from '../policy/refreshJob';
import type { PolicyService } from '../policy/service';
import { RegistrationService } from '../registration';
import { SettingsService } from '../settings/service';
import { needsCountry, TenantCountry } from '../tenant/country';
import { VerificationRules } from '../verify/rules';
import { endpointHost } from '../verify/sms';
import { TenantSms } from '../verify/smsProvider';
import { SmsSettingsStore } from '../verify/smsSettings';
import { createCallerHandlers } from './caller';
import { createForwardingHandlers } from './forwarding';
import { createHistoryHandlers } from './history';
import { createJobHandlers, jobAuthorizer } from './jobs';
import { createRegistrationHandlers } from './registration';
import { createSettingsHandlers } from './settings';
import { createTeamHandlers, teamWorkspaceOf } from './team';
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
  const forwarding = deps.forwarding ?? new TenantForwarding({ db, session, desk: deskName(deps.info().dataFolder) });
  const settings = new SettingsService({ db, settingsDb, session, smsSettings, forwarding });
  const noteSignIn = <T>(state: T): T => {
    settings.noteSignIn();
    return state;
  };
  const signedIn = () => requireAgent(session);
  const country = new TenantCountry(() => getTenantCountry(session.graph()));
  // One place export files go (one set of download tokens), one runner for every long-running job.
  const files = deps.exports ?? new ExportFiles({ dir: join(deps.info().dataFolder, 'exports') });
  const registration = new RegistrationService({ db, session, policy: deps.policy });
  const jobs = new JobRunner({
    kinds: {
      ...jobKinds({ db, files, registration }),
      'password-writeback': passwordWritebackKind(core),
      'policy-refresh': policyRefreshKind(deps.policy),
    },
    authorize: jobAuthorizer(session),
    ...(deps.events ? { events: deps.events } : {}),
  });
  return {
    ...createCallerHandlers({ core, db, jobs }),
    ...createSettingsHandlers({ db, settingsDb, session, settings, calls: core.calls, sms: core.sms, forwarding }),
    ...createForwardingHandlers({ session, forwarding }),
    ...createRegistrationHandlers({ service: registration }),
    ...createHistoryHandlers({ db, session }),
    ...createTeamHandlers({ session, workspace: teamWorkspaceOf(forwarding, session) }),
    ...createJobHandlers(jobs),
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
    // Reads of the tenant, cached policy included: a signed-in agent only (guards.ts).
    users: guardAll(signedIn, {
      search: async ({ text }) =>
        searchUsers(session.graph(), text, {
          defaultRegion: needsCountry(text) ? await country.of(session.signedInAgent()) : undefined,
        }),
      getCaller: ({ id }) => getCaller(session.graph(), id, { cloud: session.graphCloud() }),
    }),
    policy: guardAll(signedIn, {
      // The cache at once; a stale one (or one being refreshed) is refreshed as a job the screen follows.
      get: async () => {
        const view = deps.policy.get();
        if (!view.refreshing && !deps.policy.isStale()) return view;
        const job = await jobs.start({ kind: 'policy-refresh' });
        return { ...view, refreshing: !isFinal(job.state), refreshJobId: job.id };
      },
    }),
  };
}
