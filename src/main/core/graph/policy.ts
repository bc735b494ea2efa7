// Tenant-wide reads behind the Policy screen and the writeback card: the authentication methods
// policy, the Temporary Access Pass configuration, domains, licences, the organization and on-premises
// directory synchronization. Each names its catalogue entry (core/graph/catalogue.ts) and its page.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { read, type Page } from './paging';

// catalogue: policy.authMethods — api-reference/v1.0/api/authenticationmethodspolicy-get.md
export const getAuthMethodsPolicy = (client: Client) =>
  read(
    () =>
      client.api('/policies/authenticationMethodsPolicy').get() as Promise<MicrosoftGraph.AuthenticationMethodsPolicy>,
  );

// catalogue: policy.tap — api-reference/v1.0/api/temporaryaccesspassauthenticationmethodconfiguration-get.md
export const getTapPolicy = (client: Client) =>
  read(
    () =>
      client
        .api('/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass')
        .get() as Promise<MicrosoftGraph.TemporaryAccessPassAuthenticationMethodConfiguration>,
  );

// catalogue: policy.domains — api-reference/v1.0/api/domain-list.md
export const getDomains = (client: Client) =>
  read(async () => ((await client.api('/domains').get()) as Page<MicrosoftGraph.Domain>).value);

// catalogue: policy.licences — api-reference/v1.0/api/subscribedsku-list.md
export const getSubscribedSkus = (client: Client) =>
  read(async () => ((await client.api('/subscribedSkus').get()) as Page<MicrosoftGraph.SubscribedSku>).value);

// catalogue: writeback.organization — api-reference/v1.0/api/organization-list.md
export const getOrganization = (client: Client) =>
  read(async () => ((await client.api('/organization').get()) as Page<MicrosoftGraph.Organization>).value[0] ?? null);

/**
 * The tenant's on-premises directory synchronization object (the collection holds at most one).
 * Documented for the Global Administrator role only in delegated scenarios.
 */
// catalogue: writeback.onPremisesSynchronization — api-reference/v1.0/api/onpremisesdirectorysynchronization-get.md
export const getOnPremisesSynchronization = (client: Client) =>
  read(
    async () =>
      (
        (await client
          .api('/directory/onPremisesSynchronization')
          .get()) as Page<MicrosoftGraph.OnPremisesDirectorySynchronization>
      ).value[0],
  );
