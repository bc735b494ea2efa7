// The tenant's own country, for phone numbers an agent types without their country code.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { read, type Page } from './paging';

/**
 * catalogue: search.organization — api-reference/v1.0/api/organization-list.md; `countryLetterCode` is
 * the organization's country or region abbreviation (resources/organization.md), two letters such as
 * "US". Null when the tenant has none or libphonenumber-js knows no such region.
 */
export async function getTenantCountry(client: Client): Promise<CountryCode | null> {
  const org = await read(
    async () =>
      ((await client.api('/organization').select('countryLetterCode').get()) as Page<MicrosoftGraph.Organization>)
        .value[0] ?? null,
  );
  const code = org?.countryLetterCode?.trim().toUpperCase() ?? '';
  return code !== '' && isSupportedCountry(code) ? code : null;
}
