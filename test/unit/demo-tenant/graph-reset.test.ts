// resetPassword as a long-running operation, PATCH passwordProfile/accountEnabled, revoke, and
// the audit trail each leaves.
import { describe, expect, it } from 'vitest';
import { DEMO_USER_PASSWORD } from '../../../src/demo-tenant/seed';
import { BASE, harness, type Harness } from './graph-harness';

const RESET = (upn: string): string =>
  `/users/${upn}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword`;

/** Helpdesk Administrators start resets but may not read the operation (longrunningoperation-get.md); this role may. */
const OP_READER = 'authentication.admin@contoso.com';

async function poll(h: Harness, upn: string, location: string, times: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < times; i++) {
    const r = await h.as(upn)('GET', location.slice(BASE.length));
    expect(r.status).toBe(200);
    out.push(r.json.status);
  }
  return out;
}

describe('resetPassword', () => {
  it('answers 202 + Location and moves notStarted → running → succeeded; the new password then needs a change at sign-in', async () => {
    const h = harness();
    const r = await h.as('helpdesk@contoso.com')('POST', RESET('alex.cloud@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({});
    const loc = r.headers?.Location ?? '';
    expect(loc).toMatch(
      new RegExp(`^${BASE.replace(/[.]/g, '\\.')}/users/[0-9a-f-]+/authentication/operations/[0-9a-f-]+`),
    );
    expect(r.headers?.['Retry-After']).toBe('1');
    expect(await poll(h, OP_READER, loc, 4)).toEqual(['notStarted', 'running', 'succeeded', 'succeeded']);
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect(alex && h.dir.checkPassword(alex.id, 'Blue-Kettle-Orbit-93')).toBe(true);
    expect(alex?.forceChangePasswordNextSignIn).toBe(true);
    const audit = h.dir.audits.filter((a) => a.activityDisplayName === 'Reset password (by admin)');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.additionalDetails).toContainEqual({ key: 'OnPremisesAgent', value: 'None' });
  });

  it('generates a password for cloud users when none is given, and returns it', async () => {
    const h = harness();
    const r = await h.as('helpdesk@contoso.com')('POST', RESET('alex.cloud@contoso.com'), { body: {} });
    expect(r.status).toBe(202);
    expect(r.json.newPassword).toMatch(/^[A-Z][a-z]{3}\d{4}$/);
    expect(r.json['@odata.context']).toContain('microsoft.graph.passwordResetResponse');
  });

  it('requires newPassword for synced users and records the sync agent on success', async () => {
    const h = harness();
    const hd = h.as('helpdesk@contoso.com');
    const missing = await hd('POST', RESET('sam.synced@contoso.com'), { body: {} });
    expect(missing.status).toBe(400);
    const r = await hd('POST', RESET('sam.synced@contoso.com'), { body: { newPassword: 'Blue-Kettle-Orbit-93' } });
    expect(await poll(h, OP_READER, r.headers?.Location ?? '', 3)).toEqual(['notStarted', 'running', 'succeeded']);
    expect(h.dir.audits.at(-1)?.additionalDetails).toContainEqual({
      key: 'OnPremisesAgent',
      value: 'Microsoft Entra Connect',
    });
  });

  it("fails a synced user's reset when writeback is off, leaving the password unchanged", async () => {
    const h = harness({ writeback: false });
    const r = await h.as('helpdesk@contoso.com')('POST', RESET('sam.synced@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    expect(r.status).toBe(202);
    const statuses = await poll(h, OP_READER, r.headers?.Location ?? '', 3);
    expect(statuses).toEqual(['notStarted', 'running', 'failed']);
    const op = await h.as(OP_READER)('GET', (r.headers?.Location ?? '').slice(BASE.length));
    expect(op.json.statusDetail).toMatch(/writeback/i);
    const sam = h.dir.findUserByUpn('sam.synced@contoso.com');
    expect(sam && h.dir.checkPassword(sam.id, DEMO_USER_PASSWORD)).toBe(true);
    expect(h.dir.audits.at(-1)).toMatchObject({ activityDisplayName: 'Reset password (by admin)', result: 'failure' });
  });

  it('honours the reset-operation-fails and -hangs faults', async () => {
    const h = harness();
    h.knobs.faults.push(
      { pattern: 'resetPassword', fault: { kind: 'reset-operation-fails' }, times: 1 },
      { pattern: 'resetPassword', fault: { kind: 'reset-operation-hangs' }, times: 1 },
    );
    const hd = h.as('helpdesk@contoso.com');
    const failing = await hd('POST', RESET('alex.cloud@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    expect(await poll(h, OP_READER, failing.headers?.Location ?? '', 3)).toEqual(['notStarted', 'running', 'failed']);
    const hanging = await hd('POST', RESET('alex.cloud@contoso.com'), {
      body: { newPassword: 'Blue-Kettle-Orbit-93' },
    });
    expect(await poll(h, OP_READER, hanging.headers?.Location ?? '', 6)).toEqual([
      'notStarted',
      'running',
      'running',
      'running',
      'running',
      'running',
    ]);
    const normal = await hd('POST', RESET('alex.cloud@contoso.com'), { body: { newPassword: 'Blue-Kettle-Orbit-93' } });
    expect((await poll(h, OP_READER, normal.headers?.Location ?? '', 3)).at(-1)).toBe('succeeded');
  });

  it('rejects weak and banned passwords with Request_BadRequest', async () => {
    const h = harness();
    const hd = h.as('helpdesk@contoso.com');
    for (const pw of ['short1A', 'alllowercaseletters', 'P@ssw0rd1', 'Contoso!1']) {
      const r = await hd('POST', RESET('alex.cloud@contoso.com'), { body: { newPassword: pw } });
      expect(r.status, pw).toBe(400);
      expect(r.json.error.code).toBe('Request_BadRequest');
    }
  });

  it("never resets the caller's own password, needs the scope, and only takes the password method id", async () => {
    const h = harness();
    const hd = h.as('helpdesk@contoso.com');
    expect(
      (await hd('POST', RESET('helpdesk@contoso.com'), { body: { newPassword: 'Blue-Kettle-Orbit-93' } })).status,
    ).toBe(403);
    expect(
      (
        await hd('POST', RESET('alex.cloud@contoso.com'), {
          body: { newPassword: 'Blue-Kettle-Orbit-93' },
          scopes: ['User.Read.All'],
        })
      ).status,
    ).toBe(403);
    const wrong = await hd(
      'POST',
      '/users/alex.cloud@contoso.com/authentication/methods/3179e48a-750b-4051-897c-87b9720928f7/resetPassword',
      { body: {} },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toBe('The method is not supported for this URL.');
  });
});

describe('PATCH /users/{id}', () => {
  it('sets passwordProfile (204) only with User-PasswordProfile.ReadWrite.All and the right role', async () => {
    const h = harness();
    const body = { passwordProfile: { password: 'Blue-Kettle-Orbit-93', forceChangePasswordNextSignIn: true } };
    expect(
      (
        await h.as('user.admin@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', {
          body,
          scopes: ['User.ReadWrite.All'],
        })
      ).status,
    ).toBe(403);
    expect(
      (await h.as('user.admin@contoso.com')('PATCH', '/users/target.globaladministrator@contoso.com', { body })).status,
    ).toBe(403);
    // Helpdesk Administrators reset through resetPassword; passwordProfile needs at least User Administrator.
    expect((await h.as('helpdesk@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', { body })).status).toBe(403);
    const r = await h.as('user.admin@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', { body });
    expect(r.status).toBe(204);
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect(alex && h.dir.checkPassword(alex.id, 'Blue-Kettle-Orbit-93')).toBe(true);
    expect(alex?.forceChangePasswordNextSignIn).toBe(true);
  });

  it('can only require a change at next sign-in, for cloud users', async () => {
    const h = harness();
    const hd = h.as('user.admin@contoso.com');
    const r = await hd('PATCH', '/users/alex.cloud@contoso.com', {
      body: { passwordProfile: { forceChangePasswordNextSignIn: true } },
    });
    expect(r.status).toBe(204);
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect(alex?.forceChangePasswordNextSignIn).toBe(true);
    expect(alex && h.dir.checkPassword(alex.id, DEMO_USER_PASSWORD)).toBe(true);
    expect(
      (
        await hd('PATCH', '/users/sam.synced@contoso.com', {
          body: { passwordProfile: { forceChangePasswordNextSignIn: true } },
        })
      ).status,
    ).toBe(400);
  });

  it('disables and enables accounts for User Administrators, not Helpdesk, and audits it', async () => {
    const h = harness();
    expect(
      (
        await h.as('helpdesk@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', {
          body: { accountEnabled: false },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.as('user.admin@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', {
          body: { accountEnabled: false },
          scopes: ['User.Read.All'],
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await h.as('user.admin@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', {
          body: { accountEnabled: false },
        })
      ).status,
    ).toBe(204);
    expect(h.dir.findUserByUpn('alex.cloud@contoso.com')?.accountEnabled).toBe(false);
    expect(h.dir.audits.at(-1)).toMatchObject({
      activityDisplayName: 'Disable account',
      loggedByService: 'Core Directory',
    });
    expect(
      (
        await h.as('user.admin@contoso.com')('PATCH', '/users/dana.disabled@contoso.com', {
          body: { accountEnabled: true },
        })
      ).status,
    ).toBe(204);
    expect(h.dir.findUserByUpn('dana.disabled@contoso.com')?.accountEnabled).toBe(true);
  });

  it('changes nothing when any part of the patch is forbidden', async () => {
    const h = harness();
    const r = await h.as('helpdesk@contoso.com')('PATCH', '/users/alex.cloud@contoso.com', {
      body: { passwordProfile: { password: 'Blue-Kettle-Orbit-93' }, accountEnabled: false },
    });
    expect(r.status).toBe(403);
    const alex = h.dir.findUserByUpn('alex.cloud@contoso.com');
    expect(alex?.accountEnabled).toBe(true);
    expect(alex && h.dir.checkPassword(alex.id, DEMO_USER_PASSWORD)).toBe(true);
  });
});

describe('revokeSignInSessions', () => {
  it('returns { value: true }, moves signInSessionsValidFromDateTime and audits', async () => {
    const h = harness();
    const before = h.dir.findUserByUpn('alex.cloud@contoso.com')?.signInSessionsValidFromDateTime;
    const r = await h.as('helpdesk@contoso.com')('POST', '/users/alex.cloud@contoso.com/revokeSignInSessions');
    expect(r.status).toBe(200);
    expect(r.json.value).toBe(true);
    expect(h.dir.findUserByUpn('alex.cloud@contoso.com')?.signInSessionsValidFromDateTime).not.toBe(before);
    expect(h.dir.audits.at(-1)?.activityDisplayName).toBe('Invalidate all refresh tokens for user');
    expect(
      (await h.as('password.admin@contoso.com')('POST', '/users/alex.cloud@contoso.com/revokeSignInSessions')).status,
    ).toBe(403);
    expect(
      (await h.as('helpdesk@contoso.com')('POST', '/users/target.globaladministrator@contoso.com/revokeSignInSessions'))
        .status,
    ).toBe(403);
  });
});
