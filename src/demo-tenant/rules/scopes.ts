// Rule "scopes": a Graph call succeeds only if the token's `scp` holds a delegated permission that
// Microsoft's permission map grants for that method and path. One table (the vendored map plus the
// documented supplements below); handlers never check scopes themselves.
//
// Sources:
// - vendor/microsoft-graph/permissions-delegated.json, generated from microsoftgraph/
//   microsoft-graph-devx-content permissions/new/permissions.json (the map behind Graph Explorer).
// - concepts/permissions-overview.md ("Delegated permissions": the app never gets more than the
//   user could; "Permissions naming pattern": with no {constraint} a permission is "limited to data
//   that's owned by the signed-in user").
// - concepts/outlook-send-mail-from-other-user.md (Mail.Send.Shared, which the map omits).
// Notes where the sources are silent or loose, each resolved the stricter way:
// - A path missing from the map: refused (405 when the map lists the path for other methods only,
//   else Graph's unknown-segment 400), though Graph might serve it.
// - The map does not tell self from others: a permission without a constraint (User.Read,
//   UserAuthenticationMethod.Read, Mail.Send…) grants `/users/{id}/…` only for the caller's own id.
// - `/auditLogs/*` refuse with the reporting service's own code (Authentication_MSGraphPermissionMissing,
//   naming the permission); the docs name no code for it, every other path answers
//   Authorization_RequestDenied "Insufficient privileges to complete the operation."
import grantsJson from '../../../vendor/microsoft-graph/permissions-delegated.json';
import { forbidden, GraphError, methodNotAllowed, UnknownSegmentError } from '../graph/errors';
import { assertNever } from '../never';
import { TemplateIndex, type MatchedPath } from './match';

export interface GrantEntry {
  /** Every delegated permission that grants this (method, path). */
  grants: string[];
  /** Those Microsoft marks least privileged. */
  least: string[];
  /** A grant that works only together with one of these. */
  alsoRequires?: Record<string, string[]>;
}

/** Documented grants the map lacks: `METHOD template` → permissions, each with its page. */
export const SUPPLEMENTS: readonly { key: string; grants: readonly string[]; doc: string }[] = [
  // "In order to send messages from another user, applications that use user tokens use the
  // Mail.Send.Shared permission." (The mailbox rights it also needs are not a scope rule.)
  {
    key: 'POST /users/{id}/sendmail',
    grants: ['Mail.Send.Shared'],
    doc: 'concepts/outlook-send-mail-from-other-user.md',
  },
];

/**
 * Properties whose update the path's grants do not all cover: the permissions map lists every
 * permission that may PATCH a user, but each property-scoped one (User-PasswordProfile…,
 * User.EnableDisableAccount.All…) reaches only its own property.
 */
export const PROPERTY_SCOPES: readonly { key: string; property: string; grants: readonly string[]; doc: string }[] = [
  {
    // The page's note: "When updating the passwordProfile property, the following permission is
    // required: Directory.AccessAsUser.All"; later revisions name User-PasswordProfile.ReadWrite.All
    // the least privileged one. Either is accepted; User.ReadWrite.All alone is not (the note's point).
    key: 'PATCH /users/{id}',
    property: 'passwordProfile',
    grants: ['User-PasswordProfile.ReadWrite.All', 'Directory.AccessAsUser.All'],
    doc: 'api-reference/v1.0/api/user-update.md',
  },
  {
    // accountEnabled: the permission made for it, or the general user write permissions.
    key: 'PATCH /users/{id}',
    property: 'accountEnabled',
    grants: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    doc: 'api-reference/v1.0/api/user-update.md',
  },
];

function buildTable(): ReadonlyMap<string, GrantEntry> {
  const table = new Map<string, GrantEntry>(Object.entries(grantsJson as Record<string, GrantEntry>));
  for (const s of SUPPLEMENTS) {
    const e = table.get(s.key) ?? { grants: [], least: [] };
    table.set(s.key, { ...e, grants: [...new Set([...e.grants, ...s.grants])].sort() });
  }
  return table;
}

/** `METHOD /template` → what grants it. */
export const SCOPE_TABLE: ReadonlyMap<string, GrantEntry> = buildTable();

const methodsByTemplate = new Map<string, Set<string>>();
for (const key of SCOPE_TABLE.keys()) {
  const space = key.indexOf(' ');
  const template = key.slice(space + 1);
  const set = methodsByTemplate.get(template) ?? new Set<string>();
  set.add(key.slice(0, space));
  methodsByTemplate.set(template, set);
}

/** Every template in the table, for matching request paths. */
export const TEMPLATES = new TemplateIndex(methodsByTemplate.keys());

/** "With no constraint, limited to data owned by the signed-in user" (concepts/permissions-overview.md). */
export function isOwnDataOnly(permission: string): boolean {
  return permission.split('.').length < 3;
}

export type ScopeDecision =
  { ok: true; grantedBy: string } | { ok: false; reason: 'method' } | { ok: false; reason: 'scope'; needs: string[] };

export interface ScopeRequest {
  method: string;
  scopes: readonly string[];
  /** The parsed JSON body (for the property rows of PROPERTY_SCOPES). */
  body?: unknown;
  /** Is this `{id | userPrincipalName}` (percent-decoded) the signed-in user? */
  isSelf: (key: string) => boolean;
}

/** The template a request path is listed under; a path the map does not know answers as an unknown segment. */
export function matchGraphPath(path: string): MatchedPath {
  const match = TEMPLATES.match(path);
  if (match) return match;
  const segs = (path.split('?')[0] ?? '').split('/').filter(Boolean);
  throw new UnknownSegmentError(decodeSafe(segs[segs.length - 1] ?? ''));
}

/** Decides without throwing; `checkScopes` turns a refusal into Graph's answer. */
export function decideScopes(req: ScopeRequest, match: MatchedPath): ScopeDecision {
  const entry = SCOPE_TABLE.get(`${req.method.toUpperCase()} ${match.template}`);
  if (!entry) return { ok: false, reason: 'method' };
  const othersData =
    match.segments[0] === 'users' && match.segments[1] === '{id}' && !req.isSelf(match.original[1] ?? '');
  const held = new Set(req.scopes.map((s) => s.toLowerCase()));
  const holds = (p: string): boolean => held.has(p.toLowerCase());
  const usable = entry.grants.filter((p) => !(othersData && isOwnDataOnly(p)));
  const grantedBy = usable.find((p) => {
    const also = entry.alsoRequires?.[p];
    return holds(p) && (!also || also.some(holds));
  });
  if (!grantedBy) {
    const least = entry.least.filter((p) => usable.includes(p));
    return { ok: false, reason: 'scope', needs: least.length > 0 ? least : usable };
  }
  const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
  for (const row of PROPERTY_SCOPES) {
    if (row.key !== `${req.method.toUpperCase()} ${match.template}` || body[row.property] === undefined) continue;
    const rowUsable = row.grants.filter((p) => !(othersData && isOwnDataOnly(p)));
    if (!rowUsable.some(holds)) return { ok: false, reason: 'scope', needs: rowUsable };
  }
  return { ok: true, grantedBy };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The rule as Graph answers it. */
export function checkScopes(req: ScopeRequest, match: MatchedPath): void {
  const d = decideScopes(req, match);
  if (d.ok) return;
  switch (d.reason) {
    case 'method':
      throw methodNotAllowed();
    case 'scope':
      if (match.segments[0] === 'auditlogs')
        throw new GraphError(
          403,
          'Authentication_MSGraphPermissionMissing',
          `Calling principal does not have required MSGraph permissions ${d.needs[0] ?? 'AuditLog.Read.All'}`,
        );
      throw forbidden();
    default:
      return assertNever(d);
  }
}
