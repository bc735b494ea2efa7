// Handlers of the History screen and the SSPR activity view. Thin; the work is in
// core/audit and core/reports. Both read only for a signed-in agent of the current tenant (guards.ts).
import type BetterSqlite3 from 'better-sqlite3';
import { auditStats, countAuditMatches, getCallTimeline, listAuditEvents, verifyAuditChainAsync } from '../audit';
import type { AgentSession } from '../auth/session';
import type { Handlers } from '../host/router';
import { featureUnavailable } from '../graph/availability';
import { callerAttempts, listSspr, ssprStats } from '../reports/sspr';
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
      getStats: (filter) => auditStats(db, filter),
    }),
    sspr: guardAll(signedIn, {
      // The screen's Refresh is the `sspr-refresh` job (reports/ssprJob.ts); these read the cache it fills.
      list: (filter) => listSspr(db, tenantKey(), filter),
      getStats: (range) => ssprStats(db, tenantKey(), range),
      // In a cloud without directory audits (China) nothing is asked; the cache answers, saying why.
      getCallerAttempts: ({ userId }) => {
        const client = session.graph();
        const missing = featureUnavailable(session.graphCloud(), 'self-service');
        return callerAttempts(db, missing ? null : client, tenantKey(), userId, now(), missing);
      },
    }),
  };
}
