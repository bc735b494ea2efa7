// Password writeback, read the two ways Graph exposes it: the organization says whether the tenant
// syncs from on-premises AD at all, and /directory/onPremisesSynchronization says whether passwords
// are written back. The second needs its own permission and, per Microsoft, the Global Administrator
// role, so a refusal there becomes an error that names both.
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { WRITEBACK_PERMISSION, type WritebackPolicy } from '../../../shared/policy';
import { ResetlineError } from '../../../shared/result';
import type { GraphCloud } from '../../../shared/settings';
import { callAvailable } from '../graph/availability';
import { graphCall } from '../graph/catalogue';
import { mapGraphError } from '../graph/errors';
import { getOnPremisesSynchronization, getOrganization } from '../graph/policy';

export async function fetchWriteback(client: Client, cloud: GraphCloud = 'global'): Promise<WritebackPolicy> {
  const org = await getOrganization(client);
  const syncEnabled = org?.onPremisesSyncEnabled === true;
  const lastSyncDateTime = org?.onPremisesLastSyncDateTime ?? null;
  // A cloud-only tenant has nothing to write back to: no need for the Global Administrator-only read;
  // and the directory synchronization API exists in the global service only (its page).
  if (!syncEnabled || !callAvailable(cloud, graphCall('writeback.onPremisesSynchronization'))) {
    return { syncEnabled, lastSyncDateTime, passwordSyncEnabled: false, passwordWritebackEnabled: false };
  }
  let sync: MicrosoftGraph.OnPremisesDirectorySynchronization | undefined;
  try {
    sync = await getOnPremisesSynchronization(client);
  } catch (error) {
    const mapped = mapGraphError(error);
    if (mapped.code === 'insufficient_role' || mapped.code === 'consent_required') {
      throw new ResetlineError(
        mapped.code,
        `Reading password writeback needs the Microsoft Graph permission ${WRITEBACK_PERMISSION} (admin-consented) and the Global Administrator role; Microsoft allows no other role.`,
        mapped.requestId,
      );
    }
    throw mapped;
  }
  const features = sync?.features;
  return {
    syncEnabled,
    lastSyncDateTime,
    passwordSyncEnabled: features?.passwordSyncEnabled === true,
    passwordWritebackEnabled: features?.passwordWritebackEnabled === true,
  };
}
