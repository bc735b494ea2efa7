// History's call drawer and charts: one call's events, and aggregates computed in SQL over
// indexed ranges (the time, action and call indexes; the verification side table's key).
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditOutcome } from '../../../shared/audit';
import { RESET_DEFINITION, VERIFICATION_TYPES } from '../../../shared/audit';
import type { AuditStats, AuditStatsFilter, CallTimeline } from '../../../shared/history';
import { AuditInputError } from './errors';
import { toAuditEvent, type AuditRow } from './rows';
import { cached } from './statements';

type Db = BetterSqlite3.Database;

const DAY = 86_400_000;

const CALL_EVENTS = `
  SELECT id, occurred_at, call_id, agent_upn, agent_id, target_id, target_upn, target_name,
    action, outcome, verification, ticket_ref, notes, detail
  FROM audit_events WHERE call_id = ? ORDER BY id`;

/** All events of one call in append order (the order they happened), for the detail drawer. */
export function getCallTimeline(db: Db, callId: string): CallTimeline {
  const rows = cached(db, CALL_EVENTS).all(callId) as AuditRow[];
  return { callId, events: rows.map(toAuditEvent) };
}

function ms(field: string, iso: string): number {
  const v = Date.parse(iso);
  if (!Number.isFinite(v)) throw new AuditInputError(field, 'must be an ISO 8601 date-time');
  return v;
}

// Password resets by result, per UTC day: one range of the action index (action, occurred_at). The
// `success` rows are the resets (RESET_DEFINITION in shared/audit.ts); the rest are attempts.
const RESETS_PER_DAY = `
  SELECT occurred_at / ${DAY} AS day, outcome, count(*) AS n FROM audit_events
  WHERE action = '${RESET_DEFINITION.action}' AND occurred_at >= ? AND occurred_at <= ?
  GROUP BY day, outcome ORDER BY day, outcome`;
const RESETS_PER_DAY_AGENT = `
  SELECT occurred_at / ${DAY} AS day, outcome, count(*) AS n FROM audit_events
  WHERE agent_upn = ? AND occurred_at >= ? AND occurred_at <= ? AND +action = '${RESET_DEFINITION.action}'
  GROUP BY day, outcome ORDER BY day, outcome`;

/** The resets (RESET_DEFINITION) per UTC day: what Self-service counts as the helpdesk's resets. */
const RESETS_ONLY_PER_DAY = `
  SELECT occurred_at / ${DAY} AS day, count(*) AS n FROM audit_events
  WHERE action = '${RESET_DEFINITION.action}' AND occurred_at >= ? AND occurred_at <= ?
    AND +outcome = '${RESET_DEFINITION.outcome}'
  GROUP BY day ORDER BY day`;

/** Resets (RESET_DEFINITION) per UTC day (YYYY-MM-DD) in [from, to] (epoch ms), from the audit trail. */
export function resetsPerDay(db: Db, from: number, to: number): Map<string, number> {
  const rows = cached(db, RESETS_ONLY_PER_DAY).all(from, to) as { day: number; n: number }[];
  return new Map(rows.map((r) => [new Date(r.day * DAY).toISOString().slice(0, 10), r.n]));
}

// The final summary of each call is the one on call.closed.
const VERIFICATION = `
  SELECT v.type AS type, sum(v.passed) AS passed, sum(v.failed) AS failed
  FROM audit_verification v CROSS JOIN audit_events e ON e.id = v.event_id
  WHERE v.type = ? AND v.occurred_at >= ? AND v.occurred_at <= ? AND +e.action = 'call.closed'
    AND (? IS NULL OR +e.agent_upn = ?)`;

const PER_AGENT = `
  SELECT agent_upn AS agentUpn,
    sum(action = 'call.opened') AS calls,
    sum(action = '${RESET_DEFINITION.action}' AND outcome = '${RESET_DEFINITION.outcome}') AS resets
  FROM audit_events
  WHERE occurred_at >= ? AND occurred_at <= ? AND (? IS NULL OR +agent_upn = ?)
  GROUP BY agent_upn ORDER BY calls DESC, resets DESC, agentUpn`;

// Nearest-rank percentiles over the per-call durations, all in SQL.
const TIME_TO_HANDOVER = `
  WITH d AS (
    SELECT (SELECT min(h.occurred_at) FROM audit_events h
            WHERE h.call_id = o.call_id AND h.action >= 'handover.' AND h.action < 'handover/') - o.occurred_at AS ms
    FROM audit_events o
    WHERE o.action = 'call.opened' AND o.occurred_at >= ? AND o.occurred_at <= ? AND o.call_id IS NOT NULL
      AND (? IS NULL OR +o.agent_upn = ?)
  ),
  r AS (
    SELECT ms, row_number() OVER (ORDER BY ms) AS rn, count(*) OVER () AS n FROM d WHERE ms IS NOT NULL
  )
  SELECT count(*) AS calls,
    max(CASE WHEN rn = (50 * n + 99) / 100 THEN ms END) AS median,
    max(CASE WHEN rn = (90 * n + 99) / 100 THEN ms END) AS p90
  FROM r`;

/** The History charts for a date range, optionally one agent's. */
export function auditStats(db: Db, filter: AuditStatsFilter): AuditStats {
  const from = ms('from', filter.from);
  const to = ms('to', filter.to);
  const agent = filter.agentUpn?.trim() ?? null;
  const resets = (
    agent === null ? cached(db, RESETS_PER_DAY).all(from, to) : cached(db, RESETS_PER_DAY_AGENT).all(agent, from, to)
  ) as { day: number; outcome: AuditOutcome; n: number }[];
  const verification = VERIFICATION_TYPES.map((type) => {
    const row = cached(db, VERIFICATION).get(type, from, to, agent, agent) as {
      passed: number | null;
      failed: number | null;
    };
    return { type, passed: row.passed ?? 0, failed: row.failed ?? 0 };
  });
  const perAgent = cached(db, PER_AGENT).all(from, to, agent, agent) as AuditStats['perAgent'];
  const handover = cached(db, TIME_TO_HANDOVER).get(from, to, agent, agent) as {
    calls: number;
    median: number | null;
    p90: number | null;
  };
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    resetsPerDay: resets.map((r) => ({
      day: new Date(r.day * DAY).toISOString().slice(0, 10),
      outcome: r.outcome,
      count: r.n,
    })),
    verificationByType: verification,
    perAgent: perAgent.filter((a) => a.calls > 0 || a.resets > 0),
    timeToHandover: { calls: handover.calls, medianMs: handover.median, p90Ms: handover.p90 },
  };
}

/** The statements auditStats runs, for the query-plan tests and the bench. */
export const AUDIT_STATS_SQL = {
  RESETS_PER_DAY,
  RESETS_PER_DAY_AGENT,
  RESETS_ONLY_PER_DAY,
  VERIFICATION,
  PER_AGENT,
  TIME_TO_HANDOVER,
};
