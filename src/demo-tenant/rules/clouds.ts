// Rule "clouds": started as global, usgov, dod or china, the demo tenant serves only the paths that
// cloud's Graph v1.0 schema has; any other path answers as Graph does for a segment it does not
// know: 400 BadRequest "Resource not found for the segment '…'.".
//
// Sources:
// - vendor/microsoft-graph/cloud-paths.json, generated from microsoftgraph/msgraph-metadata
//   schemas/v1.0-{Prod,Fairfax,Mooncake}.csdl (which path resolves in which schema, and where not).
// - concepts/deployments.md: the four Graph endpoints (global; US Government L4; L5 DoD, which serves
//   the same schema as L4; China operated by 21Vianet).
// - PAGE_LIMITS below: an API page whose national-cloud table excludes a cloud the schema still
//   lists. Where schema and page disagree the page wins (stricter) and the row says so.
import cloudPathsJson from '../../../vendor/microsoft-graph/cloud-paths.json';
import { UnknownSegmentError } from '../graph/errors';
import type { MatchedPath } from './match';

export const CLOUDS = ['global', 'usgov', 'dod', 'china'] as const;
export type Cloud = (typeof CLOUDS)[number];

export class UnknownCloudError extends Error {
  constructor(readonly value: string) {
    super(`Unknown cloud ${JSON.stringify(value)}; expected one of ${CLOUDS.join(', ')}`);
    this.name = 'UnknownCloudError';
  }
}

export function parseCloud(value: string): Cloud {
  const c = CLOUDS.find((x) => x === value);
  if (!c) throw new UnknownCloudError(value);
  return c;
}

/** Per cloud: `true` when the schema resolves the path, else the index of the first unknown segment. */
type CloudResolution = Record<Cloud, true | number>;

const SCHEMA_PATHS = (cloudPathsJson as { paths: Record<string, CloudResolution> }).paths;

/** API pages that take a path away from a cloud whose schema still has it. */
export const PAGE_LIMITS: readonly { prefix: string; servedIn: readonly Cloud[]; segment: number; doc: string }[] = [
  {
    // includes/global-us.md: global, US Government L4 and L5 (DoD); not China. Mooncake's schema lists it.
    prefix: '/auditlogs/directoryaudits',
    servedIn: ['global', 'usgov', 'dod'],
    segment: 1,
    doc: 'api-reference/v1.0/api/directoryaudit-list.md',
  },
  {
    // includes/global-only.md: the global service only. Every schema lists it.
    prefix: '/directory/onpremisessynchronization',
    servedIn: ['global'],
    segment: 1,
    doc: 'api-reference/v1.0/api/onpremisesdirectorysynchronization-get.md',
  },
];

/** Where `template` stops existing in `cloud`: -1 when served, else the index of the unknown segment. */
export function unknownSegmentIndex(cloud: Cloud, template: string): number {
  for (const limit of PAGE_LIMITS) {
    const under = template === limit.prefix || template.startsWith(`${limit.prefix}/`);
    if (under && !limit.servedIn.includes(cloud)) return limit.segment;
  }
  const r = SCHEMA_PATHS[template]?.[cloud];
  // A template the vendored map has no schema answer for is not served (stricter).
  if (r === undefined) return 0;
  return r === true ? -1 : r;
}

export function servesPath(cloud: Cloud, template: string): boolean {
  return unknownSegmentIndex(cloud, template) < 0;
}

/** The rule as Graph answers it, naming the request's own segment as the client spelt it. */
export function checkCloud(cloud: Cloud, match: MatchedPath): void {
  const at = unknownSegmentIndex(cloud, match.template);
  if (at < 0) return;
  throw new UnknownSegmentError(match.original[at] ?? match.original[match.original.length - 1] ?? '');
}
