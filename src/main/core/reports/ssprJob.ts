// The Self-service screen's Refresh as a job of kind `sspr-refresh`: Entra's audit log for the range read
// page by page into the SSPR cache (reports/sspr.ts `refreshSspr`), started with `jobs:start`, followed like
// every job (jobs:get, jobs:progress events). Its progress is the audit entries received so far (Graph
// gives no total in advance); cancel stops it between pages, the pages already stored stay cached and the
// range is not marked fetched. For any signed-in agent, as the screen is; the audit log asks for its own
// role, and a failure names what is missing (auditLogError). Background work: low priority (graph/budget.ts).
import type BetterSqlite3 from 'better-sqlite3';
import type { SsprJobResult } from '../../../shared/jobs';
import type { AgentSession } from '../auth/session';
import { notInCloud } from '../graph/availability';
import { background } from '../graph/budget';
import { JobCancelledError, type JobKindDef, type JobWork } from '../jobs/types';
import { refreshSspr } from './sspr';

export interface SsprRefreshDeps {
  db: BetterSqlite3.Database;
  session: Pick<AgentSession, 'graph' | 'graphCloud' | 'tenantKey'>;
  now?: () => number;
}

export function ssprRefreshKind({ db, session, now = Date.now }: SsprRefreshDeps): JobKindDef<'sspr-refresh'> {
  return {
    noun: 'refresh of self-service activity',
    need: 'agent',
    start: ({ from, to }, signal): JobWork => {
      // Refused before a job is kept: a cloud without directory audits (China) is never asked.
      notInCloud(session.graphCloud(), 'self-service');
      const client = background(session.graph());
      let received = 0;
      const refreshed = refreshSspr(db, client, session.tenantKey(), { from, to }, now(), {
        signal,
        onReceived: (n) => (received = n),
      });
      return {
        progress: () => ({ done: received, total: null }),
        done: refreshed.then(
          (r): SsprJobResult => ({ type: 'sspr', ...r }),
          (error: unknown) => {
            throw signal.aborted ? new JobCancelledError() : error;
          },
        ),
      };
    },
  };
}
