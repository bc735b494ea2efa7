// The Logs query API's documented limits and access rule, as the demo workspace applies them.
//
// Limits: MicrosoftDocs/azure-docs includes/azure-monitor-limits-log-queries.md ("User query throttling",
// included in articles/azure-monitor/fundamentals/service-limits.md): "Query rate: 200 queries per 30
// seconds" per user, over 429. Rows: the Log Analytics query API returns at most 500,000 records per query
// (service-limits.md, "Log queries and language"); past it the answer is cut and carries a partial error
// (response-format.md shows an `error` beside `tables` for a partial result).
//
// Access: a user needs read access to the workspace (the built-in role Log Analytics Reader:
// MicrosoftDocs/azure-monitor-docs articles/azure-monitor/logs/manage-access.md); without it the API answers
// 403 InsufficientAccessError (articles/azure-monitor/logs/api/errors.md, "Insufficient permissions").
// Azure roles are not in Entra tokens, so the demo stands in for the assignment an admin makes: its
// workspace gives Log Analytics Reader to every demo account holding a directory role (agents and team
// leads); an account with none (a staff member) is refused.

export const QUERY_LIMITS = {
  maxQueriesPerWindow: 200,
  windowMs: 30_000,
  maxRows: 500_000,
  doc: 'includes/azure-monitor-limits-log-queries.md',
} as const;

/** Who holds Log Analytics Reader on the demo workspace: a caller with at least one directory role. */
export function holdsWorkspaceRead(caller: { roleTemplateIds: readonly string[] }): boolean {
  return caller.roleTemplateIds.length > 0;
}

/** Per-user sliding window of query times; the seconds to wait when one more would pass the rate. */
export class QueryRate {
  private readonly seen = new Map<string, number[]>();

  take(user: string, now: number): number | undefined {
    const times = (this.seen.get(user) ?? []).filter((t) => t > now - QUERY_LIMITS.windowMs);
    if (times.length >= QUERY_LIMITS.maxQueriesPerWindow) {
      this.seen.set(user, times);
      return Math.max(1, Math.ceil(((times[0] ?? now) + QUERY_LIMITS.windowMs - now) / 1000));
    }
    times.push(now);
    this.seen.set(user, times);
    return undefined;
  }
}
