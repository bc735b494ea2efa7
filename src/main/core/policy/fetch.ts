// Reads each policy part from Graph and reduces it to what Resetline decides with.
import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  AuthMethodPolicyEntry,
  DomainPasswordPolicy,
  LicenceSummary,
  PolicyPart,
  PolicyValues,
  TapPolicy,
} from '../../../shared/policy';
import { getAuthMethodsPolicy, getDomains, getSubscribedSkus, getTapPolicy } from '../graph/policy';
import { assertNever, ResetlineError } from '../../../shared/result';
import type { GraphCloud } from '../../../shared/settings';
import { callAvailable, GRAPH_CLOUD_NAMES } from '../graph/availability';
import { graphCall } from '../graph/catalogue';
import { fetchWriteback } from './writeback';

const P1_PLANS = new Set(['AAD_PREMIUM', 'AAD_PREMIUM_P2']);

/** Each part's catalogue entry, to know whether the tenant's cloud has it (writeback decides inside). */
const PART_CALL: Partial<Record<PolicyPart, string>> = {
  authMethods: 'policy.authMethods',
  tap: 'policy.tap',
  domains: 'policy.domains',
  licences: 'policy.licences',
};

export async function fetchPolicyPart<K extends PolicyPart>(
  client: Client,
  part: K,
  cloud: GraphCloud = 'global',
): Promise<PolicyValues[K]> {
  const id = PART_CALL[part];
  if (id && !callAvailable(cloud, graphCall(id))) {
    const call = graphCall(id);
    throw new ResetlineError(
      'not_in_cloud',
      `${GRAPH_CLOUD_NAMES[cloud]} has no ${call.method} ${call.path}: ${call.purpose}`,
    );
  }
  switch (part) {
    case 'authMethods': {
      const policy = await getAuthMethodsPolicy(client);
      const entries: AuthMethodPolicyEntry[] = (policy.authenticationMethodConfigurations ?? []).map((c) => ({
        id: c.id ?? 'unknown',
        state: c.state === 'enabled' ? 'enabled' : 'disabled',
        includeTargets: ((c as { includeTargets?: { id?: string }[] }).includeTargets ?? []).map((t) => t.id ?? ''),
      }));
      return entries as PolicyValues[K];
    }
    case 'tap': {
      const c = await getTapPolicy(client);
      const tap: TapPolicy = {
        state: c.state === 'enabled' ? 'enabled' : 'disabled',
        defaultLifetimeInMinutes: c.defaultLifetimeInMinutes ?? 60,
        minimumLifetimeInMinutes: c.minimumLifetimeInMinutes ?? 60,
        maximumLifetimeInMinutes: c.maximumLifetimeInMinutes ?? 480,
        defaultLength: c.defaultLength ?? 8,
        isUsableOnce: c.isUsableOnce ?? false,
      };
      return tap as PolicyValues[K];
    }
    case 'domains': {
      const domains: DomainPasswordPolicy[] = (await getDomains(client))
        .filter((d) => d.isVerified !== false)
        .map((d) => ({
          id: d.id ?? '',
          isDefault: d.isDefault ?? false,
          passwordValidityPeriodInDays: d.passwordValidityPeriodInDays ?? 90,
          passwordNotificationWindowInDays: d.passwordNotificationWindowInDays ?? 14,
        }));
      return domains as PolicyValues[K];
    }
    case 'licences': {
      const skus = await getSubscribedSkus(client);
      const plans = skus
        .filter((s) => s.capabilityStatus === 'Enabled')
        .flatMap((s) => (s.servicePlans ?? []).filter((p) => p.provisioningStatus !== 'Disabled'))
        .map((p) => p.servicePlanName ?? '');
      const licences: LicenceSummary = {
        entraP1: plans.some((p) => P1_PLANS.has(p)),
        entraP2: plans.includes('AAD_PREMIUM_P2'),
        skus: skus.map((s) => ({ skuPartNumber: s.skuPartNumber ?? '', enabledUnits: s.prepaidUnits?.enabled ?? 0 })),
      };
      return licences as PolicyValues[K];
    }
    case 'writeback':
      return (await fetchWriteback(client, cloud)) as PolicyValues[K];
    default:
      return assertNever(part, 'policy part');
  }
}
