// Tenant-level reads: the authentication methods policy (with TAP settings), domains (password
// expiry), organization, subscribed SKUs and directory synchronization (password writeback).
import type { GraphResponse } from '../contracts';
import type { PolicyMethodId } from '../model';
import { allowsRoles } from '../rules/api-roles';
import { json, type Ctx } from './context';
import { forbidden, notFound } from './errors';
import { assertNever } from '../never';

const ALL_USERS = { targetType: 'group', id: 'all_users', isRegistrationRequired: false };

function configuration(ctx: Ctx, id: PolicyMethodId): Record<string, unknown> {
  const state = ctx.dir.policy.states[id];
  const base = { id, state, excludeTargets: [] as unknown[] };
  switch (id) {
    case 'Fido2':
      return {
        '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
        ...base,
        isAttestationEnforced: false,
        isSelfServiceRegistrationAllowed: true,
        keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
        includeTargets: [ALL_USERS],
      };
    case 'MicrosoftAuthenticator':
      return {
        '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration',
        ...base,
        isSoftwareOathEnabled: false,
        includeTargets: [{ ...ALL_USERS, authenticationMode: 'any' }],
      };
    case 'Sms':
      return {
        '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
        ...base,
        includeTargets: [{ ...ALL_USERS, isUsableForSignIn: false }],
      };
    case 'Voice':
      return {
        '@odata.type': '#microsoft.graph.voiceAuthenticationMethodConfiguration',
        ...base,
        isOfficePhoneAllowed: true,
        includeTargets: [ALL_USERS],
      };
    case 'Email':
      return {
        '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration',
        ...base,
        allowExternalIdToUseEmailOtp: 'default',
        includeTargets: [ALL_USERS],
      };
    case 'SoftwareOath':
      return {
        '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethodConfiguration',
        ...base,
        includeTargets: [ALL_USERS],
      };
    case 'X509Certificate':
      return {
        '@odata.type': '#microsoft.graph.x509CertificateAuthenticationMethodConfiguration',
        ...base,
        certificateUserBindings: [],
        authenticationModeConfiguration: {
          x509CertificateAuthenticationDefaultMode: 'x509CertificateSingleFactor',
          rules: [],
        },
        includeTargets: [ALL_USERS],
      };
    case 'TemporaryAccessPass': {
      const t = ctx.dir.policy.tap;
      return {
        '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
        ...base,
        state: t.state,
        defaultLifetimeInMinutes: t.defaultLifetimeInMinutes,
        defaultLength: t.defaultLength,
        minimumLifetimeInMinutes: t.minimumLifetimeInMinutes,
        maximumLifetimeInMinutes: t.maximumLifetimeInMinutes,
        isUsableOnce: t.isUsableOnce,
        includeTargets: [ALL_USERS],
      };
    }
    default:
      return assertNever(id, 'policy method');
  }
}

const POLICY_IDS: readonly PolicyMethodId[] = [
  'Fido2',
  'MicrosoftAuthenticator',
  'Sms',
  'Voice',
  'Email',
  'TemporaryAccessPass',
  'SoftwareOath',
  'X509Certificate',
];

/** rules/api-roles.ts: readAuthMethodsPolicy, and readTapPolicy for the Temporary Access Pass configuration. */
function requirePolicyRead(ctx: Ctx, rule: 'readAuthMethodsPolicy' | 'readTapPolicy' = 'readAuthMethodsPolicy'): void {
  if (!allowsRoles(rule, ctx.roles)) throw forbidden();
}

export function getAuthMethodsPolicy(ctx: Ctx): GraphResponse {
  requirePolicyRead(ctx);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#policies/authenticationMethodsPolicy/$entity`,
    id: 'authenticationMethodsPolicy',
    displayName: 'Authentication Methods Policy',
    description:
      'The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings',
    lastModifiedDateTime: ctx.dir.policy.lastModifiedDateTime,
    policyVersion: '1.5',
    policyMigrationState: 'migrationComplete',
    reconfirmationInDays: 0,
    registrationEnforcement: {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 1,
        state: 'default',
        excludeTargets: [],
        includeTargets: [
          { id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' },
        ],
      },
    },
    authenticationMethodConfigurations: POLICY_IDS.map((id) => configuration(ctx, id)),
  });
}

export function getAuthMethodConfiguration(ctx: Ctx, rawId: string): GraphResponse {
  const id = POLICY_IDS.find((p) => p.toLowerCase() === decodeURIComponent(rawId).toLowerCase());
  requirePolicyRead(ctx, id === 'TemporaryAccessPass' ? 'readTapPolicy' : 'readAuthMethodsPolicy');
  if (!id) throw notFound(rawId);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
    ...configuration(ctx, id),
  });
}

export function listDomains(ctx: Ctx): GraphResponse {
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#domains`,
    value: ctx.dir.tenant.domains.map((d) => ({
      authenticationType: d.authenticationType,
      availabilityStatus: null,
      id: d.id,
      isAdminManaged: true,
      isDefault: d.isDefault,
      isInitial: d.isInitial,
      isRoot: true,
      isVerified: d.isVerified,
      passwordNotificationWindowInDays: d.passwordNotificationWindowInDays,
      passwordValidityPeriodInDays: d.passwordValidityPeriodInDays,
      supportedServices: d.supportedServices,
      state: null,
    })),
  });
}

export function getOrganization(ctx: Ctx): GraphResponse {
  const t = ctx.dir.tenant;
  const synced = ctx.dir.users.find((u) => u.onPremisesSyncEnabled === true);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#organization`,
    value: [
      {
        id: t.tenantId,
        displayName: t.displayName,
        tenantType: 'AAD',
        city: t.city,
        countryLetterCode: t.countryLetterCode,
        createdDateTime: t.createdDateTime,
        onPremisesSyncEnabled: synced !== undefined,
        onPremisesLastSyncDateTime: synced?.onPremisesLastSyncDateTime ?? null,
        technicalNotificationMails: [`global.admin@${t.domains.find((d) => d.isDefault)?.id ?? ''}`],
        verifiedDomains: t.domains.map((d) => ({
          capabilities: d.supportedServices.join(', '),
          isDefault: d.isDefault,
          isInitial: d.isInitial,
          name: d.id,
          type: d.authenticationType,
        })),
        assignedPlans: t.skus.flatMap((s) =>
          s.servicePlans.map((p) => ({
            assignedDateTime: t.createdDateTime,
            capabilityStatus: 'Enabled',
            service: p.servicePlanName,
            servicePlanId: p.servicePlanId,
          })),
        ),
      },
    ],
  });
}

export function listSubscribedSkus(ctx: Ctx): GraphResponse {
  const t = ctx.dir.tenant;
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#subscribedSkus`,
    value: t.skus.map((s) => ({
      accountName: t.displayName,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: s.consumedUnits,
      id: `${t.tenantId}_${s.skuId}`,
      prepaidUnits: { enabled: s.prepaidUnits, suspended: 0, warning: 0, lockedOut: 0 },
      servicePlans: s.servicePlans.map((p) => ({
        servicePlanId: p.servicePlanId,
        servicePlanName: p.servicePlanName,
        provisioningStatus: 'Success',
        appliesTo: 'User',
      })),
      skuId: s.skuId,
      skuPartNumber: s.skuPartNumber,
    })),
  });
}

/**
 * One onPremisesDirectorySynchronization object per tenant, id = the tenant id. A cloud-only tenant
 * still answers with every feature off. Global Administrator is the only role Graph supports here.
 */
function onPremisesSynchronization(ctx: Ctx): Record<string, unknown> {
  const t = ctx.dir.tenant;
  const synced = ctx.dir.users.some((u) => u.onPremisesSyncEnabled === true);
  return {
    id: t.tenantId,
    configuration: {
      accidentalDeletionPrevention: { synchronizationPreventionType: 'enabledForCount', alertThreshold: 500 },
    },
    features: {
      passwordSyncEnabled: synced,
      passwordWritebackEnabled: synced && t.writeback,
      directoryExtensionsEnabled: false,
      quarantineUponUpnConflictEnabled: true,
      quarantineUponProxyAddressesConflictEnabled: true,
      softMatchOnUpnEnabled: true,
      cloudPasswordPolicyForPasswordSyncedUsersEnabled: false,
      fopeConflictResolutionEnabled: false,
      unifiedGroupWritebackEnabled: false,
      userWritebackEnabled: false,
      deviceWritebackEnabled: false,
      synchronizeUpnForManagedUsersEnabled: true,
      userForcePasswordChangeOnLogonEnabled: false,
      concurrentOrgIdProvisioningEnabled: false,
      concurrentCredentialUpdateEnabled: false,
      groupWriteBackEnabled: false,
      blockSoftMatchEnabled: false,
      blockCloudObjectTakeoverThroughHardMatchEnabled: false,
      bypassDirSyncOverridesEnabled: false,
    },
  };
}

function requireOnPremSyncRead(ctx: Ctx): void {
  if (!allowsRoles('readOnPremSync', ctx.roles)) throw forbidden();
}

export function listOnPremisesSynchronization(ctx: Ctx): GraphResponse {
  requireOnPremSyncRead(ctx);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#directory/onPremisesSynchronization`,
    value: [onPremisesSynchronization(ctx)],
  });
}

export function getOnPremisesSynchronization(ctx: Ctx, rawId: string): GraphResponse {
  requireOnPremSyncRead(ctx);
  const id = decodeURIComponent(rawId);
  if (id.toLowerCase() !== ctx.dir.tenant.tenantId.toLowerCase()) throw notFound(id);
  return json(200, {
    '@odata.context': `${ctx.base}/$metadata#directory/onPremisesSynchronization/$entity`,
    ...onPremisesSynchronization(ctx),
  });
}
