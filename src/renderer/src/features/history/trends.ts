// `audit:get-stats` reshaped for the Trends charts and their figure tables: pure, so the wording the
// screen reader hears and the numbers the bars draw come from one place.
import { AUDIT_OUTCOMES, RESET_DEFINITION, type AuditOutcome } from '../../../../shared/audit';
import type { AuditStats } from '../../../../shared/history';

/** Resets per day as rows of counts by outcome, days in order, outcomes that occur only. */
export function resetsByDay(stats: AuditStats): {
  outcomes: AuditOutcome[];
  days: { day: string; counts: Record<AuditOutcome, number>; total: number }[];
} {
  const seen = new Set(stats.resetsPerDay.map((r) => r.outcome));
  const outcomes = AUDIT_OUTCOMES.filter((o) => seen.has(o));
  const byDay = new Map<string, Record<AuditOutcome, number>>();
  for (const r of stats.resetsPerDay) {
    const counts = byDay.get(r.day) ?? { success: 0, failure: 0, pending: 0, refused: 0, info: 0 };
    counts[r.outcome] += r.count;
    byDay.set(r.day, counts);
  }
  const days = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, counts]) => ({ day, counts, total: AUDIT_OUTCOMES.reduce((n, o) => n + counts[o], 0) }));
  return { outcomes, days };
}

export interface TrendTotals {
  /** Password resets tried, whatever their result. */
  attempts: number;
  /** The resets (RESET_DEFINITION): password resets Microsoft confirmed. */
  successfulResets: number;
  calls: number;
  verificationPassed: number;
  verificationFailed: number;
}

export function trendTotals(stats: AuditStats): TrendTotals {
  const sum = <T>(list: T[], f: (t: T) => number) => list.reduce((n, t) => n + f(t), 0);
  return {
    attempts: sum(stats.resetsPerDay, (r) => r.count),
    successfulResets: sum(stats.resetsPerDay, (r) => (r.outcome === RESET_DEFINITION.outcome ? r.count : 0)),
    calls: sum(stats.perAgent, (a) => a.calls),
    verificationPassed: sum(stats.verificationByType, (v) => v.passed),
    verificationFailed: sum(stats.verificationByType, (v) => v.failed),
  };
}

/** "45 s", "2 min 5 s", "1 h 3 min"; null reads "—". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}
