// Entra's directory audit log, read page by page for the self-service activity cache and the caller
// card's recent self-service attempts (catalogue: selfService.directoryAudits,
// caller.selfServiceAttempts — api-reference/v1.0/api/directoryaudit-list.md).
import type { Client } from '@microsoft/microsoft-graph-client';
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { pages } from './paging';

interface DirectoryAuditQuery {
  from: string;
  to: string;
  /** e.g. "Self-service Password Management" or "Core Directory" */
  loggedByService?: string;
  targetUserId?: string;
  /** e.g. "Reset password (by admin)", whichever service logged it */
  activity?: string;
}

// catalogue: selfService.directoryAudits (whole tenant), caller.selfServiceAttempts (one targetUserId)
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
