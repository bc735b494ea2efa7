// The settings service writes every setting with its settings.changed row: who, which setting, on which
// tenant, and never a secret's value. Driven with the app's own session signed in to a demo tenant and
// real SQLite files: the selection's store and the tenant's data kept apart, as in demo mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { DEFAULT_VERIFICATION_POLICY } from '../../../src/shared/settings';
import type { AgentSession } from '../../../src/main/core/auth/session';
import { SettingsService } from '../../../src/main/core/settings/service';
import { getTenantSettings, getVerificationPolicy } from '../../../src/main/core/settings/settings';
import { SmsSettingsStore } from '../../../src/main/core/settings/smsSettings';
import { ResetlineError } from '../../../src/shared/result';
import { tempDb, type TempDb } from '../../unit/store/tempDb';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { agentByLabel, createSession } from '../../support/sessionHarness';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ users: 50 });
});
afterAll(async () => {
  await t?.close();
});

const KEY = Buffer.alloc(32, 4).toString('base64');
const ACS = `endpoint=https://contoso-acs.communication.azure.com/;accesskey=${KEY}`;
const CONTOSO = {
  cloud: 'global',
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
} as const;

interface Row {
  agentUpn: string;
  agentId: string | null;
  outcome: string;
  detail: Record<string, unknown>;
}

function settingsRows(db: Database.Database): Row[] {
  return db
    .prepare(
      "SELECT agent_upn, agent_id, outcome, detail FROM audit_events WHERE action = 'settings.changed' ORDER BY id",
    )
    .all()
    .map((r) => {
      const row = r as { agent_upn: string; agent_id: string | null; outcome: string; detail: string };
      return { agentUpn: row.agent_upn, agentId: row.agent_id, outcome: row.outcome, detail: JSON.parse(row.detail) };
    });
}

async function withService(
  label: string,
  run: (s: { service: SettingsService; session: AgentSession; data: TempDb; selection: TempDb }) => Promise<void>,
): Promise<void> {
  const data = tempDb();
  const selection = tempDb();
  try {
    const session = createSession(t, () => agentByLabel(t, label));
    await session.signIn('interactive');
    const service = new SettingsService({
      db: data.db,
      settingsDb: selection.db,
      session,
      smsSettings: new SmsSettingsStore(data.db),
    });
    await run({ service, session, data, selection });
  } finally {
    data.dispose();
    selection.dispose();
  }
}

function refusal(fn: () => unknown): ResetlineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ResetlineError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('SettingsService', () => {
  it('audits a policy administrator’s verification policy, SMS provider and SSPR record on the tenant’s trail', async () => {
    await withService('global-admin', async ({ service, session, data, selection }) => {
      const agent = session.signedInAgent();
      const policy = { ...DEFAULT_VERIFICATION_POLICY, requiredChecks: 1 as const };
      expect(service.setVerificationPolicy(policy)).toEqual(policy);
      service.setSmsProvider({ connectionString: ACS, fromNumber: '+18005550100' });
      // Without a connection string the stored access key stays.
      service.setSmsProvider({ fromNumber: '+18005550101' });
      expect(service.setSsprRecord({ methodsRequired: 1, enabledFor: 'all' })).toMatchObject({
        methodsRequired: 1,
        enabledFor: 'all',
        recordedBy: agent.userPrincipalName,
      });
      const who = { agentUpn: agent.userPrincipalName, agentId: agent.id, outcome: 'success' };
      expect(settingsRows(data.db)).toEqual([
        {
          ...who,
          detail: {
            setting: 'verification-policy',
            tenant: 'demo',
            requiredChecks: 1,
            allowedTypes: policy.allowedTypes.join(','),
            maxAttempts: policy.maxAttempts,
            digits: policy.codeLength,
            mailbox: null,
          },
        },
        {
          ...who,
          detail: {
            setting: 'sms',
            tenant: 'demo',
            endpointHost: 'contoso-acs.communication.azure.com',
            fromNumber: '+18005550100',
            keyChanged: true,
          },
        },
        {
          ...who,
          detail: {
            setting: 'sms',
            tenant: 'demo',
            endpointHost: 'contoso-acs.communication.azure.com',
            fromNumber: '+18005550101',
            keyChanged: false,
          },
        },
        { ...who, detail: { setting: 'sspr-policy', tenant: 'demo', methodsRequired: 1, enabledFor: 'all' } },
      ]);
      expect(JSON.stringify(settingsRows(data.db))).not.toContain(KEY);
      // A tenant's own settings are audited on its own trail only.
      expect(settingsRows(selection.db)).toEqual([]);
    });
  });

  it('refuses an agent every policy write, naming who may, and writes neither the setting nor a row', async () => {
    await withService('helpdesk', async ({ service, data }) => {
      const writes = [
        () => service.setVerificationPolicy({ ...DEFAULT_VERIFICATION_POLICY, requiredChecks: 1 }),
        () => service.setSmsProvider({ connectionString: ACS, fromNumber: '+18005550100' }),
        () => service.setSsprRecord({ methodsRequired: 1, enabledFor: 'all' }),
      ];
      for (const write of writes) {
        const error = refusal(write);
        expect(error.code).toBe('not_allowed');
        expect(error.message).toContain('Global Administrator');
        expect(error.message).toContain('Nothing was changed.');
      }
      expect(getVerificationPolicy(data.db)).toEqual(DEFAULT_VERIFICATION_POLICY);
      expect(settingsRows(data.db)).toEqual([]);
    });
  });

  it('asks for a connection string when none is stored, and audits nothing', async () => {
    await withService('global-admin', async ({ service, data }) => {
      const error = refusal(() => service.setSmsProvider({ fromNumber: '+18005550100' }));
      expect(error).toMatchObject({
        code: 'invalid_input',
        message: 'connectionString: paste the Azure Communication Services connection string.',
      });
      expect(settingsRows(data.db)).toEqual([]);
    });
  });

  it('audits the tenant choice in both trails: first-run set-up, a refused switch, and an administrator’s switch', async () => {
    await withService('helpdesk', async ({ service, session, data, selection }) => {
      const helpdesk = session.signedInAgent();
      // First-run set-up: saving the tenant is allowed to anyone, and ends first-run set-up.
      expect(service.setTenant({ cloud: 'demo' })).toEqual({ tenant: { cloud: 'demo' }, changed: false });
      const firstRun = {
        agentUpn: helpdesk.userPrincipalName,
        agentId: helpdesk.id,
        outcome: 'success',
        detail: {
          setting: 'tenant',
          fromTenant: 'demo',
          toTenant: 'demo',
          appRegistrationChanged: false,
          firstRun: true,
        },
      };
      // Saving the tenant in use again changes nothing and audits nothing.
      expect(service.setTenant({ cloud: 'demo' })).toEqual({ tenant: { cloud: 'demo' }, changed: false });

      const error = refusal(() => service.setTenant(CONTOSO));
      expect(error.code).toBe('not_allowed');
      expect(error.message).toContain('can change the tenant; ');
      expect(error.message).toContain('Nothing was changed.');
      expect(getTenantSettings(selection.db)).toEqual({ cloud: 'demo' });
      const refused = {
        ...firstRun,
        outcome: 'refused',
        detail: {
          ...firstRun.detail,
          toTenant: 'global:contoso.onmicrosoft.com',
          appRegistrationChanged: true,
          firstRun: false,
        },
      };
      for (const db of [selection.db, data.db]) expect(settingsRows(db)).toEqual([firstRun, refused]);
    });
  });

  it('lets a policy administrator of the configured tenant switch it, and says the session must go', async () => {
    await withService('global-admin', async ({ service, session, data, selection }) => {
      const admin = session.signedInAgent();
      service.noteSignIn();
      service.setTenant({ cloud: 'demo' });
      expect(service.setTenant(CONTOSO)).toEqual({ tenant: CONTOSO, changed: true });
      expect(getTenantSettings(selection.db)).toEqual(CONTOSO);
      const switched = {
        agentUpn: admin.userPrincipalName,
        agentId: admin.id,
        outcome: 'success',
        detail: {
          setting: 'tenant',
          fromTenant: 'demo',
          toTenant: 'global:contoso.onmicrosoft.com',
          appRegistrationChanged: true,
          firstRun: false,
        },
      };
      for (const db of [selection.db, data.db]) expect(settingsRows(db).at(-1)).toEqual(switched);
    });
  });
});
