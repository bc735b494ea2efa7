// Handlers of the History screen and the SSPR activity view. Thin; the work is in
// core/audit and core/reports. Both read only for a signed-in agent of the current tenant (guards.ts).
import type BetterSqlite3 from 'better-sqlite3';
import { auditStats, countAuditMatches, getCallTimeline, listAuditEvents, verifyAuditChainAsync } from '../audit';
import type { AgentSession } from '../auth/session';
import type { Handlers } from '../host/router';
import { featureUnavailable, notInCloud } from '../graph/availability';
import { callerAttempts, listSspr, refreshSspr, ssprStats } from '../reports/sspr';
import { background } from '../graph/budget';
import { guardAll, requireAgent } from './guards';

export interface HistoryDeps {
  db: BetterSqlite3.Database;
  session: AgentSession;
  now?: () => number;
}

export function createHistoryHandlers(deps: HistoryDeps): Pick<Handlers, 'audit' | 'sspr'> {
  const { db, session } = deps;
  const now = deps.now ?? Date.now;
  const signedIn = () => requireAgent(session);
  // The cache is per tenant, like the policy cache: another tenant's activity is never shown.
  const tenantKey = (): string => signedIn().tenantKey;
  return {
    audit: guardAll(signedIn, {
      list: (filter) => listAuditEvents(db, filter),
      count: (filter) => ({ total: countAuditMatches(db, filter) }),
      // Chunked so a million-row check never freezes the other channels.
      verify: (input) => verifyAuditChainAsync(db, { full: input?.full === true }),
      getCall: ({ callId }) => getCallTimeline(db, callId),
      stats: (filter) => auditStats(db, filter),
    }),
    sspr: guardAll(signedIn, {
      // The self-service screen's refresh is background work: low priority (graph/budget.ts).
      refresh: (range) => {
        notInCloud(session.graphCloud(), 'self-service');
        return refreshSspr(db, background(session.graph()), tenantKey(), range, now());
      },
      list: (filter) => listSspr(db, tenantKey(), filter),
      stats: (range) => ssprStats(db, tenantKey(), range),
      // In a cloud without directory audits (China) nothing is asked; the cache answers, saying why.
      callerAttempts: ({ userId }) => {
        const client = session.graph();
        const missing = featureUnavailable(session.graphCloud(), 'self-service');
        return callerAttempts(db, missing ? null : client, tenantKey(), userId, now(), missing);
      },
    }),
  };
}
