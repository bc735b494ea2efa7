// Authentication methods: typed collections with Graph's fixed ids, who may read them (and who sees
// masked phones), deletion, and Temporary Access Pass creation under the TAP policy.
import { describe, expect, it } from 'vitest';
import type { TemporaryAccessPassAuthenticationMethod } from '@microsoft/microsoft-graph-types';
import { EMAIL_METHOD_ID, PASSWORD_METHOD_ID, PHONE_METHOD_IDS } from '../../../src/demo-tenant/model';
import { harness, NOW } from './graph-harness';

const TAP = '/users/alex.cloud@contoso.com/authentication/temporaryAccessPassMethods';

describe('reading methods', () => {
  const h = harness();
  const ga = h.as('global.admin@contoso.com');

  it('lists every method with its @odata.type and documented fixed ids', async () => {
    const r = await ga('GET', '/users/erin.everything@contoso.com/authentication/methods');
    expect(r.status).toBe(200);
    const types = r.json.value.map((m: { '@odata.type': string }) => m['@odata.type']);
    expect(types).toEqual(
      expect.arrayContaining([
        '#microsoft.graph.passwordAuthenticationMethod',
        '#microsoft.graph.phoneAuthenticationMethod',
        '#microsoft.graph.emailAuthenticationMethod',
        '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
        '#microsoft.graph.fido2AuthenticationMethod',
        '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
        '#microsoft.graph.softwareOathAuthenticationMethod',
        '#microsoft.graph.platformCredentialAuthenticationMethod',
      ]),
    );
    const ids = r.json.value.map((m: { id: string }) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        PASSWORD_METHOD_ID,
        EMAIL_METHOD_ID,
        PHONE_METHOD_IDS.mobile,
        PHONE_METHOD_IDS.alternateMobile,
        PHONE_METHOD_IDS.office,
      ]),
    );
    expect(r.json.value.find((m: { id: string }) => m.id === PASSWORD_METHOD_ID).password).toBeNull();
  });

  it('serves each typed collection filtered to its type', async () => {
    const phones = await ga('GET', '/users/erin.everything@contoso.com/authentication/phoneMethods');
    expect(phones.json.value.map((p: { phoneType: string }) => p.phoneType).sort()).toEqual([
      'alternateMobile',
      'mobile',
      'office',
    ]);
    const one = await ga(
      'GET',
      `/users/erin.everything@contoso.com/authentication/phoneMethods/${PHONE_METHOD_IDS.mobile}`,
    );
    expect(one.json.phoneNumber).toMatch(/^\+1 \d{10}$/);
    const none = await ga('GET', '/users/nora.nomethods@contoso.com/authentication/methods');
    expect(none.json.value.map((m: { '@odata.type': string }) => m['@odata.type'])).toEqual([
      '#microsoft.graph.passwordAuthenticationMethod',
    ]);
  });

  it('lets Global Reader, Authentication and Privileged Authentication Admins read; masks phones for Authentication Admins', async () => {
    const aa = await h.as('authentication.admin@contoso.com')(
      'GET',
      '/users/alex.cloud@contoso.com/authentication/phoneMethods',
    );
    expect(aa.status).toBe(200);
    expect(aa.json.value[0].phoneNumber).toMatch(/^\+1 X{8}\d\d$/);
    expect(
      (await h.as('global.reader@contoso.com')('GET', '/users/alex.cloud@contoso.com/authentication/phoneMethods')).json
        .value[0].phoneNumber,
    ).toMatch(/^\+1 \d{10}$/);
    for (const upn of [
      'helpdesk@contoso.com',
      'password.admin@contoso.com',
      'user.admin@contoso.com',
      'team.lead@contoso.com',
    ]) {
      const r = await h.as(upn)('GET', '/users/alex.cloud@contoso.com/authentication/methods');
      expect(r.status, upn).toBe(403);
    }
    // Everyone may read their own.
    expect((await h.as('helpdesk@contoso.com')('GET', '/me/authentication/methods')).status).toBe(200);
  });
});

describe('deleting methods', () => {
  it('removes a method (204), audits it, refuses the password method and callers without the role', async () => {
    const h = harness();
    const aa = h.as('authentication.admin@contoso.com');
    expect(
      (
        await h.as('helpdesk@contoso.com')(
          'DELETE',
          `/users/alex.cloud@contoso.com/authentication/phoneMethods/${PHONE_METHOD_IDS.mobile}`,
        )
      ).status,
    ).toBe(403);
    const r = await aa(
      'DELETE',
      `/users/alex.cloud@contoso.com/authentication/phoneMethods/${PHONE_METHOD_IDS.mobile}`,
    );
    expect(r.status).toBe(204);
    expect(h.dir.findUserByUpn('alex.cloud@contoso.com')?.methods.some((m) => m.id === PHONE_METHOD_IDS.mobile)).toBe(
      false,
    );
    expect(h.dir.audits.at(-1)).toMatchObject({
      activityDisplayName: 'Admin deleted security info',
      loggedByService: 'Authentication Methods',
    });
    // Microsoft's permission map has no DELETE for a password method: 405 before any route (rules/scopes.ts).
    expect(
      (await aa('DELETE', `/users/alex.cloud@contoso.com/authentication/passwordMethods/${PASSWORD_METHOD_ID}`)).status,
    ).toBe(405);
    // Authentication Admins cannot manage a Global Admin's methods.
    expect(
      (
        await aa(
          'DELETE',
          `/users/target.globaladministrator@contoso.com/authentication/phoneMethods/${PHONE_METHOD_IDS.mobile}`,
        )
      ).status,
    ).toBe(403);
  });
});

describe('Temporary Access Pass', () => {
  it('creates a usable pass (201) with the policy defaults, shown only at creation', async () => {
    const h = harness();
    const r = await h.as('authentication.admin@contoso.com')('POST', TAP, { body: {} });
    expect(r.status).toBe(201);
    const tap = r.json as TemporaryAccessPassAuthenticationMethod & { '@odata.type': string };
    expect(tap['@odata.type']).toBe('#microsoft.graph.temporaryAccessPassAuthenticationMethod');
    expect(tap.temporaryAccessPass).toHaveLength(8);
    expect(tap.lifetimeInMinutes).toBe(60);
    expect(tap.isUsable).toBe(true);
    expect(tap.methodUsabilityReason).toBe('EnabledByPolicy');
    const list = await h.as('global.admin@contoso.com')('GET', TAP);
    expect(list.json.value).toHaveLength(1);
    expect(list.json.value[0].temporaryAccessPass).toBeNull();
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect(h.dir.redeemTemporaryAccessPass(alex?.id ?? '', tap.temporaryAccessPass ?? '')).toBe(true);
  });

  it('keeps one pass per user: a new pass replaces the old', async () => {
    const h = harness();
    const aa = h.as('authentication.admin@contoso.com');
    const first = await aa('POST', TAP, { body: { lifetimeInMinutes: 120 } });
    const second = await aa('POST', TAP, { body: { lifetimeInMinutes: 60 } });
    const list = await aa('GET', TAP);
    expect(list.json.value.map((m: { id: string }) => m.id)).toEqual([second.json.id]);
    expect(first.json.id).not.toBe(second.json.id);
  });

  it('reports a future pass as NotYetValid', async () => {
    const h = harness();
    const r = await h.as('authentication.admin@contoso.com')('POST', TAP, {
      body: { startDateTime: new Date(NOW + 3600_000).toISOString() },
    });
    expect(r.json).toMatchObject({ isUsable: false, methodUsabilityReason: 'NotYetValid' });
  });

  it('refuses lifetimes outside the policy, multi-use passes under a one-time policy, and TAP when disabled', async () => {
    const h = harness({ tap: { isUsableOnce: true } });
    const aa = h.as('authentication.admin@contoso.com');
    for (const lifetimeInMinutes of [59, 481]) {
      const r = await aa('POST', TAP, { body: { lifetimeInMinutes } });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('between 60 and 480');
    }
    expect((await aa('POST', TAP, { body: { isUsableOnce: false } })).status).toBe(400);
    expect((await aa('POST', TAP, { body: {} })).json.isUsableOnce).toBe(true);
    const off = harness({ tap: { state: 'disabled' } });
    const r = await off.as('authentication.admin@contoso.com')('POST', TAP, { body: {} });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/disabled/);
  });

  it('is not for Helpdesk, Password or User Administrators', async () => {
    const h = harness();
    for (const upn of ['helpdesk@contoso.com', 'password.admin@contoso.com', 'user.admin@contoso.com']) {
      const r = await h.as(upn)('POST', TAP, { body: {} });
      expect(r.status, upn).toBe(403);
      expect(r.json.error.code).toBe('Authorization_RequestDenied');
    }
  });
});
