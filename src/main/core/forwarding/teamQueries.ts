// The KQL Team History sends, built from History's own filter. Every value the agent typed goes through
// kqlString (kql.ts), the one place literals are written; numbers and dates are Resetline's own; column
// names come from RECORD_COLUMNS and the table name is checked. Each query first drops the duplicates
// at-least-once forwarding leaves (`summarize arg_min(TimeGenerated, *) by RecordId`: one row per
// RecordId, the chain hash), so counts, pages and trends count each audit row once.
// KQL reference: MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/ (arg-min-aggregation-function.md,
// serialize-operator.md, row-number-function.md, hasprefix-operator.md, startswith-operator.md,
// set-has-element-function.md, bin-function.md).
import { searchTokens } from '../audit/list';
import type { TeamFilterParsed } from '../../../shared/team';
import { kqlDatetime, kqlString } from './kql';
import type { RECORD_COLUMNS } from './records';

type ColumnName = (typeof RECORD_COLUMNS)[number];

const TABLE = /^[A-Za-z][A-Za-z0-9_]{0,44}_CL$/;

/** The words of the text filter matched at most (History's full-text search takes 16 too). */
const MAX_WORDS = 16;

/** The columns a team row carries back: History's row, plus the desk. */
export const TEAM_ROW_COLUMNS = [
  'TimeGenerated',
  'RecordId',
  'Desk',
  'RowId',
  'CallId',
  'AgentUpn',
  'AgentId',
  'TargetUpn',
  'TargetId',
  'TargetName',
  'Action',
  'Outcome',
  'TicketRef',
  'Notes',
  'Verification',
  'Detail',
] as const satisfies readonly ColumnName[];

function table(name: string): string {
  if (!TABLE.test(name)) throw new RangeError('not a custom table name');
  return name;
}

const eq = (col: ColumnName, v: string) => `${col} == ${kqlString(v)}`;

/** The calls closed with an outcome, found first for the call-outcome filter: at most `cap` of them. */
export const CLOSED_CALLS_CAP = 5_000;

/**
 * The filter's conditions, in one `where` (events only: checkpoints are the anchor's, not History's).
 * `callIds`: the calls closed with the filter's call outcome (teamClosedCallsQuery's answer).
 */
export function teamConditions(f: TeamFilterParsed, callIds?: readonly string[]): string[] {
  const c: string[] = [eq('Kind', 'event')];
  if (callIds !== undefined) c.push(`CallId in (${callIds.map(kqlString).join(', ')})`);
  if (f.from !== undefined) c.push(`TimeGenerated >= ${kqlDatetime(Date.parse(f.from))}`);
  if (f.to !== undefined) c.push(`TimeGenerated <= ${kqlDatetime(Date.parse(f.to))}`);
  if (f.desk !== undefined) c.push(eq('Desk', f.desk));
  if (f.agentUpn !== undefined) c.push(eq('AgentUpn', f.agentUpn));
  if (f.targetUpn !== undefined) c.push(eq('TargetUpn', f.targetUpn));
  if (f.action !== undefined) c.push(eq('Action', f.action));
  if (f.outcome !== undefined) c.push(eq('Outcome', f.outcome));
  if (f.verificationType !== undefined) {
    const results = f.verificationResult === undefined ? (['passed', 'failed'] as const) : [f.verificationResult];
    const sets = results.map((r) => `set_has_element(Verification.${r}, ${kqlString(f.verificationType ?? '')})`);
    c.push(sets.length === 1 ? (sets[0] as string) : `(${sets.join(' or ')})`);
  }
  if (f.target !== undefined)
    c.push(`(TargetName startswith ${kqlString(f.target)} or TargetUpn startswith ${kqlString(f.target)})`);
  if (f.text !== undefined) {
    for (const word of searchTokens(f.text).slice(0, MAX_WORDS))
      c.push(`(Notes hasprefix ${kqlString(word)} or TicketRef hasprefix ${kqlString(word)})`);
  }
  return c;
}

function deduped(tableName: string, conds: readonly string[]): string[] {
  return [table(tableName), `where ${conds.join(' and ')}`, 'summarize arg_min(TimeGenerated, *) by RecordId'];
}

/** The ids of the calls closed with `outcome` (the `call.closed` row's detail), one more than the cap at most. */
export function teamClosedCallsQuery(tableName: string, outcome: string): string {
  return [
    ...deduped(tableName, [
      eq('Kind', 'event'),
      eq('Action', 'call.closed'),
      `Detail.outcome == ${kqlString(outcome)}`,
    ]),
    'project CallId',
    `take ${CLOSED_CALLS_CAP + 1}`,
  ].join(' | ');
}

/** How the page's calls were closed: their `call.closed` rows' detail. */
export function teamCallOutcomesQuery(tableName: string, callIds: readonly string[]): string {
  return [
    ...deduped(tableName, [
      eq('Kind', 'event'),
      eq('Action', 'call.closed'),
      `CallId in (${callIds.map(kqlString).join(', ')})`,
    ]),
    'project CallId, Detail',
  ].join(' | ');
}

/** One page of the filter's rows, newest first (ties: desk, then the desk's row number, newest first). */
export function teamPageQuery(
  tableName: string,
  f: TeamFilterParsed,
  offset: number,
  limit: number,
  callIds?: readonly string[],
): string {
  const first = Math.max(0, Math.floor(offset));
  const last = first + Math.max(1, Math.floor(limit));
  return [
    ...deduped(tableName, teamConditions(f, callIds)),
    'order by TimeGenerated desc, Desk asc, RowId desc',
    'serialize Row = row_number()',
    `where Row > ${first} and Row <= ${last}`,
    `project ${TEAM_ROW_COLUMNS.join(', ')}`,
  ].join(' | ');
}

/** The filter's rows per desk (the header's counts). */
export function teamCountQuery(tableName: string, f: TeamFilterParsed, callIds?: readonly string[]): string {
  return [...deduped(tableName, teamConditions(f, callIds)), 'summarize count() by Desk'].join(' | ');
}

/** One call's forwarded events, oldest first. */
export function teamCallQuery(tableName: string, callId: string): string {
  return [
    ...deduped(tableName, [eq('Kind', 'event'), eq('CallId', callId)]),
    'order by TimeGenerated asc, RowId asc',
    `project ${TEAM_ROW_COLUMNS.join(', ')}`,
  ].join(' | ');
}

export interface TrendsRange {
  from: number;
  to: number;
  agentUpn?: string;
  desk?: string;
}

function trendConds(r: TrendsRange, extra: string): string[] {
  const c = [
    eq('Kind', 'event'),
    `TimeGenerated >= ${kqlDatetime(r.from)}`,
    `TimeGenerated <= ${kqlDatetime(r.to)}`,
    extra,
  ];
  if (r.agentUpn !== undefined) c.push(eq('AgentUpn', r.agentUpn));
  if (r.desk !== undefined) c.push(eq('Desk', r.desk));
  return c;
}

/** The trends' three aggregates: resets per day and outcome, calls and resets per agent, closed calls' checks. */
export function teamTrendQueries(
  tableName: string,
  r: TrendsRange,
): { perDay: string; perAgent: string; checks: string } {
  return {
    perDay: [
      ...deduped(tableName, trendConds(r, eq('Action', 'reset.password'))),
      'summarize count() by bin(TimeGenerated, 1d), Outcome',
    ].join(' | '),
    perAgent: [
      ...deduped(tableName, trendConds(r, `Action in (${kqlString('call.opened')}, ${kqlString('reset.password')})`)),
      'summarize count() by AgentUpn, Action, Outcome',
    ].join(' | '),
    checks: [...deduped(tableName, trendConds(r, eq('Action', 'call.closed'))), 'project Verification'].join(' | '),
  };
}
