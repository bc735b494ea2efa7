// Team History's CSV as a job of kind `team-export`: the filter's rows (History's filter and the desk) read
// from the team's Log Analytics workspace with the same queries as the table (forwarding/team.ts `count`
// and `list`, 500 rows a page, newest first) and streamed to a file the way History's export is
// (exports/files.ts: Electron's save dialog, or a one-time download token in the browser host). Its
// progress is rows written; cancel stops it between pages and no file is kept. The newest TEAM_EXPORT_MAX
// rows at most: every page is a query against the per-user rate every screen shares. For a team lead, as
// the team's channels are (TEAM_READER_ROLES).
import { TEAM_EXPORT_MAX, TEAM_READER_ROLES, type TeamEvent, type TeamFilterParsed } from '../../../shared/team';
import { exportWork, writeCsvPages, type CsvValue, type ExportFiles, type ExportSource } from '../exports';
import type { TeamHistory } from '../forwarding/team';
import type { JobKindDef } from '../jobs/types';

/** Rows per `team.list` page: the query page's own maximum (`team:list-events` limit). */
export const TEAM_EXPORT_PAGE = 500;

export const TEAM_EXPORT_FILE = 'resetline-team-history.csv';

/** The team CSV's columns, in order: History's, with the desk first and the call's outcome. */
export const TEAM_CSV_COLUMNS: readonly (readonly [string, (e: TeamEvent) => CsvValue | undefined])[] = [
  ['Desk', (e) => e.desk],
  ['Row', (e) => e.id],
  ['Time (UTC)', (e) => e.occurredAt],
  ['Call', (e) => e.callId],
  ['Agent', (e) => e.agentUpn],
  ['Caller', (e) => e.targetName],
  ['Caller UPN', (e) => e.targetUpn],
  ['Action', (e) => e.action],
  ['Result', (e) => e.outcome],
  ['Call outcome', (e) => e.callOutcome],
  ['Verification passed', (e) => e.verification?.passed.join(' ')],
  ['Verification failed', (e) => e.verification?.failed.join(' ')],
  ['Ticket', (e) => e.ticketRef],
  ['Notes', (e) => e.notes],
];

const HEADER = TEAM_CSV_COLUMNS.map(([name]) => name);
const cells = (e: TeamEvent): CsvValue[] => TEAM_CSV_COLUMNS.map(([, get]) => get(e) ?? null);

type Team = Pick<TeamHistory, 'count' | 'list'>;

/** The filter's pages from the workspace, newest first, until `total` rows or an empty page. */
async function* teamPages(team: Team, filter: TeamFilterParsed, total: number): AsyncGenerator<TeamEvent[]> {
  let offset = 0;
  while (offset < total) {
    const { events } = await team.list({ ...filter, offset, limit: Math.min(TEAM_EXPORT_PAGE, total - offset) });
    if (events.length === 0) return;
    yield events;
    offset += events.length;
  }
}

/** The export's source once the workspace has counted the filter's rows (the count is a query too). */
export async function teamExportSource(team: Team, filter: TeamFilterParsed): Promise<ExportSource> {
  const total = Math.min((await team.count(filter)).total, TEAM_EXPORT_MAX);
  return {
    fileName: TEAM_EXPORT_FILE,
    count: () => total,
    write: (out, options) => writeCsvPages(out, HEADER, teamPages(team, filter, total), cells, options),
  };
}

export function teamExportKind({ team, files }: { team: Team; files: ExportFiles }): JobKindDef<'team-export'> {
  return {
    noun: 'export',
    need: { roles: TEAM_READER_ROLES, what: "the team's history from every desk" },
    // A refusal (no workspace, the Azure role, a bad search) comes from the count: no job is kept.
    start: async ({ filter }, signal) => exportWork(files, await teamExportSource(team, filter), signal),
  };
}
