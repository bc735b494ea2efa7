// Handlers of the History screen and the SSPR activity view. Thin; the work is in
// core/audit and core/reports. Both read only for a signed-in agent of the current tenant (guards.ts).
import type BetterSqlite3 from 'better-sqlite3';
import {
  auditStats,
  countAuditMatches,
  getCallTimeline,
  listAuditEvents,
  verifyAuditChainAsync,
  type AuditExports,
} from '../audit';
import type { AgentSession } from '../auth/session';
import type { Handlers } from '../host/router';
import { featureUnavailable, notInCloud } from '../graph/availability';
import { callerAttempts, listSspr, refreshSspr, ssprStats } from '../reports/sspr';
import { background } from '../graph/budget';
import { guardAll, requireAgent } from './guards';

export interface HistoryDeps {
  db: BetterSqlite3.Database;
  exports: AuditExports;
  session: AgentSession;
  now?: () => number;
}

export function createHistoryHandlers(deps: HistoryDeps): Pick<Handlers, 'audit' | 'sspr'> {
  const { db, exports, session } = deps;
  const now = deps.now ?? Date.now;
  const signedIn = () => requireAgent(session);
  // The cache is per tenant, like the policy cache: another tenant's activity is never shown.
  const tenantKey = (): string => signedIn().tenantKey;
  // An export job answers only the agent who started it (job ids travel through the renderer).
  const owner = (): string => `audit:${signedIn().agent.id}`;
  return {
    audit: guardAll(signedIn, {
      list: (filter) => listAuditEvents(db, filter),
      count: (filter) => ({ total: countAuditMatches(db, filter) }),
      // Chunked so a million-row check never freezes the other channels.
      verify: (input) => verifyAuditChainAsync(db, { full: input?.full === true }),
      getCall: ({ callId }) => getCallTimeline(db, callId),
      stats: (filter) => auditStats(db, filter),
      // The export is every row of the filter: the table's window (offset) is not part of it.
      startExport: ({ filter: { offset: _window, ...filter } }) => exports.start(filter, new Date(now()), owner()),
      getExport: ({ jobId }) => exports.get(jobId, owner()),
      cancelExport: ({ jobId }) => exports.cancel(jobId, owner()),
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
