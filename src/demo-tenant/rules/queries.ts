// Query rules Graph applies before a directory route runs, each with its page: the advanced-query
// parameters memberOf/transitiveMemberOf demand, the casts they accept, their page sizes, and how a
// query string is split (what must arrive percent-encoded).
import type { MemberObjectType } from './limited-info';

export interface QueryRule {
  doc: string;
  note: string;
}

/**
 * memberOf / transitiveMemberOf: "ConsistencyLevel: eventual. This header and `$count` are required
 * when using the `$search`, `$filter`, `$orderby`, or OData cast query parameters." Inside $batch the
 * header goes on each request (aad-advanced-queries.md: "specify the ConsistencyLevel header in the
 * JSON body"), so every item is checked as its own request.
 */
export const MEMBER_OF_ADVANCED: QueryRule & { triggers: readonly ('cast' | '$search' | '$filter' | '$orderby')[] } = {
  triggers: ['cast', '$search', '$filter', '$orderby'],
  doc: 'api-reference/v1.0/api/user-list-memberof.md, user-list-transitivememberof.md (Request headers); concepts/aad-advanced-queries.md',
  note:
    'The pages do not show the error for a cast sent without the parameters. The demo answers 400 ' +
    'Request_UnsupportedQuery with the wording aad-advanced-queries.md documents for a missing advanced parameter.',
};

export function missingAdvancedMessage(what: string): string {
  return `${what} is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`;
}

/** OData casts on a user's memberships, and the entity set that names their @odata.context. */
export const MEMBER_OF_CASTS: Record<string, { type: MemberObjectType; entitySet: string }> = {
  'microsoft.graph.directoryrole': { type: 'directoryRole', entitySet: 'directoryRoles' },
  'microsoft.graph.group': { type: 'group', entitySet: 'groups' },
  'microsoft.graph.administrativeunit': { type: 'administrativeUnit', entitySet: 'administrativeUnits' },
};

export const MEMBER_OF_CAST_RULE: QueryRule = {
  doc: 'api-reference/v1.0/api/user-list-memberof.md ("OData cast is also enabled"); user-list-transitivememberof.md',
  note:
    'memberOf returns groups, directory roles and administrative units, so those are the casts served. Cast ' +
    "results carry the entity set in @odata.context ($metadata#groups) and, as in the pages' examples, no " +
    '@odata.type on each item.',
};

/** "The default and maximum page sizes are 100 and 999 objects respectively." */
export const MEMBER_OF_PAGE = {
  defaultTop: 100,
  maxTop: 999,
  doc: 'api-reference/v1.0/api/user-list-transitivememberof.md (Optional query parameters)',
} as const;

/**
 * A request's query as a server receives it: everything after the first `#` is a fragment (RFC 3986
 * §3.5; a client never sends it, and a server that receives one ignores it), and a raw `&` separates
 * parameters. So `#` (guest UPNs' `#EXT#`) and `&` inside a $filter value reach Graph only
 * percent-encoded (%23, %26), as the pages show: "The values of query parameters should be
 * percent-encoded" (concepts/query-parameters.md, Encoding query parameters) and
 * `endsWith(userPrincipalName,'%23EXT%23@contoso.com')` (concepts/aad-advanced-queries.md).
 */
export const QUERY_ENCODING: QueryRule = {
  doc: 'concepts/query-parameters.md (Encoding query parameters); concepts/aad-advanced-queries.md',
  note: 'A raw # ends the query (the rest is a fragment); a raw & starts a new parameter.',
};

/** The query string a server works with: cut at the first `#`. */
export function receivedQuery(rawQuery: string): string {
  const hash = rawQuery.indexOf('#');
  return hash < 0 ? rawQuery : rawQuery.slice(0, hash);
}

/** A request target (`/users?$filter=…#frag`) as a server receives it: path and query, fragment dropped. */
export function splitTarget(url: string): { path: string; query: string } {
  const noFragment = receivedQuery(url);
  const q = noFragment.indexOf('?');
  return q < 0 ? { path: noFragment, query: '' } : { path: noFragment.slice(0, q), query: noFragment.slice(q + 1) };
}
