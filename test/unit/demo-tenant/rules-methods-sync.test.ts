// Method rules (phoneauthenticationmethod-delete.md), the on-premises sync cycle that writes AD's
// accountEnabled back, and a reset that finishes without anyone polling its operation.
import { describe, expect, it } from 'vitest';
import { PHONE_METHOD_IDS } from '../../../src/demo-tenant/model-types';
import { OPERATION_TIMING } from '../../../src/demo-tenant/model-operations';
import { pickDefaultMfaMethod } from '../../../src/demo-tenant/rules/methods';
import { DEMO_USER_PASSWORD } from '../../../src/demo-tenant/seed';
import { harness, NOW } from './graph-harness';

const PHONE = (upn: string, id: string): string => `/users/${upn}/authentication/phoneMethods/${id}`;
const RESET = (upn: string): string =>
  `/users/${upn}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`;
/**
 * A user's timestamps as Graph writes them: UTC to the second, like the example in
 * api-reference/v1.0/resources/user.md ("midnight UTC on Jan 1, 2014 is 2014-01-01T00:00:00Z"); an
 * operation finishing at x.500 s reads as x s.
 */
const toSecond = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('deleting phone methods', () => {
  it('refuses the mobile phone while an alternateMobile phone exists, then allows it once that is gone', async () => {
    const h = harness();
    const aa = h.as('authentication.admin@contoso.com');
    const erin = 'erin.everything@contoso.com';
    const refused = await aa('DELETE', PHONE(erin, PHONE_METHOD_IDS.mobile));
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('badRequest');
    expect(refused.json.error.message).toMatch(/alternateMobile/);
    expect((await aa('DELETE', PHONE(erin, PHONE_METHOD_IDS.alternateMobile))).status).toBe(204);
    expect((await aa('DELETE', PHONE(erin, PHONE_METHOD_IDS.mobile))).status).toBe(204);
  });

  it("refuses the phone that is the user's default MFA method", async () => {
    const h = harness();
    const evan = h.dir.findUserByUpn('evan.expired@contoso.com');
    // Mobile phone and email, no Authenticator: texts to the mobile phone are the default.
    expect(evan?.defaultMfaMethod).toBe('sms');
    const r = await h.as('authentication.admin@contoso.com')(
      'DELETE',
      PHONE('evan.expired@contoso.com', PHONE_METHOD_IDS.mobile),
    );
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/default/);
    expect(evan?.methods.some((m) => m.kind === 'phone')).toBe(true);
  });

  it('moves the default on when its method is deleted, so the phone it falls to is then protected', async () => {
    const h = harness();
    const aa = h.as('authentication.admin@contoso.com');
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect(alex?.defaultMfaMethod).toBe('push');
    const app = alex?.methods.find((m) => m.kind === 'microsoftAuthenticator');
    expect(
      (
        await aa(
          'DELETE',
          `/users/alex.cloud@contoso.com/authentication/microsoftAuthenticatorMethods/${app?.id ?? ''}`,
        )
      ).status,
    ).toBe(204);
    expect(alex?.defaultMfaMethod).toBe('sms');
    expect((await aa('DELETE', PHONE('alex.cloud@contoso.com', PHONE_METHOD_IDS.mobile))).status).toBe(400);
  });

  it('picks Authenticator, then the mobile phone, then OATH, then the office phone', () => {
    expect(pickDefaultMfaMethod([])).toBe('none');
    expect(
      pickDefaultMfaMethod([
        {
          kind: 'phone',
          id: PHONE_METHOD_IDS.office,
          phoneType: 'office',
          phoneNumber: '+1 1',
          smsSignInState: 'notSupported',
        },
      ]),
    ).toBe('voiceOffice');
  });
});

describe('the on-premises sync cycle', () => {
  it("puts AD's accountEnabled back over a cloud change at the next cycle", async () => {
    const h = harness();
    const olive = h.dir.findUserByUpn('olive.offboarded@contoso.com');
    expect(olive).toMatchObject({
      onPremisesSyncEnabled: true,
      accountEnabled: false,
      onPremisesAccountEnabled: false,
    });
    const r = await h.as('user.admin@contoso.com')('PATCH', '/users/olive.offboarded@contoso.com', {
      body: { accountEnabled: true },
    });
    expect(r.status).toBe(204);
    expect(olive?.accountEnabled).toBe(true);
    h.dir.syncTick();
    expect(olive?.accountEnabled).toBe(false);
    const read = await h.as('user.admin@contoso.com')(
      'GET',
      '/users/olive.offboarded@contoso.com?$select=accountEnabled',
    );
    expect(read.json.accountEnabled).toBe(false);
  });

  it('runs a cycle every 30 minutes of the directory clock, on the next request', async () => {
    const h = harness();
    const olive = h.dir.findUserByUpn('olive.offboarded@contoso.com');
    const ua = h.as('user.admin@contoso.com');
    await ua('PATCH', '/users/olive.offboarded@contoso.com', { body: { accountEnabled: true } });
    h.dir.setClock(() => NOW + 29 * 60_000);
    await ua('GET', '/users/olive.offboarded@contoso.com');
    expect(olive?.accountEnabled).toBe(true);
    h.dir.setClock(() => NOW + 30 * 60_000);
    await ua('GET', '/users/olive.offboarded@contoso.com');
    expect(olive?.accountEnabled).toBe(false);
    expect(olive?.onPremisesLastSyncDateTime).toBe(new Date(NOW + 30 * 60_000).toISOString().replace('.000', ''));
  });

  it('leaves cloud-only users alone', () => {
    const h = harness();
    const dana = h.dir.findUserByUpn('dana.disabled@contoso.com');
    if (dana) dana.accountEnabled = true;
    h.dir.syncTick();
    expect(dana?.accountEnabled).toBe(true);
  });
});

describe('a reset nobody polls', () => {
  it('changes the password and lastPasswordChangeDateTime when the operation succeeds, without a poll', async () => {
    const h = harness();
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    const before = alex?.lastPasswordChangeDateTime;
    const r = await h.as('helpdesk@contoso.com')('POST', RESET('alex.cloud@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    expect(r.status).toBe(202);
    const read = (): Promise<{ json: { lastPasswordChangeDateTime: string } }> =>
      h.as('helpdesk@contoso.com')('GET', '/users/alex.cloud@contoso.com?$select=lastPasswordChangeDateTime');
    expect((await read()).json.lastPasswordChangeDateTime).toBe(before);
    const done = NOW + OPERATION_TIMING.cloudCompletesAfterMs;
    h.dir.setClock(() => done + 60_000);
    // The time the operation succeeded, not the time somebody looked.
    expect((await read()).json.lastPasswordChangeDateTime).toBe(toSecond(done));
    expect(alex && h.dir.checkPassword(alex.id, 'Blue-Kettle-Orbit-93')).toBe(true);
    expect(h.dir.audits.at(-1)).toMatchObject({ activityDisplayName: 'Reset password (by admin)', result: 'success' });
  });

  it("finishes a synced user's reset when the writeback does, later than a cloud user's", async () => {
    const h = harness();
    const sam = h.dir.findUserByUpn('sam.synced@contoso.com');
    const before = sam?.lastPasswordChangeDateTime;
    await h.as('helpdesk@contoso.com')('POST', RESET('sam.synced@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    h.dir.setClock(() => NOW + OPERATION_TIMING.cloudCompletesAfterMs);
    h.dir.tick();
    expect(sam?.lastPasswordChangeDateTime).toBe(before);
    expect(sam && h.dir.checkPassword(sam.id, DEMO_USER_PASSWORD)).toBe(true);
    h.dir.setClock(() => NOW + OPERATION_TIMING.writebackCompletesAfterMs);
    expect(sam && h.dir.checkPassword(sam.id, 'Blue-Kettle-Orbit-93')).toBe(true);
    expect(sam?.lastPasswordChangeDateTime).toBe(toSecond(NOW + OPERATION_TIMING.writebackCompletesAfterMs));
  });

  it('keeps a held operation running until the fault is lifted, then finishes it at that moment', async () => {
    const h = harness();
    h.knobs.faults.push({ pattern: 'resetPassword', fault: { kind: 'reset-operation-hangs' }, times: 1 });
    await h.as('helpdesk@contoso.com')('POST', RESET('alex.cloud@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    h.dir.setClock(() => NOW + 3_600_000);
    h.dir.tick();
    expect(alex && h.dir.checkPassword(alex.id, DEMO_USER_PASSWORD)).toBe(true);
    const op = [...h.dir.operations.values()][0];
    if (op) op.outcome = 'succeed';
    h.dir.setClock(() => NOW + 3_700_000);
    h.dir.tick();
    expect(alex?.lastPasswordChangeDateTime).toBe(toSecond(NOW + 3_700_000));
  });
});
