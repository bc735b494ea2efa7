// Handlers of the settings domain: the tenant selection, the recorded SSPR policy, the permission
// check, the verification policy, the SMS provider and forwarding to Azure Monitor Logs. Thin: every write goes through the settings
// service (settings/service.ts), which checks who may make it and writes its settings.changed row.
import type Database from 'better-sqlite3';
import type { AgentSession } from '../auth/session';
import { TENANT_CHANGED_REASON, type CallRegistry } from '../call/state';
import type { TenantForwarding } from '../forwarding/tenant';
import type { Handlers } from '../host/router';
import { permissionCheck } from '../settings/permissionCheck';
import type { SettingsService } from '../settings/service';
import { getSsprRecord, getTenantSettings, getVerificationPolicy } from '../settings/settings';
import type { TenantSms } from '../verify/smsProvider';
import { requireAgent } from './guards';

interface SettingsHandlerDeps {
  /** The current tenant's data: its per-tenant settings. */
  db: Database.Database;
  /** Where the tenant selection lives (the same database as `db` outside demo mode). */
  settingsDb: Database.Database;
  session: AgentSession;
  settings: SettingsService;
  /** The open calls, dropped when the tenant changes. */
  calls: Pick<CallRegistry, 'dropAll'>;
  /** The tenant's SMS provider, for what Settings shows of it. */
  sms: Pick<TenantSms, 'view'>;
  /** The tenant's forwarding: what it forwards to and how it is going. */
  forwarding: Pick<TenantForwarding, 'view'>;
}

export function createSettingsHandlers({
  db,
  settingsDb,
  session,
  settings,
  calls,
  sms,
  forwarding,
}: SettingsHandlerDeps): Pick<Handlers, 'settings'> {
  return {
    settings: {
      get: () => ({ tenant: getTenantSettings(settingsDb) }),
      // Choosing the tenant is first-run set-up (settings/settings.ts isFirstRun, audited as such) or
      // a policy administrator's act, signed in to the tenant configured now.
      update: async ({ tenant }) => {
        const saved = settings.setTenant(tenant);
        // Another tenant (or app registration) means another identity: never carry a session across.
        if (saved.changed) {
          calls.dropAll(TENANT_CHANGED_REASON);
          await session.reset();
        }
        return { tenant: saved.tenant };
      },
      // The tenant's recorded SSPR policy is tenant data: a signed-in agent only (guards.ts).
      getSspr: () => {
        requireAgent(session);
        return { record: getSsprRecord(db) };
      },
      setSspr: (input) => ({ record: settings.setSsprRecord(input) }),
      getPermissionCheck: () => permissionCheck(session.signedInAgent(), session.graphCloud()),
      // Resetline's own rules, shown in Settings to every agent (read-guards.test.ts says why).
      getVerificationPolicy: () => getVerificationPolicy(db),
      setVerificationPolicy: (policy) => settings.setVerificationPolicy(policy),
      // The endpoint host and sender number only: the access key never leaves main.
      getSmsProvider: () => sms.view(),
      setSmsProvider: (input) => {
        settings.setSmsProvider(input);
        return sms.view();
      },
      // Where the tenant's audit trail goes and how it is going: tenant data, a signed-in agent only.
      getForwarding: () => {
        requireAgent(session);
        return forwarding.view();
      },
      setForwarding: async (input) => {
        await settings.setForwarding('off' in input ? null : input);
        return forwarding.view();
      },
    },
  };
}
