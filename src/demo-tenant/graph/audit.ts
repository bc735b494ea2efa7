// Entra's audit trail for admin actions taken through the demo tenant, and
// GET /auditLogs/directoryAudits with the filters Resetline uses.
import type { GraphResponse } from '../contracts';
import type { DemoAuditEntry, DemoUser } from '../model';
import { AUDIT_ROLES, holdsAny } from './authorize';
import { json, type Ctx } from './context';
import { forbidden } from './errors';
import { evaluate } from './filter';
import { checkFilter, objectGetter, paginate, unsupportedQuery, type FilterSupport } from './odata';

export interface AdminAction {
  service: 'Self-service Password Management' | 'Core Directory' | 'Authentication Methods';
  activity: string;
  operationType: 'Add' | 'Update' | 'Delete';
  details?: { key: string; value: string }[];
  result?: 'success' | 'failure';
  resultReason?: string;
  category?: string;
  modifiedProperties?: { displayName: string; oldValue: string | null; newValue: string | null }[];
}

export function recordAdminAction(ctx: Ctx, target: DemoUser, a: AdminAction): DemoAuditEntry {
  return ctx.dir.addAudit({
    category: a.category ?? 'UserManagement',
    correlationId: ctx.req.clientRequestId ?? ctx.req.requestId,
    result: a.result ?? 'success',
    resultReason: a.resultReason ?? '',
    activityDisplayName: a.activity,
    loggedByService: a.service,
    operationType: a.operationType,
    initiatedBy: { user: ctx.actorSummary(), app: null },
    targetResources: [
      {
        id: target.id,
        displayName: target.displayName,
        type: 'User',
        userPrincipalName: target.userPrincipalName,
        modifiedProperties: a.modifiedProperties ?? [],
      },
    ],
    additionalDetails: a.details ?? [],
  });
}

const D = 'default' as const;
/** directoryAudit $filter support (graph types doc comments: eq/ge/le on activityDateTime, eq/startswith on names). */
export const AUDIT_FILTER: FilterSupport = {
  activityDateTime: { eq: D, ge: D, le: D },
  activityDisplayName: { eq: D, startswith: D },
  loggedByService: { eq: D },
  category: { eq: D },
  result: { eq: D },
  correlationId: { eq: D },
  'initiatedBy/user/id': { eq: D },
  'initiatedBy/user/displayName': { eq: D },
  'initiatedBy/user/userPrincipalName': { eq: D, startswith: D },
  'initiatedBy/app/appId': { eq: D },
  'targetResources/id': { eq: D },
  'targetResources/displayName': { eq: D, startswith: D },
  'targetResources/userPrincipalName': { eq: D, startswith: D },
  'targetResources/type': { eq: D },
};

const auditGetter = objectGetter((rec, name) => {
  const e = rec as Record<string, unknown>;
  const key = Object.keys(e).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : e[key];
});

export function listDirectoryAudits(ctx: Ctx): GraphResponse {
  // Entra's reporting API answers with its own codes rather than Authorization_RequestDenied (the scope
  // is checked centrally, rules/scopes.ts). Audit logs need no premium licence (unlike usage &
  // insights): every edition of Entra ID can read them.
  if (!holdsAny(ctx.roles, AUDIT_ROLES))
    throw forbidden('User is not in the allowed roles', 'Authentication_RequestFromUnsupportedUserRole');
  const q = ctx.query();
  if (q.search !== undefined) throw unsupportedQuery('$search is not supported on directoryAudits.');
  if (q.top !== undefined && (q.top < 1 || q.top > 999))
    throw unsupportedQuery(`Invalid page size specified: '${q.top}'. Must be between 1 and 999 inclusive.`);
  if (q.filter) checkFilter(q.filter, AUDIT_FILTER, 'directoryAudit');
  const order = q.orderby[0];
  if (order && order.prop !== 'activityDateTime') throw unsupportedQuery(`Order by '${order.prop}' is not supported.`);
  // Newest first unless asked for ascending order.
  const ascending = order !== undefined && !order.desc;
  const source = ascending ? ctx.dir.audits : [...ctx.dir.audits].reverse();
  const f = q.filter;
  const all = f ? source.filter((e) => evaluate(f, e, auditGetter)) : source;
  const page = paginate(all, q, ctx.req, ctx.base, { defaultTop: 100, maxTop: 999 });
  const body: Record<string, unknown> = { '@odata.context': `${ctx.base}/$metadata#auditLogs/directoryAudits` };
  if (page.nextLink) body['@odata.nextLink'] = page.nextLink;
  body.value = page.items;
  return json(200, body);
}
