// The tenant-level records of the seed: the organization and its domains, the authentication
// methods policy (with Temporary Access Pass settings) and the subscribed SKU.
import type { AuthMethodsPolicy, DemoSku, DemoTenant, DemoUser, TapPolicy } from '../model-types';
import { DEMO_DOMAIN, INITIAL_DOMAIN } from './fixtures';

export function demoTenant(
  tenantId: string,
  o: { premium: boolean; writeback: boolean; createdDateTime: string },
): DemoTenant {
  return {
    tenantId,
    displayName: 'Contoso (Resetline demo)',
    premium: o.premium,
    writeback: o.writeback,
    syncAgent: 'Microsoft Entra Connect',
    domains: [
      {
        id: DEMO_DOMAIN,
        isDefault: true,
        isInitial: false,
        isVerified: true,
        authenticationType: 'Managed',
        passwordValidityPeriodInDays: 90,
        passwordNotificationWindowInDays: 14,
        supportedServices: ['Email', 'OfficeCommunicationsOnline'],
      },
      {
        id: INITIAL_DOMAIN,
        isDefault: false,
        isInitial: true,
        isVerified: true,
        authenticationType: 'Managed',
        passwordValidityPeriodInDays: 90,
        passwordNotificationWindowInDays: 14,
        supportedServices: ['Email'],
      },
    ],
    skus: [],
    createdDateTime: o.createdDateTime,
    city: 'Redmond',
    countryLetterCode: 'US',
    ssprMethodsRequired: 1,
  };
}

export function demoPolicy(lastModifiedDateTime: string, tap: Partial<TapPolicy> | undefined): AuthMethodsPolicy {
  return {
    states: {
      Fido2: 'enabled',
      MicrosoftAuthenticator: 'enabled',
      Sms: 'enabled',
      Voice: 'enabled',
      Email: 'enabled',
      TemporaryAccessPass: 'enabled',
      SoftwareOath: 'enabled',
      X509Certificate: 'disabled',
    },
    tap: {
      state: 'enabled',
      defaultLength: 8,
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
      ...tap,
    },
    lastModifiedDateTime,
  };
}

export function demoSkus(premium: boolean, users: readonly DemoUser[]): DemoSku[] {
  return [
    {
      skuId: premium ? '06ebc4ee-1bb5-47dd-8120-11324bc54e06' : '3b555118-da6a-4418-894f-7df1e2096870',
      skuPartNumber: premium ? 'SPE_E5' : 'O365_BUSINESS_ESSENTIALS',
      prepaidUnits: Math.max(25, Math.ceil(users.length * 1.1)),
      consumedUnits: users.filter((u) => u.userType === 'Member').length,
      servicePlans: premium
        ? [{ servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d', servicePlanName: 'AAD_PREMIUM' }]
        : [],
    },
  ];
}
