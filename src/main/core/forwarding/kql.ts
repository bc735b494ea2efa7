// KQL for the team view, built without ever pasting user text into the query: every value goes through
// kqlString (or is a number or a date Resetline made), the one place literals are written. Column and
// table names come from RECORD_COLUMNS and the configuration, never from the agent.
// String literals: MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/scalar-data-types/string.md
// (double-quoted, backslash escapes \\ \" \n \r \t and \uXXXX).
import type { RECORD_COLUMNS } from './records';

type ColumnName = (typeof RECORD_COLUMNS)[number];

/** A KQL string literal holding exactly `value`: quotes, backslashes and every control character escaped. */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function kqlDatetime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('not a time');
  return `datetime(${kqlString(new Date(ms).toISOString())})`;
}

export interface TeamQuery {
  table: string;
  kind?: 'event' | 'checkpoint';
  desk?: string;
  agentUpns?: string[];
  action?: string;
  outcome?: string;
  from?: number;
  to?: number;
  /** A whole word to find in the notes. */
  notesHas?: string;
  take?: number;
}

const TABLE = /^[A-Za-z][A-Za-z0-9_]{0,44}_CL$/;

function col(name: ColumnName): string {
  return name;
}

/** `Table | where … | order by RowId asc | take N`: the team view's rows for these filters. */
export function buildTeamQuery(q: TeamQuery): string {
  if (!TABLE.test(q.table)) throw new RangeError('not a custom table name');
  const conds: string[] = [];
  if (q.kind) conds.push(`${col('Kind')} == ${kqlString(q.kind)}`);
  if (q.desk !== undefined) conds.push(`${col('Desk')} == ${kqlString(q.desk)}`);
  if (q.agentUpns?.length) conds.push(`${col('AgentUpn')} in (${q.agentUpns.map(kqlString).join(', ')})`);
  if (q.action !== undefined) conds.push(`${col('Action')} == ${kqlString(q.action)}`);
  if (q.outcome !== undefined) conds.push(`${col('Outcome')} == ${kqlString(q.outcome)}`);
  if (q.from !== undefined) conds.push(`${col('TimeGenerated')} >= ${kqlDatetime(q.from)}`);
  if (q.to !== undefined) conds.push(`${col('TimeGenerated')} < ${kqlDatetime(q.to)}`);
  if (q.notesHas !== undefined) conds.push(`${col('Notes')} has ${kqlString(q.notesHas)}`);
  const parts = [q.table];
  if (conds.length) parts.push(`where ${conds.join(' and ')}`);
  parts.push(`order by ${col('Desk')} asc, ${col('RowId')} asc`);
  if (q.take !== undefined) parts.push(`take ${Math.max(0, Math.floor(q.take))}`);
  return parts.join(' | ');
}
