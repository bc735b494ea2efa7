// Team History: the team's forwarded audit trail, read from the Log Analytics workspace with the real
// LogsQueryClient as the signed-in agent (MonitorCredential, the 'query' audience of the session's cloud;
// the demo tenant's CA trusted in demo mode, as for ingestion). The KQL comes from teamQueries.ts; rows
// come back in History's shape with their desk. Failures become words an agent can act on (teamFailures.ts).
// Query API: MicrosoftDocs/azure-monitor-docs articles/azure-monitor/logs/api/request-format.md and
// response-format.md.
import {
  LogsQueryResultStatus,
  type LogsQueryClient,
  type LogsTable,
  type QueryTimeInterval,
} from '@azure/monitor-query-logs';
import {
  RESET_DEFINITION,
  VERIFICATION_TYPES,
  type AuditAction,
  type AuditDetail,
  type AuditOutcome,
  type AuditVerification,
  type CallOutcome,
} from '../../../shared/audit';
import { CALL_OUTCOMES } from '../../../shared/audit';
import { ResetlineError } from '../../../shared/result';
import type {
  DeskChecks,
  TeamCallTimeline,
  TeamCount,
  TeamEvent,
  TeamFilterParsed,
  TeamPage,
  TeamTrends,
} from '../../../shared/team';
import { searchTokens } from '../audit/list';
import { MonitorCredential } from '../auth/monitorCredential';
import { decideDesks } from './anchor';
import { deskCheckpointsQuery, deskEventsQuery } from './anchorQueries';
import { createQueryClient } from './clients';
import type { ForwardingSession } from './service';
import { noWorkspace, teamFailure, tooManyRows } from './teamFailures';
import {
  CLOSED_CALLS_CAP,
  teamCallOutcomesQuery,
  teamCallQuery,
  teamClosedCallsQuery,
  teamCountQuery,
  teamPageQuery,
  teamTrendQueries,
} from './teamQueries';

/** Where the team's trail is read: the workspace (its id, a GUID) and the custom table. */
export interface TeamWorkspace {
  workspaceId: string;
  table: string;
  /** The query API's base with its version; the cloud's public one when absent (the demo gives its own). */
  queryEndpoint?: string;
}

export interface TeamHistoryOptions {
  session: ForwardingSession;
  /** The configured workspace, or null when none is (forwarding's settings hold it). */
  workspace: () => TeamWorkspace | null;
  now?: () => number;
}

type Cells = Record<string, unknown>;

const EARLIEST = Date.UTC(2000, 0, 1);
const DAY = 86_400_000;

function iso(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

function dynamic(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function objects(table: LogsTable | undefined): Cells[] {
  if (!table) return [];
  const names = table.columnDescriptors.map((c) => c.name ?? '');
  return table.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
}

function isCallOutcome(v: unknown): v is CallOutcome {
  return typeof v === 'string' && (CALL_OUTCOMES as readonly string[]).includes(v);
}

/** A forwarded record as History's row, with its desk. */
export function toTeamEvent(r: Cells): TeamEvent {
  const verification = dynamic(r.Verification);
  const detail = dynamic(r.Detail);
  return {
    id: Number(r.RowId),
    occurredAt: iso(r.TimeGenerated),
    callId: str(r.CallId),
    agentUpn: str(r.AgentUpn) ?? '',
    agentId: str(r.AgentId),
    targetId: str(r.TargetId),
    targetUpn: str(r.TargetUpn),
    targetName: str(r.TargetName),
    action: String(r.Action) as AuditAction,
    outcome: String(r.Outcome) as AuditOutcome,
    verification:
      verification !== null && typeof verification === 'object' ? (verification as AuditVerification) : null,
    ticketRef: str(r.TicketRef),
    notes: str(r.Notes),
    detail: detail !== null && typeof detail === 'object' ? (detail as AuditDetail) : {},
    desk: str(r.Desk) ?? '',
  };
}

export class TeamHistory {
  private client: { key: string; client: LogsQueryClient } | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: TeamHistoryOptions) {
    this.now = opts.now ?? Date.now;
  }

  private target(): TeamWorkspace {
    const ws = this.opts.workspace();
    if (!ws?.workspaceId) throw noWorkspace();
    return ws;
  }

  private queryClient(ws: TeamWorkspace): LogsQueryClient {
    const { session } = this.opts;
    const caPem = session.demoTenant()?.caCertPem;
    const cloud = session.graphCloud();
    const key = `${cloud}|${ws.queryEndpoint ?? ''}|${caPem ?? ''}`;
    if (this.client?.key !== key) {
      const credential = new MonitorCredential(session, cloud, 'query');
      this.client = {
        key,
        client: createQueryClient(credential, {
          ...(caPem ? { caPem } : {}),
          ...(ws.queryEndpoint ? { endpoint: ws.queryEndpoint } : {}),
        }),
      };
    }
    return this.client.client;
  }

  /** Runs one query; its first table as objects by column name. A workspace with no data (204) is no rows. */
  private async run(query: string, span: QueryTimeInterval): Promise<Cells[]> {
    const ws = this.target();
    let result;
    try {
      result = await this.queryClient(ws).queryWorkspace(ws.workspaceId, query, span);
    } catch (error) {
      throw teamFailure(error, this.now());
    }
    if (result.status === LogsQueryResultStatus.PartialFailure) throw tooManyRows();
    return objects(result.tables[0]);
  }

  private span(from?: string | number, to?: string | number): QueryTimeInterval {
    const start = from === undefined ? EARLIEST : typeof from === 'number' ? from : Date.parse(from);
    // The query's own `where` keeps `to` inclusive; the timespan's end is exclusive.
    const end = to === undefined ? this.now() + DAY : (typeof to === 'number' ? to : Date.parse(to)) + 1;
    return { startTime: new Date(start), endTime: new Date(end) };
  }

  private checkFilter(f: TeamFilterParsed): void {
    if (f.text !== undefined && searchTokens(f.text).length === 0)
      throw new ResetlineError('invalid_input', 'The ticket or notes search must contain a letter or a digit.');
  }

  /** The calls closed with the filter's call outcome (undefined: no such filter). */
  private async closedCalls(f: TeamFilterParsed): Promise<string[] | undefined> {
    if (f.callOutcome === undefined) return undefined;
    const rows = await this.run(teamClosedCallsQuery(this.target().table, f.callOutcome), this.span(f.from));
    if (rows.length > CLOSED_CALLS_CAP)
      throw new ResetlineError(
        'invalid_input',
        `More than ${CLOSED_CALLS_CAP.toLocaleString('en-US')} team calls were closed that way. Choose dates to narrow the call outcome filter.`,
      );
    return [...new Set(rows.map((r) => str(r.CallId)).filter((id): id is string => id !== null))];
  }

  async count(f: TeamFilterParsed): Promise<TeamCount> {
    this.checkFilter(f);
    const callIds = await this.closedCalls(f);
    if (callIds?.length === 0) return { total: 0, desks: [] };
    const rows = await this.run(teamCountQuery(this.target().table, f, callIds), this.span(f.from, f.to));
    const desks = rows
      .map((r) => ({ desk: str(r.Desk) ?? '', count: Number(r.count_) }))
      .sort((a, b) => b.count - a.count || a.desk.localeCompare(b.desk));
    return { total: desks.reduce((n, d) => n + d.count, 0), desks };
  }

  async list(f: TeamFilterParsed & { offset: number; limit: number }): Promise<TeamPage> {
    this.checkFilter(f);
    const callIds = await this.closedCalls(f);
    if (callIds?.length === 0) return { events: [] };
    const ws = this.target();
    const rows = await this.run(teamPageQuery(ws.table, f, f.offset, f.limit, callIds), this.span(f.from, f.to));
    const events = dedupe(rows.map(toTeamEvent));
    await this.withCallOutcomes(events);
    return { events };
  }

  /** Sets each row's call outcome from its call's `call.closed` row (null: still open, or no call). */
  private async withCallOutcomes(events: TeamEvent[]): Promise<void> {
    const ids = [...new Set(events.map((e) => e.callId).filter((id): id is string => id !== null))];
    const outcomes = new Map<string, CallOutcome>();
    if (ids.length > 0) {
      const rows = await this.run(teamCallOutcomesQuery(this.target().table, ids), this.span());
      for (const r of rows) {
        const outcome = (dynamic(r.Detail) as Record<string, unknown> | null)?.outcome;
        const id = str(r.CallId);
        if (id !== null && isCallOutcome(outcome)) outcomes.set(id, outcome);
      }
    }
    for (const e of events) e.callOutcome = e.callId === null ? null : (outcomes.get(e.callId) ?? null);
  }

  async call(callId: string): Promise<TeamCallTimeline> {
    const rows = await this.run(teamCallQuery(this.target().table, callId), this.span());
    return { callId, events: dedupe(rows.map(toTeamEvent)) };
  }

  /**
   * The anchor: every desk's forwarded trail checked against itself (anchor.ts), over all time. Two
   * aggregate queries, one row per desk each; the checkpoints' signatures are not checked (anchor.ts).
   */
  async checkDesks(): Promise<DeskChecks> {
    const ws = this.target();
    const span = this.span();
    const events = await this.run(deskEventsQuery(ws.table), span);
    const checkpoints = await this.run(deskCheckpointsQuery(ws.table), span);
    return { desks: decideDesks(events, checkpoints), checkedAt: new Date(this.now()).toISOString() };
  }

  async trends(input: {
    from: string;
    to: string;
    agentUpn?: string | undefined;
    desk?: string | undefined;
  }): Promise<TeamTrends> {
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    const q = teamTrendQueries(this.target().table, {
      from,
      to,
      ...(input.agentUpn !== undefined ? { agentUpn: input.agentUpn } : {}),
      ...(input.desk !== undefined ? { desk: input.desk } : {}),
    });
    const span = this.span(from, to);
    // One after the other: the query rate is per user (200 per 30 s), and these are three of them.
    const perDay = await this.run(q.perDay, span);
    const perAgent = await this.run(q.perAgent, span);
    const checks = await this.run(q.checks, span);
    return {
      source: 'team',
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      resetsPerDay: perDay
        .map((r) => ({
          day: iso(r.TimeGenerated).slice(0, 10),
          outcome: String(r.Outcome) as AuditOutcome,
          count: Number(r.count_),
        }))
        .sort((a, b) => a.day.localeCompare(b.day) || a.outcome.localeCompare(b.outcome)),
      verificationByType: verificationCounts(checks.map((r) => dynamic(r.Verification))),
      perAgent: agentCounts(perAgent),
      timeToHandover: { calls: 0, medianMs: null, p90Ms: null },
    };
  }
}

/** Keeps the first row of each desk and row number (the query already drops duplicates; this is the guard). */
function dedupe(events: TeamEvent[]): TeamEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.desk}\u0000${e.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function verificationCounts(summaries: unknown[]): TeamTrends['verificationByType'] {
  return VERIFICATION_TYPES.map((type) => {
    let passed = 0;
    let failed = 0;
    for (const s of summaries) {
      const v = s as Partial<AuditVerification> | null;
      if (Array.isArray(v?.passed) && v.passed.includes(type)) passed++;
      if (Array.isArray(v?.failed) && v.failed.includes(type)) failed++;
    }
    return { type, passed, failed };
  });
}

function agentCounts(rows: Cells[]): TeamTrends['perAgent'] {
  const by = new Map<string, { agentUpn: string; calls: number; resets: number }>();
  for (const r of rows) {
    const agentUpn = str(r.AgentUpn) ?? '';
    const a = by.get(agentUpn) ?? { agentUpn, calls: 0, resets: 0 };
    const n = Number(r.count_);
    if (r.Action === 'call.opened') a.calls += n;
    if (r.Action === RESET_DEFINITION.action && r.Outcome === RESET_DEFINITION.outcome) a.resets += n;
    by.set(agentUpn, a);
  }
  return [...by.values()]
    .filter((a) => a.calls > 0 || a.resets > 0)
    .sort((a, b) => b.calls - a.calls || b.resets - a.resets || a.agentUpn.localeCompare(b.agentUpn));
}
