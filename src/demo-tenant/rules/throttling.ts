// Microsoft Graph's throttling as documented, per app (the token's client id) per tenant: a table of
// limits, one of the paths each covers and one of request costs, every row naming its page in
// microsoftgraph/microsoft-graph-docs-contrib. Read 2026-12-06: concepts/throttling-limits.md (commits
// 01351749, e62a3c1d, and the includes/ version of ms.date 2025-01-14 with its rendered Learn page, whose
// getByIds cost 5 beats the repository's 3: the stricter is kept), includes/throttling-entra-logs-reports.md
// (161a8feb; 293254bb adds the per-app-all-tenants and signInActivity rows), its predecessor
// includes/throttling-aad-reports.md, includes/throttling-identity-and-access.md, concepts/throttling.md
// (429, Retry-After) and concepts/json-batching.md (batch items are evaluated individually).
import type { GraphResponse, Knobs } from '../contracts';
import { graphErrorBody } from '../http';
import { assertNever } from '../never';
import { requestCost } from './throttling-costs';

export { REQUEST_COSTS, requestCost, type CostRow } from './throttling-costs';

export type ThrottleService = 'identity-reports' | 'identity';
export type ThrottlePriority = 'low' | 'normal' | 'high';

const LIMITS = 'concepts/throttling-limits.md';
const REPORTS = `${LIMITS} + includes/throttling-entra-logs-reports.md`;
const IDENTITY = `${LIMITS} + includes/throttling-identity-and-access.md`;

export interface LimitRule {
  id: 'reports' | 'identity-resource-units' | 'identity-writes';
  service: ThrottleService;
  /** What a request adds to the window: 1, its resource-unit cost, or its write cost. */
  counts: 'requests' | 'resource-units' | 'writes';
  /** The limit for a tenant of this many users. */
  limit: (tenantUsers: number) => number;
  windowMs: number;
  /** The x-ms-throttle-scope "Limit" part and x-ms-throttle-information value (identity only). */
  scope?: { limit: 'ReadWrite' | 'Write'; information: string };
  doc: string;
  note: string;
}

/** Tenant sizes of the identity and access limit: S under 50 users, M 50 to 500, L above 500. */
export function tenantSize(users: number): 'S' | 'M' | 'L' {
  return users < 50 ? 'S' : users <= 500 ? 'M' : 'L';
}

export const LIMIT_RULES: readonly LimitRule[] = [
  {
    id: 'reports',
    service: 'identity-reports',
    counts: 'requests',
    limit: () => 5,
    windowMs: 10_000,
    doc: REPORTS,
    note:
      'Five requests per 10 seconds per app per tenant. The newer include adds 122 per 10 s per app across ' +
      'all tenants (one tenant here, so never the first limit reached) and 10 per minute for signInActivity ' +
      '(not served by the demo tenant). No response headers are documented for this service besides Retry-After.',
  },
  {
    id: 'identity-resource-units',
    service: 'identity',
    counts: 'resource-units',
    limit: (users) => ({ S: 3_500, M: 5_000, L: 8_000 })[tenantSize(users)],
    windowMs: 10_000,
    scope: { limit: 'ReadWrite', information: 'ResourceUnitLimitExceeded' },
    doc: IDENTITY,
    note:
      'A token bucket of resource units per application+tenant pair, by tenant size. The per-application ' +
      '(150,000 per 20 s) and per-tenant write (18,000 per 5 min) limits cannot be reached first by one app ' +
      'in one tenant. The page does not say whether the bucket refills continuously or per window: a sliding ' +
      '10-second window is the stricter reading.',
  },
  {
    id: 'identity-writes',
    service: 'identity',
    counts: 'writes',
    limit: () => 3_000,
    windowMs: 150_000,
    scope: { limit: 'Write', information: 'WriteLimitExceeded' },
    doc: IDENTITY,
    note: 'Write quota: 3,000 requests per 2 minutes and 30 seconds per application+tenant pair.',
  },
];

export interface ServiceRow {
  /** Matched against the lower-cased path relative to the version root, without the query. */
  pattern: RegExp;
  /** null: a service whose limits the demo tenant does not model (the global limit only). */
  service: ThrottleService | null;
  resources: string;
  doc: string;
  note?: string;
}

/** First match wins. */
export const SERVICE_OF_PATH: readonly ServiceRow[] = [
  {
    pattern: /^\/auditlogs(\/|$)/,
    service: 'identity-reports',
    resources: 'auditLogRoot, directoryAudit, signIn, provisioningObjectSummary',
    doc: REPORTS,
  },
  {
    pattern: /^\/reports\/authenticationmethods(\/|$)/,
    service: 'identity-reports',
    resources: 'userRegistrationDetails, usersRegisteredByFeature, usersRegisteredByMethod',
    doc: REPORTS,
    note:
      'The include lists credentialUserRegistrationDetails (the beta predecessor of userRegistrationDetails), ' +
      'azureADUserFeatureUsage (linked to userRegistrationFeatureSummary, what usersRegisteredByFeature returns) ' +
      'and, in its source comment, "Changed authenticationMethodsRoot to authenticationMethod": the whole ' +
      '/reports/authenticationMethods root is counted here.',
  },
  {
    pattern: /^\/(me|users\/[^/]+)\/authentication\/([a-z0-9]*methods)(\/|$)/,
    service: 'identity-reports',
    resources: 'authenticationMethod and its derived types (list, get, resetPassword, TAP create, delete)',
    doc: REPORTS,
    note: 'The include names the authenticationMethod resource itself; read literally, as the stricter rule.',
  },
  {
    pattern: /^\/(me|users\/[^/]+)\/authentication(\/|$)/,
    service: 'identity-reports',
    resources: 'authentication, longRunningOperation (authentication/operations)',
    doc: REPORTS,
    note:
      'Neither include lists these; they belong to the authentication methods API beside authenticationMethod, ' +
      'so the stricter reports limit is applied.',
  },
  {
    pattern: /^\/(me|users\/[^/]+)\/sendmail$/,
    service: null,
    resources: 'message (sendMail)',
    doc: `${LIMITS} (Outlook service limits)`,
    note: 'Outlook limits are per app per mailbox (10,000 per 10 minutes, 4 concurrent): not modelled.',
  },
  {
    pattern:
      /^\/(me|users|groups|directoryroles|directoryroletemplates|directoryobjects|domains|organization|subscribedskus|applications|serviceprincipals|devices|contacts|contracts|oauth2permissiongrants|groupsettings|groupsettingtemplates|getobjectsbyid|ismemberof)(\/|$)/,
    service: 'identity',
    resources: 'user, group, directoryRole, directoryObject, domain, organization, subscribedSku, …',
    doc: IDENTITY,
  },
  {
    pattern: /^\/(policies|rolemanagement|directory|administrativeunits)(\/|$)/,
    service: 'identity',
    resources: 'policies (policyBase), roleManagement, directory (onPremisesSynchronization), administrativeUnits',
    doc: IDENTITY,
    note:
      'Only policyBase is listed; the authentication methods policy, role assignments and directory features ' +
      'are in no list, so they are counted in the identity bucket rather than left unlimited.',
  },
];

export function serviceOf(path: string): ServiceRow | undefined {
  const p = path.split('?')[0]!.toLowerCase().replace(/\/+$/, '');
  return SERVICE_OF_PATH.find((r) => r.pattern.test(p));
}

/**
 * x-ms-throttle-priority: absent or any other value is normal. "Should requests be throttled, low
 * priority requests will be throttled first, normal priority requests second, and high priority
 * requests last. Using the priority request header does not change the limits." The page gives no
 * fractions; the demo tenant's reading: a priority alone in a window may use the whole limit (the
 * limits do not change); once a request of higher priority arrived within the window, low may use
 * 60% of it and normal 80%, high always 100%.
 */
export const PRIORITY_SHARE: Record<ThrottlePriority, number> = { low: 0.6, normal: 0.8, high: 1 };
const RANK: Record<ThrottlePriority, number> = { low: 0, normal: 1, high: 2 };

export function priorityOf(headers: Record<string, string | undefined>): ThrottlePriority {
  const v = headers['x-ms-throttle-priority']?.trim().toLowerCase();
  return v === 'low' || v === 'high' ? v : 'normal';
}

export interface ThrottleSubject {
  method: string;
  /** Relative to the version root, without the query. */
  path: string;
  query: string;
  /** Lower-cased names (a $batch item's own headers: the envelope's are not inherited, the stricter reading). */
  headers: Record<string, string | undefined>;
  clientId: string;
  requestId: string;
  clientRequestId: string | undefined;
}

export type ThrottleVerdict =
  | { limited: false; headers: Record<string, string> }
  | { limited: true; rule: LimitRule['id']; response: GraphResponse };

/** One sliding window of (time, amount) entries, oldest first. */
class SlidingWindow {
  private entries: { t: number; amount: number }[] = [];
  private total = 0;

  prune(since: number): void {
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.t <= since) this.total -= this.entries[drop++]!.amount;
    if (drop > 0) this.entries.splice(0, drop);
  }

  get sum(): number {
    return this.total;
  }

  add(t: number, amount: number): void {
    if (amount <= 0) return;
    this.entries.push({ t, amount });
    this.total += amount;
  }

  /** When (absolute ms) the sum will have fallen to at most `target` as entries leave the window. */
  freeAt(target: number, windowMs: number): number {
    let sum = this.total;
    if (sum <= target) return -Infinity;
    for (const e of this.entries) {
      sum -= e.amount;
      if (sum <= target) return e.t + windowMs;
    }
    return -Infinity;
  }
}

export interface ThrottleOptions {
  tenantId: string;
  tenantUsers: () => number;
  /** `throttling: 'off'` answers every request; `throttlingTimeScale` shortens every window (tests). */
  settings: () => Pick<Knobs, 'throttling' | 'throttlingTimeScale'>;
  /** Injected clock (ms); default Date.now. Never the directory clock, which tests freeze. */
  now?: () => number;
}

/** Seconds as Retry-After carries them: whole seconds from one up, milliseconds below (a scaled window). */
export function retryAfterValue(ms: number): string {
  return ms >= 1000 ? String(Math.ceil(ms / 1000)) : (Math.max(1, Math.ceil(ms)) / 1000).toFixed(3);
}

export class DocumentedThrottle {
  private readonly windows = new Map<string, SlidingWindow>();
  /** Per client and service: when a request of each priority last arrived. */
  private readonly lastSeen = new Map<string, Record<ThrottlePriority, number>>();
  private readonly now: () => number;

  constructor(private readonly opts: ThrottleOptions) {
    this.now = opts.now ?? Date.now;
  }

  check(s: ThrottleSubject): ThrottleVerdict {
    const settings = this.opts.settings();
    if (settings.throttling === 'off') return { limited: false, headers: {} };
    const service = serviceOf(s.path)?.service;
    if (!service) return { limited: false, headers: {} };
    const now = this.now();
    const scale = settings.throttlingTimeScale;
    const priority = priorityOf(s.headers);
    const users = this.opts.tenantUsers();
    const cost = requestCost(s.method, s.path, s.query);
    const seen = this.seen(`${s.clientId}|${service}`);
    const rules = LIMIT_RULES.filter((r) => r.service === service);
    const amounts = rules.map((r) => amountOf(r, cost));
    let refused: { rule: LimitRule; amount: number; ceiling: number } | undefined;
    rules.forEach((rule, i) => {
      const windowMs = rule.windowMs * scale;
      const w = this.window(`${s.clientId}|${rule.id}`);
      w.prune(now - windowMs);
      const amount = amounts[i]!;
      if (refused || amount === 0) return;
      const limit = rule.limit(users);
      const contended = (['low', 'normal', 'high'] as const).some(
        (p) => RANK[p] > RANK[priority] && seen[p] > now - windowMs,
      );
      const ceiling = contended ? Math.max(1, Math.floor(limit * PRIORITY_SHARE[priority])) : limit;
      if (w.sum + amount > ceiling) refused = { rule, amount, ceiling };
    });
    seen[priority] = now;
    // Every request is logged, a throttled one too: "Microsoft Graph continues to log resource usage
    // while a client is being throttled" (concepts/throttling.md), so only waiting Retry-After helps.
    rules.forEach((rule, i) => this.window(`${s.clientId}|${rule.id}`).add(now, amounts[i]!));
    if (refused) {
      const { rule, amount, ceiling } = refused;
      const w = this.window(`${s.clientId}|${rule.id}`);
      // Retry-After: when this request, sent again, fits under the ceiling that refused it.
      const waitMs = Math.max(1, w.freeAt(Math.max(0, ceiling - amount), rule.windowMs * scale) - now);
      const headers: Record<string, string> = { 'Retry-After': retryAfterValue(waitMs) };
      if (rule.scope) {
        headers['x-ms-throttle-scope'] = `Tenant_Application/${rule.scope.limit}/${s.clientId}/${this.opts.tenantId}`;
        headers['x-ms-throttle-information'] = rule.scope.information;
      }
      return {
        limited: true,
        rule: rule.id,
        response: {
          status: 429,
          headers: { ...headers, 'content-type': 'application/json' },
          body: graphErrorBody('TooManyRequests', 'Please retry again later.', s.requestId, s.clientRequestId),
        },
      };
    }
    if (service !== 'identity') return { limited: false, headers: {} };
    // Regular responses of the identity service (the page's "Additional headers").
    const headers: Record<string, string> = { 'x-ms-resource-unit': String(cost.resourceUnits) };
    const ru = LIMIT_RULES.find((r) => r.id === 'identity-resource-units')!;
    const used = this.window(`${s.clientId}|${ru.id}`).sum / ru.limit(users);
    if (used > 0.8) headers['x-ms-throttle-limit-percentage'] = (Math.round(used * 10) / 10).toFixed(1);
    return { limited: false, headers };
  }

  private window(key: string): SlidingWindow {
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = new SlidingWindow()));
    return w;
  }

  private seen(key: string): Record<ThrottlePriority, number> {
    let s = this.lastSeen.get(key);
    if (!s) this.lastSeen.set(key, (s = { low: -Infinity, normal: -Infinity, high: -Infinity }));
    return s;
  }
}

function amountOf(rule: LimitRule, cost: { resourceUnits: number; writeCost: number }): number {
  switch (rule.counts) {
    case 'requests':
      return 1;
    case 'resource-units':
      return cost.resourceUnits;
    case 'writes':
      return cost.writeCost;
    default:
      return assertNever(rule.counts, 'count');
  }
}
