// Every resource the demo tenant serves, read with the REAL Graph client over TLS and checked key by
// key against the @microsoft/microsoft-graph-types interface it claims to be (a key Graph does not
// document fails to compile; a missing or extra key fails the test).
import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  AuthenticationMethodsPolicy,
  DirectoryAudit,
  Domain,
  EmailAuthenticationMethod,
  Fido2AuthenticationMethod,
  MicrosoftAuthenticatorAuthenticationMethod,
  Organization,
  PasswordAuthenticationMethod,
  PhoneAuthenticationMethod,
  PlatformCredentialAuthenticationMethod,
  SoftwareOathAuthenticationMethod,
  SubscribedSku,
  TemporaryAccessPassAuthenticationMethodConfiguration,
  User,
  UserRegistrationDetails,
  UserRegistrationFeatureSummary,
  UserRegistrationMethodSummary,
  WindowsHelloForBusinessAuthenticationMethod,
} from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTenant, type TestTenant } from './identity-helpers';
import { clientFor, expectDocumentedShape } from './graph-helpers';

let t: TestTenant;
let ga: Client;
beforeAll(async () => {
  t = await startTestTenant({ users: 120, seed: 3 });
  ga = await clientFor(t, 'global.admin@contoso.com');
});
afterAll(async () => {
  await t?.close();
});

type Typed = { '@odata.type': string };

describe('documented shapes', () => {
  it('authentication methods, one interface per @odata.type', async () => {
    const r = (await ga.api('/users/erin.everything@contoso.com/authentication/methods').get()) as { value: Typed[] };
    const byType = new Map(r.value.map((m) => [m['@odata.type'], m]));
    expectDocumentedShape<PasswordAuthenticationMethod>(byType.get('#microsoft.graph.passwordAuthenticationMethod'), [
      'id',
      'password',
      'createdDateTime',
    ]);
    expectDocumentedShape<PhoneAuthenticationMethod>(byType.get('#microsoft.graph.phoneAuthenticationMethod'), [
      'id',
      'phoneNumber',
      'phoneType',
      'smsSignInState',
    ]);
    expectDocumentedShape<EmailAuthenticationMethod>(byType.get('#microsoft.graph.emailAuthenticationMethod'), [
      'id',
      'emailAddress',
    ]);
    expectDocumentedShape<MicrosoftAuthenticatorAuthenticationMethod>(
      byType.get('#microsoft.graph.microsoftAuthenticatorAuthenticationMethod'),
      ['id', 'displayName', 'deviceTag', 'phoneAppVersion', 'createdDateTime'],
    );
    expectDocumentedShape<Fido2AuthenticationMethod>(byType.get('#microsoft.graph.fido2AuthenticationMethod'), [
      'id',
      'displayName',
      'createdDateTime',
      'aaGuid',
      'model',
      'attestationCertificates',
      'attestationLevel',
    ]);
    expectDocumentedShape<WindowsHelloForBusinessAuthenticationMethod>(
      byType.get('#microsoft.graph.windowsHelloForBusinessAuthenticationMethod'),
      ['id', 'displayName', 'createdDateTime', 'keyStrength'],
    );
    expectDocumentedShape<SoftwareOathAuthenticationMethod>(
      byType.get('#microsoft.graph.softwareOathAuthenticationMethod'),
      ['id', 'secretKey'],
    );
    expectDocumentedShape<PlatformCredentialAuthenticationMethod>(
      byType.get('#microsoft.graph.platformCredentialAuthenticationMethod'),
      ['id', 'displayName', 'createdDateTime', 'keyStrength', 'platform'],
    );
  });

  it('user with the properties Resetline selects', async () => {
    const u = (await ga
      .api('/users/sam.synced@contoso.com')
      .select(
        'id,displayName,userPrincipalName,mail,jobTitle,department,employeeId,accountEnabled,onPremisesSyncEnabled,userType,officeLocation,createdDateTime,lastPasswordChangeDateTime,passwordPolicies,employeeHireDate',
      )
      .get()) as unknown;
    expectDocumentedShape<User>(u, [
      'id',
      'displayName',
      'userPrincipalName',
      'mail',
      'jobTitle',
      'department',
      'employeeId',
      'accountEnabled',
      'onPremisesSyncEnabled',
      'userType',
      'officeLocation',
      'createdDateTime',
      'lastPasswordChangeDateTime',
      'passwordPolicies',
      'employeeHireDate',
    ]);
    expect(u).toMatchObject({ onPremisesSyncEnabled: true, passwordPolicies: 'DisablePasswordExpiration' });
  });

  it('every user property the demo serves is a documented user property', async () => {
    const all: (keyof User & string)[] = [
      'id',
      'businessPhones',
      'displayName',
      'givenName',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
      'accountEnabled',
      'userType',
      'department',
      'employeeId',
      'employeeHireDate',
      'onPremisesSyncEnabled',
      'onPremisesSamAccountName',
      'onPremisesLastSyncDateTime',
      'lastPasswordChangeDateTime',
      'passwordPolicies',
      'passwordProfile',
      'createdDateTime',
      'otherMails',
      'signInSessionsValidFromDateTime',
      'externalUserState',
      'mailNickname',
      'usageLocation',
      'creationType',
      'companyName',
      'city',
      'country',
      'state',
      'streetAddress',
      'postalCode',
      'faxNumber',
      'ageGroup',
      'employeeType',
      'imAddresses',
      'proxyAddresses',
      'showInAddressList',
      'isResourceAccount',
      'externalUserStateChangeDateTime',
      'onPremisesDomainName',
      'onPremisesUserPrincipalName',
      'onPremisesImmutableId',
      'onPremisesDistinguishedName',
      'onPremisesSecurityIdentifier',
      'identities',
    ];
    const u = (await ga.api('/users/sam.synced@contoso.com').select(all).get()) as unknown;
    expectDocumentedShape<User>(u, all);
  });

  it('registration details and summaries', async () => {
    const r = (await ga.api('/reports/authenticationMethods/userRegistrationDetails').top(5).get()) as {
      value: unknown[];
    };
    expectDocumentedShape<UserRegistrationDetails>(r.value[0], [
      'id',
      'userPrincipalName',
      'userDisplayName',
      'userType',
      'isAdmin',
      'isSsprRegistered',
      'isSsprEnabled',
      'isSsprCapable',
      'isMfaRegistered',
      'isMfaCapable',
      'isPasswordlessCapable',
      'isSystemPreferredAuthenticationMethodEnabled',
      'systemPreferredAuthenticationMethods',
      'userPreferredMethodForSecondaryAuthentication',
      'methodsRegistered',
      'lastUpdatedDateTime',
    ]);
    const f = (await ga
      .api("/reports/authenticationMethods/usersRegisteredByFeature(includedUserTypes='all',includedUserRoles='all')")
      .get()) as unknown;
    expectDocumentedShape<UserRegistrationFeatureSummary>(f, [
      'totalUserCount',
      'userRegistrationFeatureCounts',
      'userRoles',
      'userTypes',
    ]);
    const m = (await ga
      .api("/reports/authenticationMethods/usersRegisteredByMethod(includedUserTypes='all',includedUserRoles='all')")
      .get()) as unknown;
    expectDocumentedShape<UserRegistrationMethodSummary>(m, [
      'totalUserCount',
      'userRegistrationMethodCounts',
      'userRoles',
      'userTypes',
    ]);
  });

  it('directory audits', async () => {
    const r = (await ga.api('/auditLogs/directoryAudits').top(1).get()) as { value: unknown[] };
    expectDocumentedShape<DirectoryAudit>(r.value[0], [
      'id',
      'category',
      'correlationId',
      'result',
      'resultReason',
      'activityDisplayName',
      'activityDateTime',
      'loggedByService',
      'operationType',
      'initiatedBy',
      'targetResources',
      'additionalDetails',
    ]);
  });

  it('policy, TAP configuration, domains, organization, SKUs', async () => {
    const p = (await ga.api('/policies/authenticationMethodsPolicy').get()) as unknown;
    expectDocumentedShape<AuthenticationMethodsPolicy>(p, [
      'id',
      'displayName',
      'description',
      'lastModifiedDateTime',
      'policyVersion',
      'policyMigrationState',
      'reconfirmationInDays',
      'registrationEnforcement',
      'authenticationMethodConfigurations',
    ]);
    const tap = (await ga
      .api('/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass')
      .get()) as unknown;
    expectDocumentedShape<TemporaryAccessPassAuthenticationMethodConfiguration>(tap, [
      'id',
      'state',
      'excludeTargets',
      'includeTargets',
      'defaultLifetimeInMinutes',
      'defaultLength',
      'minimumLifetimeInMinutes',
      'maximumLifetimeInMinutes',
      'isUsableOnce',
    ]);
    const d = (await ga.api('/domains').get()) as { value: unknown[] };
    expectDocumentedShape<Domain>(d.value[0], [
      'id',
      'authenticationType',
      'availabilityStatus',
      'isAdminManaged',
      'isDefault',
      'isInitial',
      'isRoot',
      'isVerified',
      'passwordNotificationWindowInDays',
      'passwordValidityPeriodInDays',
      'supportedServices',
      'state',
    ]);
    const o = (await ga.api('/organization').get()) as { value: unknown[] };
    expectDocumentedShape<Organization>(o.value[0], [
      'id',
      'displayName',
      'tenantType',
      'city',
      'countryLetterCode',
      'createdDateTime',
      'onPremisesSyncEnabled',
      'onPremisesLastSyncDateTime',
      'technicalNotificationMails',
      'verifiedDomains',
      'assignedPlans',
    ]);
    const s = (await ga.api('/subscribedSkus').get()) as { value: unknown[] };
    expectDocumentedShape<SubscribedSku>(s.value[0], [
      'id',
      'accountName',
      'appliesTo',
      'capabilityStatus',
      'consumedUnits',
      'prepaidUnits',
      'servicePlans',
      'skuId',
      'skuPartNumber',
    ]);
  });
});
