// The scope rule: Microsoft's permission map decides, per (method, path), which delegated scopes a
// token needs; checked as a table, then through the Graph handler (one check per $batch item).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSENTED_SCOPES } from '../../../../src/demo-tenant/entra/scopes';
import { GraphError } from '../../../../src/demo-tenant/graph/errors';
import {
  checkScopes,
  decideScopes,
  isOwnDataOnly,
  matchGraphPath,
  SCOPE_TABLE,
} from '../../../../src/demo-tenant/rules/scopes';
import { harness } from '../graph-harness';

const SELF = 'helpdesk@contoso.com';
const OTHER = '6e7b768e-07e2-4810-8459-485f84f8f204';
const PASSWORD = '28c10230-6103-485e-b985-444c60001490';
const isSelf = (key: string): boolean => key.toLowerCase() === SELF;

function decide(method: string, path: string, scopes: string[], body?: unknown) {
  return decideScopes({ method, scopes, body, isSelf }, matchGraphPath(path));
}

function refusal(method: string, path: string, scopes: string[], body?: unknown): GraphError {
  try {
    checkScopes({ method, scopes, body, isSelf }, matchGraphPath(path));
  } catch (err) {
    if (err instanceof GraphError) return err;
    throw err;
  }
  throw new Error(`${method} ${path} was not refused`);
}

describe('the permissions map as the scope table', () => {
  it.each([
    // [method, path, scopes, allowed]
    ['GET', '/roleManagement/directory/roleAssignments', ['User.Read.All'], false],
    ['GET', '/roleManagement/directory/roleAssignments', ['RoleManagement.Read.Directory'], true],
    ['GET', `/users/${OTHER}/memberOf/microsoft.graph.group`, ['User.Read.All'], false],
    ['GET', `/users/${OTHER}/memberOf/microsoft.graph.group`, ['GroupMember.Read.All'], true],
    ['GET', `/users/${OTHER}/transitiveMemberOf/microsoft.graph.directoryRole`, ['User.Read.All'], true],
    ['GET', '/users', ['User.Read'], false],
    ['GET', '/users', ['user.read.all'], true],
    [
      'POST',
      `/users/${OTHER}/authentication/methods/${PASSWORD}/resetPassword`,
      ['UserAuthenticationMethod.ReadWrite.All'],
      true,
    ],
    [
      'POST',
      `/users/${OTHER}/authentication/methods/${PASSWORD}/resetPassword`,
      ['User-PasswordProfile.ReadWrite.All'],
      false,
    ],
    [
      'POST',
      `/users/${OTHER}/authentication/methods/${PASSWORD}/resetPassword`,
      ['UserAuthenticationMethod.Read.All'],
      false,
    ],
    ['POST', `/users/${OTHER}/revokeSignInSessions`, ['User.RevokeSessions.All'], true],
    ['POST', `/users/${OTHER}/revokeSignInSessions`, ['User.Read.All'], false],
    ['GET', '/auditLogs/directoryAudits', ['AuditLog.Read.All'], true],
    ['GET', '/subscribedSkus', ['Organization.Read.All'], true],
    ['GET', '/subscribedSkus', ['Domain.Read.All'], false],
  ] as const)('%s %s with %j → allowed %s', (method, path, scopes, allowed) => {
    expect(decide(method, path, [...scopes]).ok).toBe(allowed);
  });

  it('refuses PATCH /users/{id} with only User.Read.All, and each property needs its own permission', () => {
    expect(decide('PATCH', `/users/${OTHER}`, ['User.Read.All'], { accountEnabled: false }).ok).toBe(false);
    expect(decide('PATCH', `/users/${OTHER}`, ['User.EnableDisableAccount.All'], { accountEnabled: false }).ok).toBe(
      true,
    );
    const pw = { passwordProfile: { forceChangePasswordNextSignIn: true } };
    // User.ReadWrite.All may PATCH the path, but not the password (user-update.md).
    expect(decide('PATCH', `/users/${OTHER}`, ['User.ReadWrite.All'], pw).ok).toBe(false);
    expect(decide('PATCH', `/users/${OTHER}`, ['User.EnableDisableAccount.All'], pw).ok).toBe(false);
    expect(decide('PATCH', `/users/${OTHER}`, ['User-PasswordProfile.ReadWrite.All'], pw).ok).toBe(true);
    expect(
      decide('PATCH', `/users/${OTHER}`, ['User-PasswordProfile.ReadWrite.All'], { accountEnabled: true }).ok,
    ).toBe(false);
  });

  it('limits a permission without a constraint to the signed-in user’s own data', () => {
    expect(isOwnDataOnly('User.Read')).toBe(true);
    expect(isOwnDataOnly('Mail.Send')).toBe(true);
    expect(isOwnDataOnly('User.Read.All')).toBe(false);
    expect(isOwnDataOnly('Mail.Send.Shared')).toBe(false);
    expect(decide('GET', '/me', ['User.Read']).ok).toBe(true);
    expect(decide('GET', `/users/${SELF}`, ['User.Read']).ok).toBe(true);
    expect(decide('GET', `/users/${OTHER}`, ['User.Read']).ok).toBe(false);
    expect(decide('GET', `/users/${OTHER}/authentication/methods`, ['UserAuthenticationMethod.Read']).ok).toBe(false);
    expect(decide('GET', `/users/${SELF}/authentication/methods`, ['UserAuthenticationMethod.Read']).ok).toBe(true);
  });

  it('sends from another mailbox only with Mail.Send.Shared (outlook-send-mail-from-other-user.md)', () => {
    expect(decide('POST', '/me/sendMail', ['Mail.Send']).ok).toBe(true);
    expect(decide('POST', `/users/${OTHER}/sendMail`, ['Mail.Send']).ok).toBe(false);
    expect(decide('POST', `/users/${OTHER}/sendMail`, ['Mail.Send.Shared']).ok).toBe(true);
  });

  it('reads the Temporary Access Pass configuration only with an authentication-method policy permission', () => {
    // The map lists the TAP configuration by name, and Policy.Read.All is not among its grants.
    expect(
      decide('GET', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass', [
        'Policy.Read.All',
      ]).ok,
    ).toBe(false);
    expect(
      decide('GET', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass', [
        'Policy.Read.AuthenticationMethod',
      ]).ok,
    ).toBe(true);
    expect(decide('GET', '/policies/authenticationMethodsPolicy', ['Policy.Read.All']).ok).toBe(true);
  });

  it('names Microsoft’s least-privileged permissions in a refusal', () => {
    const d = decide('GET', '/roleManagement/directory/roleAssignments', ['User.Read.All']);
    expect(d).toEqual({
      ok: false,
      reason: 'scope',
      needs: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory'],
    });
  });

  it('answers in Graph’s shapes: 403 Authorization_RequestDenied, the reporting service’s own code, 405, 400', () => {
    const denied = refusal('GET', '/users', ['Mail.Send']);
    expect([denied.status, denied.code, denied.message]).toEqual([
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    ]);
    const audit = refusal('GET', '/auditLogs/directoryAudits', ['User.Read.All']);
    expect([audit.status, audit.code]).toEqual([403, 'Authentication_MSGraphPermissionMissing']);
    expect(audit.message).toContain('AuditLog.Read.All');
    const method = refusal('POST', '/directory/onPremisesSynchronization', ['OnPremDirectorySynchronization.Read.All']);
    expect(method.status).toBe(405);
    expect(() => matchGraphPath(`/users/${OTHER}/notARelationship`)).toThrow(
      "Resource not found for the segment 'notARelationship'.",
    );
  });

  it('lets the app’s consented scopes make the calls its features need', () => {
    const app = [...DEFAULT_CONSENTED_SCOPES];
    for (const [method, path] of [
      ['GET', '/me/transitiveMemberOf/microsoft.graph.directoryRole'],
      ['GET', `/users/${OTHER}/memberOf/microsoft.graph.group`],
      ['GET', '/roleManagement/directory/roleAssignments'],
      ['GET', '/users'],
      ['GET', `/users/${OTHER}/authentication/methods`],
      ['POST', `/users/${OTHER}/authentication/methods/${PASSWORD}/resetPassword`],
      ['POST', `/users/${OTHER}/authentication/temporaryAccessPassMethods`],
      ['POST', `/users/${OTHER}/revokeSignInSessions`],
      ['GET', '/reports/authenticationMethods/userRegistrationDetails'],
      ['GET', '/auditLogs/directoryAudits'],
      ['GET', '/policies/authenticationMethodsPolicy'],
      ['GET', '/domains'],
      ['GET', '/organization'],
      ['GET', '/subscribedSkus'],
      ['GET', '/directory/onPremisesSynchronization'],
      ['POST', '/me/sendMail'],
    ] as const)
      expect(decide(method, path, app), `${method} ${path}`).toMatchObject({ ok: true });
    expect(decide('PATCH', `/users/${OTHER}`, app, { accountEnabled: true }).ok).toBe(true);
    expect(decide('PATCH', `/users/${OTHER}`, app, { passwordProfile: {} }).ok).toBe(false);
  });

  it('holds only delegated grants for the roots the app touches', () => {
    expect(SCOPE_TABLE.get('POST /users/{id}/authentication/methods/{id}/resetpassword')?.grants).toEqual([
      'UserAuthenticationMethod.ReadWrite.All',
    ]);
    expect([...SCOPE_TABLE.keys()].every((k) => /^(GET|POST|PATCH|PUT|DELETE) \/[a-z]/.test(k))).toBe(true);
  });
});

describe('the handler applies the rule before any route', () => {
  const h = harness();
  const ga = h.as('global.admin@contoso.com');

  it('refuses a token without the scope even for a Global Administrator', async () => {
    const r = await ga('GET', '/users?$top=1', { scopes: ['Mail.Send'] });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('Authorization_RequestDenied');
    expect(r.json.error.innerError['request-id']).toBeTypeOf('string');
    expect((await ga('GET', '/users?$top=1', { scopes: ['User.ReadBasic.All'] })).status).toBe(200);
  });

  it('refuses PATCH accountEnabled with only User.Read.All and leaves the user untouched', async () => {
    const target = h.dir.findUserByUpn('alex.cloud@contoso.com');
    const before = target?.accountEnabled;
    const r = await ga('PATCH', '/users/alex.cloud@contoso.com', {
      body: { accountEnabled: !before },
      scopes: ['User.Read.All'],
    });
    expect(r.status).toBe(403);
    expect(target?.accountEnabled).toBe(before);
  });

  it('checks every $batch item on its own', async () => {
    const r = await ga('POST', '/$batch', {
      scopes: ['User.Read.All'],
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users/alex.cloud@contoso.com?$select=id' },
          { id: '2', method: 'GET', url: '/auditLogs/directoryAudits?$top=1' },
          { id: '3', method: 'GET', url: '/domains' },
        ],
      },
    });
    expect(r.status).toBe(200);
    const status = Object.fromEntries(
      (r.json.responses as { id: string; status: number }[]).map((x) => [x.id, x.status]),
    );
    expect(status).toEqual({ '1': 200, '2': 403, '3': 403 });
  });
});
