// Changing how callers are verified (and the SSPR record, and the SMS provider) is an administrator's
// act: an agent is refused with the roles that may, and nothing changes; an admin's change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../src/shared/audit';
import { DEFAULT_VERIFICATION_POLICY } from '../../../src/shared/settings';
import { getVerificationPolicy } from '../../../src/main/core/settings/settings';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { ChannelError, createCallerHarness } from '../../support/callerHarness';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ users: 50 });
});
afterAll(async () => {
  await t?.close();
});

const WEAKER = { ...DEFAULT_VERIFICATION_POLICY, requiredChecks: 1 as const };

describe('policy changes', () => {
  for (const label of ['helpdesk', 'password-admin', 'authentication-admin', 'global-reader']) {
    it(`refuses a ${label} agent, naming who may, and changes nothing`, async () => {
      const h = await createCallerHarness(t, label);
      try {
        const error = await h.call('settings:set-verification-policy', WEAKER).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ChannelError);
        expect((error as ChannelError).code).toBe('not_allowed');
        expect((error as ChannelError).message).toMatch(
          /Global Administrator, Privileged Authentication Administrator or Authentication Policy Administrator/,
        );
        expect(getVerificationPolicy(h.store.db)).toEqual(DEFAULT_VERIFICATION_POLICY);
        expect(await h.refused('settings:set-sspr', { methodsRequired: 1, enabledFor: 'all' })).toBe('not_allowed');
        expect((await h.call<{ record: unknown }>('settings:get-sspr')).record).toBeNull();
      } finally {
        h.dispose();
      }
    });
  }

  for (const label of ['global-admin', 'privileged-authentication-admin']) {
    it(`lets a ${label} change it, and audits who did`, async () => {
      const h = await createCallerHarness(t, label);
      try {
        await h.call('settings:set-verification-policy', WEAKER);
        expect(getVerificationPolicy(h.store.db).requiredChecks).toBe(1);
        const events = (await h.call<AuditPage>('audit:list', { action: 'settings.changed' })).events;
        expect(events[0]?.agentUpn).toBe(h.session.signedInAgent().userPrincipalName);
      } finally {
        h.dispose();
      }
    });
  }

  it('refuses a signed-out caller', async () => {
    const h = await createCallerHarness(t, 'global-admin');
    try {
      await h.call('auth:sign-out');
      expect(await h.refused('settings:set-verification-policy', WEAKER)).toBe('signed_out');
      expect(getVerificationPolicy(h.store.db)).toEqual(DEFAULT_VERIFICATION_POLICY);
    } finally {
      h.dispose();
    }
  });
});
