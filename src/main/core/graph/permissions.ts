// Which delegated permissions Resetline's Graph calls need, computed from the request catalogue and
// Microsoft's permission map (vendor/microsoft-graph/permissions-delegated.json, generated from
// microsoft-graph-devx-content's permissions.json): per feature for the Settings permissions check,
// and the whole list an admin consents (README and tenant/clouds.ts hold the same list; a test keeps
// them equal). The map says which scope grants a (method, path); what it cannot say (full directory
// roles, a shared mailbox) each catalogue entry adds from its API page as `alsoNeeds`.
import grantsJson from '../../../../vendor/microsoft-graph/permissions-delegated.json';
import { GRAPH_CATALOGUE, GRAPH_FEATURES, permissionPath, type GraphCall, type GraphFeature } from './catalogue';

/** One (method, path) of the map: every permission that grants it, those flagged least-privileged, extra requirements. */
interface GrantEntry {
  grants: readonly string[];
  least: readonly string[];
  alsoRequires?: Readonly<Record<string, readonly string[]>>;
}

const GRANTS = grantsJson as unknown as Readonly<Record<string, GrantEntry | undefined>>;
const lower = (s: string) => s.toLowerCase();

/** `"GET /users/{id}/transitivememberof"`: the map's key for a catalogue entry (cast and `$count` dropped). */
function permissionKey(call: Pick<GraphCall, 'method' | 'path'>): string {
  return `${call.method} ${permissionPath(call.path)}`;
}

/** Every delegated permission the map lists for this call; empty when the map does not list it. */
export function grantingPermissions(call: Pick<GraphCall, 'method' | 'path'>): readonly string[] {
  return GRANTS[permissionKey(call)]?.grants ?? [];
}

/** Whether these consented scopes let the call succeed and return a complete answer. */
export function isGranted(call: GraphCall, consented: readonly string[]): boolean {
  const have = new Set(consented.map(lower));
  const entry = GRANTS[permissionKey(call)];
  const granted = (entry?.grants ?? []).some(
    (g) => have.has(lower(g)) && (entry?.alsoRequires?.[g] ?? []).every((r) => have.has(lower(r))),
  );
  return granted && (call.alsoNeeds ?? []).every((p) => have.has(lower(p)));
}

/** What a call asks the admin for: its scope and, unless it is optional, what its page adds. */
function askedFor(call: GraphCall, withOptional: boolean): string[] {
  return [call.scope, ...(call.onlyWhen && !withOptional ? [] : (call.alsoNeeds ?? []))];
}

function unique(list: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const p of list) if (!seen.has(lower(p))) seen.set(lower(p), p);
  return [...seen.values()];
}

/** The delegated permissions that grant every call of a feature (optional calls' extras included on request). */
export function featureScopes(feature: GraphFeature, withOptional = false): string[] {
  return unique(GRAPH_CATALOGUE.filter((c) => c.feature === feature).flatMap((c) => askedFor(c, withOptional)));
}

/** The list an admin consents for Resetline: every feature's scopes, nothing more. */
export function requiredScopes(): string[] {
  return unique(GRAPH_FEATURES.flatMap((f) => featureScopes(f)));
}

/** Scopes asked only when a setting turns a call on (a shared mailbox: Mail.Send.Shared). */
export function optionalScopes(): string[] {
  const required = new Set(requiredScopes().map(lower));
  return unique(GRAPH_CATALOGUE.flatMap((c) => (c.onlyWhen ? (c.alsoNeeds ?? []) : []))).filter(
    (p) => !required.has(lower(p)),
  );
}

interface PermissionGap {
  feature: GraphFeature;
  /** Catalogue ids of the calls that would fail or come back incomplete. */
  calls: string[];
  /** The permissions to consent, from Resetline's list. */
  missing: string[];
  /** The admin-center step that fixes it. */
  fix: string;
}

export function consentStep(permissions: readonly string[]): string {
  return (
    'Entra admin center → Identity → Applications → App registrations → Resetline → API permissions → ' +
    `Add a permission → Microsoft Graph → Delegated permissions → ${permissions.join(', ')} → ` +
    'Grant admin consent (a Global Administrator or Privileged Role Administrator).'
  );
}

/**
 * Per feature, the calls these consented scopes do not grant and what to consent for them.
 * @param withOptional include calls made only when a setting turns them on (the shared mailbox).
 */
export function permissionGaps(consented: readonly string[], withOptional = false): PermissionGap[] {
  const have = new Set(consented.map(lower));
  const gaps: PermissionGap[] = [];
  for (const feature of GRAPH_FEATURES) {
    const failing = GRAPH_CATALOGUE.filter(
      (c) => c.feature === feature && (withOptional || !c.onlyWhen) && !isGranted(c, consented),
    );
    if (failing.length === 0) continue;
    const missing = unique(failing.flatMap((c) => askedFor(c, true))).filter((p) => !have.has(lower(p)));
    gaps.push({ feature, calls: failing.map((c) => c.id), missing, fix: consentStep(missing) });
  }
  return gaps;
}
