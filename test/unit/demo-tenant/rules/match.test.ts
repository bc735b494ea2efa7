// Request path → permissions.json template, for the paths Resetline and the demo tenant use, over
// the vendored map itself (a template the map lacks would make the rule refuse a real call).
import { describe, expect, it } from 'vitest';
import { normalizeRequestPath, TemplateIndex } from '../../../../src/demo-tenant/rules/match';
import { TEMPLATES } from '../../../../src/demo-tenant/rules/scopes';

const U = '6e7b768e-07e2-4810-8459-485f84f8f204';
const OP = '2d497bb0-57bd-47a6-8749-5ccd0869f2bd';
const PASSWORD = '28c10230-6103-485e-b985-444c60001490';
const PHONE = '3179e48a-750b-4051-897c-87b9720928f7';
const GUEST = encodeURIComponent('guest_fabrikam.com#EXT#@contoso.onmicrosoft.com');

const CASES: [request: string, template: string][] = [
  ['/me', '/me'],
  ['/me?$select=id,displayName,userPrincipalName', '/me'],
  ['/users?$select=id,displayName&$top=999', '/users'],
  ['/users?$search="displayName:al"&$count=true', '/users'],
  ['/users/$count', '/users'],
  [`/users/${U}`, '/users/{id}'],
  [`/users/${encodeURIComponent('alex.cloud@contoso.com')}`, '/users/{id}'],
  ['/users/alex.cloud@contoso.com', '/users/{id}'],
  [`/users/${GUEST}/authentication/methods`, '/users/{id}/authentication/methods'],
  [`/users('${U}')/manager`, '/users/{id}/manager'],
  [`/users/${U}/manager?$select=id,displayName`, '/users/{id}/manager'],
  ['/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true', '/me/transitivememberof'],
  [
    `/users/${U}/transitiveMemberOf/microsoft.graph.directoryRole?$select=id,roleTemplateId`,
    '/users/{id}/transitivememberof',
  ],
  [`/users/${U}/transitiveMemberOf/microsoft.graph.group/$count`, '/users/{id}/transitivememberof'],
  [
    `/users/${U}/memberOf/microsoft.graph.group?$count=true&$select=id,displayName,isAssignableToRole`,
    '/users/{id}/memberof',
  ],
  ['/me/memberOf?$select=id,displayName,roleTemplateId', '/me/memberof'],
  [
    `/roleManagement/directory/roleAssignments?$filter=principalId eq '${U}'`,
    '/rolemanagement/directory/roleassignments',
  ],
  [
    `/users/${U}/authentication/methods/${PASSWORD}/resetPassword`,
    '/users/{id}/authentication/methods/{id}/resetpassword',
  ],
  [
    `/users/${U}/authentication/passwordMethods/${PASSWORD}/resetPassword`,
    '/users/{id}/authentication/passwordmethods/{id}/resetpassword',
  ],
  [
    `/users/${U}/authentication/operations/${OP}?aadgdc=DEMO01&aadgsu=ssprprod-a`,
    '/users/{id}/authentication/operations/{id}',
  ],
  [`/users/${U}/authentication/temporaryAccessPassMethods`, '/users/{id}/authentication/temporaryaccesspassmethods'],
  [`/users/${U}/authentication/phoneMethods/${PHONE}`, '/users/{id}/authentication/phonemethods/{id}'],
  // FIDO2 method ids are not GUIDs; the collection's key slot still takes them.
  [`/users/${U}/authentication/fido2Methods/-2_GRUg2-HYz6_1YG4YRAQ2`, '/users/{id}/authentication/fido2methods/{id}'],
  [`/users/${U}/revokeSignInSessions`, '/users/{id}/revokesigninsessions'],
  [`/users/${U}/sendMail`, '/users/{id}/sendmail'],
  ['/me/sendMail', '/me/sendmail'],
  [
    '/reports/authenticationMethods/userRegistrationDetails?$top=999',
    '/reports/authenticationmethods/userregistrationdetails',
  ],
  [
    `/reports/authenticationMethods/userRegistrationDetails/${U}`,
    '/reports/authenticationmethods/userregistrationdetails/{id}',
  ],
  [
    "/reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='all')",
    '/reports/authenticationmethods/usersregisteredbyfeature',
  ],
  ['/policies/authenticationMethodsPolicy', '/policies/authenticationmethodspolicy'],
  // A literal key the map lists by name wins over the `{id}` slot.
  [
    '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass',
    '/policies/authenticationmethodspolicy/authenticationmethodconfigurations/temporaryaccesspass',
  ],
  [
    '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/SomeFutureMethod',
    '/policies/authenticationmethodspolicy/authenticationmethodconfigurations/{id}',
  ],
  [
    "/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Reset password (self-service)'",
    '/auditlogs/directoryaudits',
  ],
  ['/directory/onPremisesSynchronization', '/directory/onpremisessynchronization'],
  ['/domains', '/domains'],
  ['/organization', '/organization'],
  ['/subscribedSkus', '/subscribedskus'],
];

describe('matching a request to the permissions map', () => {
  it.each(CASES)('%s → %s', (request, template) => {
    expect(TEMPLATES.match(request)?.template).toBe(template);
  });

  it('finds no template for a segment Graph does not have', () => {
    expect(TEMPLATES.match(`/users/${U}/notARelationship`)).toBeUndefined();
    expect(TEMPLATES.match('/nonsense')).toBeUndefined();
    expect(TEMPLATES.match(`/users/${U}/authentication/methods/${PASSWORD}/resetPassword/again`)).toBeUndefined();
  });

  it('keeps the segments as the client wrote them, percent-decoded, aligned with the template', () => {
    const m = TEMPLATES.match(`/users/${GUEST}/authentication/Methods/${PASSWORD}/resetPassword?x=1`);
    expect(m?.segments).toEqual(['users', '{id}', 'authentication', 'methods', '{id}', 'resetpassword']);
    expect(m?.original).toEqual([
      'users',
      'guest_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      'authentication',
      'Methods',
      PASSWORD,
      'resetPassword',
    ]);
  });
});

describe('normalizing a request path', () => {
  it('turns GUIDs, UPNs and keys in parentheses into {id} and keeps function calls whole', () => {
    expect(normalizeRequestPath(`/users('${U}')/memberOf`).segments).toEqual(['users', '{id}', 'memberof']);
    expect(normalizeRequestPath(`/Users/${U.toUpperCase()}`).segments).toEqual(['users', '{id}']);
    expect(normalizeRequestPath('/users/delta()').segments).toEqual(['users', 'delta()']);
    expect(normalizeRequestPath("/reports/getFoo(period='D7')").segments).toEqual(['reports', "getfoo(period='d7')"]);
  });

  it('drops a trailing $count, then a trailing cast, but never the root', () => {
    expect(normalizeRequestPath('/me/memberOf/microsoft.graph.group/$count').segments).toEqual(['me', 'memberof']);
    expect(normalizeRequestPath('/users/$count').segments).toEqual(['users']);
    expect(normalizeRequestPath('/$count').segments).toEqual(['$count']);
  });

  it('prefers literal segments from the left over key slots', () => {
    const idx = new TemplateIndex(['/a/{id}/c', '/a/b/{id}', '/a/{id}/{id}']);
    expect(idx.match('/a/b/c')?.template).toBe('/a/b/{id}');
    expect(idx.match('/a/x/c')?.template).toBe('/a/{id}/c');
    expect(idx.match('/a/x/y')?.template).toBe('/a/{id}/{id}');
    expect(idx.match('/a/x/$value')).toBeUndefined();
  });
});
