// The channel handlers, written once against the contract and mounted by both transports: each channel
// mapped onto the services the composition root (`buildServices`, services.ts) built, behind its guard.
import type Database from 'better-sqlite3';
import type { AppInfo } from '../../../shared/contract';
import { isFinal } from '../../../shared/jobs';
import type { AgentSession } from '../auth/session';
import type { CallerCore } from '../call/core';
import type { TeamHistory } from '../forwarding/team';
import type { TenantForwarding } from '../forwarding/tenant';
import { SIGNED_OUT_REASON } from '../call/state';
import { getCaller } from '../graph/callerCard';
import { searchUsers } from '../graph/users';
import { withholdFromSearch, withholdKnowledgeAnswers } from '../verify/cardFields';
import type { Handlers } from '../host/router';
import type { JobRunner } from '../jobs';
import type { PolicyService } from '../policy/service';
import type { RegistrationService } from '../registration';
import type { ResetService } from '../reset/service';
import type { SettingsService } from '../settings/service';
import type { DemoOutbox } from '../verify/demoOutbox';
import type { VerificationRules } from '../verify/rules';
import type { VerifyService } from '../verify/service';
import type { TenantSms } from '../verify/smsProvider';
import { needsCountry, type TenantCountry } from '../tenant/country';
import { createCallerHandlers } from './caller';
import { createForwardingHandlers } from './forwarding';
import { createHistoryHandlers } from './history';
import { createJobHandlers } from './jobs';
import { createRegistrationHandlers } from './registration';
import { createSettingsHandlers } from './settings';
import { createTeamHandlers } from './team';
import { guardAll, requireAgent } from './guards';

export interface Services {
  /** The current tenant's data: audit trail, caches, its per-tenant settings. */
  db: Database.Database;
  /** Where the tenant selection and the record of sign-ins live (the same database as `db` outside demo mode). */
  settingsDb: Database.Database;
  info: () => AppInfo;
  session: AgentSession;
  policy: PolicyService;
  /** The caller flow's parts, the verification rules and the tenant's SMS provider, and its services. */
  core: CallerCore;
  rules: VerificationRules;
  sms: TenantSms;
  verify: VerifyService;
  reset: ResetService;
  /** The demo tenant's outbox (demo mode only). */
  outbox: DemoOutbox;
  settings: SettingsService;
  forwarding: TenantForwarding;
  registration: RegistrationService;
  /** Team History over the team's workspace. */
  team: TeamHistory;
  /** The one runner of long-running work. */
  jobs: JobRunner;
  country: TenantCountry;
}

export function createHandlers(services: Services): Handlers {
  const {
    db,
    settingsDb,
    session,
    policy,
    core,
    rules,
    sms,
    verify,
    reset,
    outbox,
    settings,
    forwarding,
    registration,
    team,
    jobs,
    country,
  } = services;
  const noteSignIn = <T>(state: T): T => {
    settings.noteSignIn();
    return state;
  };
  const signedIn = () => requireAgent(session);
  return {
    ...createCallerHandlers({ core, rules, sms, verify, reset, outbox }),
    ...createSettingsHandlers({ db, settingsDb, session, settings, calls: core.calls, sms, forwarding }),
    ...createForwardingHandlers({ session, forwarding }),
    ...createRegistrationHandlers({ service: registration }),
    ...createHistoryHandlers({ db, session }),
    ...createTeamHandlers({ session, team }),
    ...createJobHandlers(jobs),
    app: {
      getInfo: () => services.info(),
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
      // Without the answers to the knowledge questions (verify/cardFields.ts): the gateway answers what Graph did.
      search: async ({ text }) =>
        withholdFromSearch(
          await searchUsers(session.graph(), text, {
            defaultRegion: needsCountry(text) ? await country.of(session.signedInAgent()) : undefined,
          }),
        ),
      getCaller: async ({ id }) =>
        withholdKnowledgeAnswers(await getCaller(session.graph(), id, { cloud: session.graphCloud() })),
    }),
    policy: guardAll(signedIn, {
      // The cache at once; a stale one (or one being refreshed) is refreshed as a job the screen follows.
      get: async () => {
        const view = policy.get();
        if (!view.refreshing && !policy.isStale()) return view;
        const job = await jobs.start({ kind: 'policy-refresh' });
        return { ...view, refreshing: !isFinal(job.state), refreshJobId: job.id };
      },
    }),
  };
}
