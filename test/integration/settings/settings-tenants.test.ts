// Settings across tenants, through the real handlers (zod parsing included), a real SQLite file and
// the demo tenant: choosing the tenant is first-run set-up or a signed-in policy administrator's act;
// every switch is audited with both tenant ids; the verification policy and the SMS provider belong to
// the tenant they were set on; an SMS endpoint is an Azure Communication Services host of the cloud.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_VERIFICATION_POLICY,
  type SmsSettingsView,
  type TenantSettings,
  type VerificationPolicy,
} from '../../../src/shared/settings';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { ChannelError, createCallerHarness, type CallerHarness } from '../../support/callerHarness';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ users: 40 });
});
afterAll(async () => {
  await t?.close();
});

const CONTOSO: TenantSettings = {
  cloud: 'global',
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '5f0c7a2e-3b1d-4c8e-9a6f-2d4b8e1c7a93',
};
const FABRIKAM: TenantSettings = {
  cloud: 'usgov',
  tenantId: '0b5a7c3e-1d2f-4e6a-9b8c-7d6e5f4a3b2c',
  clientId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
};
const WEAKER: VerificationPolicy = { ...DEFAULT_VERIFICATION_POLICY, requiredChecks: 1 };
const KEY = Buffer.alloc(32, 7).toString('base64');
const acs = (host: string) => ({
  connectionString: `endpoint=https://${host}/;accesskey=${KEY}`,
  fromNumber: '+18005550100',
});

interface TenantAudit {
  agentUpn: string;
  outcome: string;
  detail: Record<string, unknown>;
}

/** The tenant-setting rows of the audit trail, oldest first, read straight from the SQLite file. */
function tenantAudit(db: Database.Database): TenantAudit[] {
  const rows = db
    .prepare(`SELECT agent_upn, outcome, detail FROM audit_events WHERE action = 'settings.changed' ORDER BY id`)
    .all() as { agent_upn: string; outcome: string; detail: string }[];
  return rows
    .map((r) => ({
      agentUpn: r.agent_upn,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }))
    .filter((r) => r.detail.setting === 'tenant');
}

const tenantOf = async (h: CallerHarness) => (await h.call<{ tenant: TenantSettings }>('settings:get')).tenant;

/** First run over: the demo tenant saved, and someone signed in to it (recorded as the app reads the session). */
async function pastFirstRun(h: CallerHarness): Promise<void> {
  await h.call('auth:get-session');
  await h.call('settings:update', { tenant: { cloud: 'demo' } });
}

async function withHarness(label: string, run: (h: CallerHarness) => Promise<void>): Promise<void> {
  const h = await createCallerHarness(t, label);
  try {
    await run(h);
  } finally {
    h.dispose();
  }
}

describe('who may change the tenant', () => {
  it('refuses a signed-out change after the first run, names who may, audits the attempt', async () => {
    await withHarness('global-admin', async (h) => {
      await pastFirstRun(h);
      await h.call('auth:sign-out');
      const error = await h.call('settings:update', { tenant: CONTOSO }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelError);
      expect((error as ChannelError).code).toBe('not_allowed');
      expect((error as ChannelError).message).toMatch(
        /Only a Global Administrator, Privileged Authentication Administrator or Authentication Policy Administrator signed in to the tenant Resetline works on now/,
      );
      expect(await tenantOf(h)).toEqual({ cloud: 'demo' });
      expect(tenantAudit(h.store.db).at(-1)).toMatchObject({
        agentUpn: 'local',
        outcome: 'refused',
        detail: { fromTenant: 'demo', toTenant: 'global:contoso.onmicrosoft.com', firstRun: false },
      });
    });
  });

  it('refuses an agent who is not a policy administrator', async () => {
    await withHarness('helpdesk', async (h) => {
      await pastFirstRun(h);
      const error = (await h.call('settings:update', { tenant: CONTOSO }).catch((e: unknown) => e)) as ChannelError;
      expect(error.code).toBe('not_allowed');
      expect(error.message).toMatch(/holds none of these roles\. Nothing was changed\./);
      expect(await tenantOf(h)).toEqual({ cloud: 'demo' });
      expect(h.session.state().status).toBe('signed-in');
    });
  });

  it('allows first-run set-up signed out, audits it, and lets a mistyped tenant be corrected until someone signs in', async () => {
    await withHarness('global-admin', async (h) => {
      await h.call('auth:sign-out');
      await h.call('settings:update', { tenant: CONTOSO });
      // Nobody ever signed in to contoso: still first run, so the id can be corrected.
      await h.call('settings:update', { tenant: FABRIKAM });
      expect(await tenantOf(h)).toEqual(FABRIKAM);
      expect(tenantAudit(h.store.db)).toEqual([
        {
          agentUpn: 'local',
          outcome: 'success',
          detail: {
            setting: 'tenant',
            fromTenant: 'demo',
            toTenant: 'global:contoso.onmicrosoft.com',
            appRegistrationChanged: true,
            firstRun: true,
          },
        },
        {
          agentUpn: 'local',
          outcome: 'success',
          detail: {
            setting: 'tenant',
            fromTenant: 'global:contoso.onmicrosoft.com',
            toTenant: `usgov:${(FABRIKAM as { tenantId: string }).tenantId}`,
            appRegistrationChanged: true,
            firstRun: true,
          },
        },
      ]);
    });
  });
});

describe('what belongs to a tenant', () => {
  it('keeps the policy and the SMS provider with the tenant they were set on, and audits each switch', async () => {
    await withHarness('global-admin', async (h) => {
      await pastFirstRun(h);
      const admin = h.session.signedInAgent().userPrincipalName;
      await h.call('settings:set-verification-policy', WEAKER);
      await h.call('settings:set-sms-provider', acs('contoso-acs.communication.azure.com'));

      await h.call('settings:update', { tenant: CONTOSO });
      expect(await h.call('settings:get-verification-policy')).toEqual(DEFAULT_VERIFICATION_POLICY);
      expect(await h.call<SmsSettingsView>('settings:get-sms-provider')).toMatchObject({
        mode: 'none',
        endpointHost: null,
        fromNumber: null,
      });

      // Nobody signed in to contoso yet, so going back is first-run set-up; the demo tenant's choices return.
      await h.call('settings:update', { tenant: { cloud: 'demo' } });
      expect(await h.call('settings:get-verification-policy')).toEqual(WEAKER);
      const stored = h.store.db.prepare("SELECT value FROM settings WHERE key = 'sms-provider:demo'").get() as
        { value: string } | undefined;
      expect(JSON.parse(stored?.value ?? '{}')).toMatchObject({ fromNumber: '+18005550100' });

      // Each settings change names the tenant it was made on.
      const changes = h.store.db
        .prepare("SELECT detail FROM audit_events WHERE action = 'settings.changed' ORDER BY id")
        .all()
        .map((r) => JSON.parse((r as { detail: string }).detail) as Record<string, unknown>)
        .filter((d) => d.setting === 'verification-policy' || d.setting === 'sms');
      expect(changes.map((d) => [d.setting, d.tenant])).toEqual([
        ['verification-policy', 'demo'],
        ['sms', 'demo'],
      ]);

      const switches = tenantAudit(h.store.db).filter((r) => r.detail.fromTenant !== r.detail.toTenant);
      expect(switches.map((r) => [r.agentUpn, r.outcome, r.detail.fromTenant, r.detail.toTenant])).toEqual([
        [admin, 'success', 'demo', 'global:contoso.onmicrosoft.com'],
        ['local', 'success', 'global:contoso.onmicrosoft.com', 'demo'],
      ]);
    });
  });

  it('moves an older install-wide policy to the tenant configured when it is first read', async () => {
    await withHarness('global-admin', async (h) => {
      h.store.db
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('verification-policy', ?, 1)")
        .run(JSON.stringify(WEAKER));
      expect(await h.call('settings:get-verification-policy')).toEqual(WEAKER);
      expect(h.store.db.prepare("SELECT key FROM settings WHERE key LIKE 'verification-policy%'").all()).toEqual([
        { key: 'verification-policy:demo' },
      ]);
    });
  });
});

describe('the SMS endpoint', () => {
  for (const host of [
    'sms.attacker.example',
    'contoso.communication.azure.us',
    'contoso.communication.azure.com.attacker.example',
    'contoso.communication.azure.com:8443',
  ]) {
    it(`refuses ${host} for a tenant in the global cloud, saying what it must be`, async () => {
      await withHarness('global-admin', async (h) => {
        const error = (await h.call('settings:set-sms-provider', acs(host)).catch((e: unknown) => e)) as ChannelError;
        expect(error.code).toBe('invalid_input');
        expect(error.message).toContain('must be an Azure Communication Services resource');
        expect(error.message).toContain('https://<resource>.communication.azure.com');
        expect(h.store.db.prepare("SELECT key FROM settings WHERE key LIKE 'sms-provider%'").all()).toEqual([]);
      });
    });
  }

  it('takes no plain-http endpoint, and the demo tenant’s own endpoint in demo mode', async () => {
    await withHarness('global-admin', async (h) => {
      const http = {
        ...acs('x'),
        connectionString: `endpoint=http://contoso.communication.azure.com/;accesskey=${KEY}`,
      };
      expect(await h.refused('settings:set-sms-provider', http)).toBe('invalid_input');
      const own = { connectionString: t.tenant.smsConnectionString, fromNumber: '+18005550100' };
      await h.call('settings:set-sms-provider', own);
    });
  });
});
