// Tenant-wide reads: policies, domains, licences, the registration report and directory audits.
// Collections are walked page by page through @odata.nextLink, which is followed verbatim.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { mapGraphError } from './errors';

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** Yields each page of a collection; the caller can stop (cancel) between pages. */
export async function* pages<T>(client: Client, firstUrl: string, signal?: AbortSignal): AsyncGenerator<T[]> {
  let url: string | undefined = firstUrl;
  while (url) {
    if (signal?.aborted) return;
    let page: Page<T>;
    try {
      page = (await client.api(url).get()) as Page<T>;
    } catch (error) {
      throw mapGraphError(error);
    }
    yield page.value ?? [];
    url = page['@odata.nextLink'];
  }
}

async function read<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapGraphError(error);
  }
}

export function registrationDetailsPages(client: Client, filter?: string, signal?: AbortSignal) {
  const query = filter ? `?$filter=${encodeURIComponent(filter)}` : '';
  return pages<MicrosoftGraph.UserRegistrationDetails>(
    client,
    `/reports/authenticationMethods/userRegistrationDetails${query}`,
    signal,
  );
}

export const getAuthMethodsPolicy = (client: Client) =>
  read(
    () =>
      client.api('/policies/authenticationMethodsPolicy').get() as Promise<MicrosoftGraph.AuthenticationMethodsPolicy>,
  );

export const getTapPolicy = (client: Client) =>
  read(
    () =>
      client
        .api('/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass')
        .get() as Promise<MicrosoftGraph.TemporaryAccessPassAuthenticationMethodConfiguration>,
  );

export const getDomains = (client: Client) =>
  read(async () => ((await client.api('/domains').get()) as Page<MicrosoftGraph.Domain>).value);

export const getSubscribedSkus = (client: Client) =>
  read(async () => ((await client.api('/subscribedSkus').get()) as Page<MicrosoftGraph.SubscribedSku>).value);

export const getOrganization = (client: Client) =>
  read(async () => ((await client.api('/organization').get()) as Page<MicrosoftGraph.Organization>).value[0] ?? null);

export interface DirectoryAuditQuery {
  from: string;
  to: string;
  /** e.g. "Self-service Password Management" or "Core Directory" */
  loggedByService?: string;
  targetUserId?: string;
  /** e.g. "Reset password (by admin)", whichever service logged it */
  activity?: string;
}

export function directoryAuditPages(client: Client, q: DirectoryAuditQuery, signal?: AbortSignal) {
  const clauses = [`activityDateTime ge ${q.from}`, `activityDateTime le ${q.to}`];
  if (q.loggedByService) clauses.push(`loggedByService eq '${q.loggedByService.replace(/'/g, "''")}'`);
  if (q.activity) clauses.push(`activityDisplayName eq '${q.activity.replace(/'/g, "''")}'`);
  if (q.targetUserId) clauses.push(`targetResources/any(t:t/id eq '${q.targetUserId.replace(/'/g, "''")}')`);
  return pages<MicrosoftGraph.DirectoryAudit>(
    client,
    `/auditLogs/directoryAudits?$filter=${encodeURIComponent(clauses.join(' and '))}`,
    signal,
  );
}
