// Which of Resetline's Graph calls exist in which national cloud, so a feature a cloud lacks is
// disabled before the agent tries it, with the reason. Source: the Graph v1.0 schema each cloud
// serves (vendor/microsoft-graph/cloud-paths.json, from microsoftgraph/msgraph-metadata
// schemas/v1.0-{Prod,Fairfax,Mooncake}.csdl) and the endpoints in concepts/deployments.md. Where an API
// page's national-cloud table takes a path away that the schema still lists, the page wins (PAGE_LIMITS).
// The demo tenant keeps its own copy of these rules (src/demo-tenant/rules/clouds.ts); a test checks
// the two agree.
import cloudPathsJson from '../../../../vendor/microsoft-graph/cloud-paths.json';
import { ResetlineError } from '../../../shared/result';
import type { GraphCloud } from '../../../shared/settings';
import { GRAPH_CATALOGUE, permissionPath, type GraphCall, type GraphFeature } from './catalogue';

export type { GraphCloud } from '../../../shared/settings';

export const GRAPH_CLOUD_NAMES: Record<GraphCloud, string> = {
  global: 'Microsoft Graph (global)',
  usgov: 'Microsoft Graph for US Government',
  dod: 'Microsoft Graph for US Government DoD',
  china: 'Microsoft Graph operated by 21Vianet (China)',
};

const SCHEMA = (cloudPathsJson as { paths: Record<string, Record<GraphCloud, true | number> | undefined> }).paths;

/** API pages whose national-cloud table excludes a cloud the schema still lists (the page wins). */
export const PAGE_LIMITS: readonly { prefix: string; servedIn: readonly GraphCloud[]; doc: string }[] = [
  // includes/global-us.md on the page: global, US Government L4 and L5 (DoD); not China.
  {
    prefix: '/auditlogs/directoryaudits',
    servedIn: ['global', 'usgov', 'dod'],
    doc: 'api-reference/v1.0/api/directoryaudit-list.md',
  },
  // includes/global-only.md on the page: the global service only.
  {
    prefix: '/directory/onpremisessynchronization',
    servedIn: ['global'],
    doc: 'api-reference/v1.0/api/onpremisesdirectorysynchronization-get.md',
  },
];

function pathAvailable(cloud: GraphCloud, path: string): boolean {
  const template = permissionPath(path);
  for (const limit of PAGE_LIMITS)
    if ((template === limit.prefix || template.startsWith(`${limit.prefix}/`)) && !limit.servedIn.includes(cloud))
      return false;
  return SCHEMA[template]?.[cloud] === true;
}

export function callAvailable(cloud: GraphCloud, call: Pick<GraphCall, 'path'>): boolean {
  return pathAvailable(cloud, call.path);
}

/** Features that are one thing to the agent: unavailable as soon as one of their calls is. */
const WHOLE_FEATURES: readonly GraphFeature[] = [
  'reset',
  'tap',
  'revoke',
  'enable',
  'mfa-reregistration',
  'self-service',
  'writeback',
  'registration-report',
  'registration-fallback',
];

const WHAT: Partial<Record<GraphFeature, string>> = {
  reset: 'password reset (resetPassword)',
  tap: 'Temporary Access Pass',
  revoke: 'revoking sign-in sessions',
  enable: 'enabling accounts',
  'mfa-reregistration': 'authentication methods management',
  'self-service': 'directory audit logs',
  writeback: 'directory synchronization settings',
  'registration-report': 'the registration report',
  'registration-fallback': 'authentication methods',
};

/** null when the feature works in this cloud; else the reason, for the agent. */
export function featureUnavailable(cloud: GraphCloud, feature: GraphFeature): string | null {
  if (!WHOLE_FEATURES.includes(feature)) return null;
  const missing = GRAPH_CATALOGUE.filter((c) => c.feature === feature && c.onlyWhen === undefined).find(
    (c) => !callAvailable(cloud, c),
  );
  if (!missing) return null;
  return `${GRAPH_CLOUD_NAMES[cloud]} does not offer ${WHAT[feature] ?? feature}: its Graph v1.0 has no ${missing.method} ${missing.path}.`;
}

/** Refuses, before anything is sent, a feature the cloud's Graph does not have. */
export function notInCloud(cloud: GraphCloud, feature: GraphFeature): void {
  const reason = featureUnavailable(cloud, feature);
  if (reason) throw new ResetlineError('not_in_cloud', reason);
}
