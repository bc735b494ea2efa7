// Team History: the team's audit trail as forwarded to the Log Analytics workspace, read by a team lead.
// The filters are History's own (AuditCountInput's fields), plus the desk (the PC a row was forwarded from).
// Paging is by offset over the filter's rows, newest first (the query numbers them with row_number()).
import { z } from 'zod';
import { AuditCountInput, type AuditEvent } from './audit';
import { AuditCallInput, AuditStatsInput, type AuditStats, type CallTimeline } from './history';
import { roleNameList, type RoleKey } from './roles';

/**
 * Who may read the team's trail: the roles that read the tenant's reports (a team lead holds Reports
 * Reader: caller/labels.ts RECOMMENDED_ROLES). Team History shows every desk's calls, so it is stricter than
 * the local History (any signed-in agent). The workspace asks for its own Azure role on top (Log Analytics
 * Reader): MicrosoftDocs/azure-monitor-docs articles/azure-monitor/logs/manage-access.md.
 */
export const TEAM_READER_ROLES: readonly RoleKey[] = [
  'reportsReader',
  'securityReader',
  'securityAdministrator',
  'globalReader',
  'globalAdministrator',
];
export const TEAM_READER_NAMES = roleNameList(TEAM_READER_ROLES);

/** Rows past which an offset is refused: the query API returns 500,000 records at most per query. */
export const MAX_TEAM_OFFSET = 499_500;

const desk = z.string().trim().min(1).max(64).optional();
const filterShape = { ...AuditCountInput.shape, desk };

type Shape = { [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]> };
const resultNeedsType = (f: Shape) => f.verificationResult === undefined || f.verificationType !== undefined;
const rangeInOrder = (f: Shape) => f.from === undefined || f.to === undefined || Date.parse(f.from) <= Date.parse(f.to);
const RESULT_NEEDS_TYPE = {
  message: 'Choose a verification type to filter by its result.',
  path: ['verificationResult'],
};
const RANGE_IN_ORDER = { message: 'The start date must not be after the end date.', path: ['from'] };

/** `team:count-events`: History's filter (and a desk). */
export const TeamFilterInput = z
  .object(filterShape)
  .strict()
  .refine(resultNeedsType, RESULT_NEEDS_TYPE)
  .refine(rangeInOrder, RANGE_IN_ORDER);
export type TeamFilter = z.input<typeof TeamFilterInput>;
export type TeamFilterParsed = z.output<typeof TeamFilterInput>;

/**
 * Rows a team CSV holds at most (the newest of the filter): the `team-export` job reads them from the
 * workspace 500 at a time, each page a query against the per-user rate (200 per 30 s) every screen shares.
 */
export const TEAM_EXPORT_MAX = 5_000;

/** The `team-export` job (shared/jobs.ts): the filter's team rows as CSV, written by main to a file. */
export const TeamExportJobInput = z.object({ kind: z.literal('team-export'), filter: TeamFilterInput }).strict();

/** `team:list-events`: one page of the filter's rows, newest first, by offset. */
export const TeamListInput = z
  .object({
    ...filterShape,
    offset: z.number().int().min(0).max(MAX_TEAM_OFFSET).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine(resultNeedsType, RESULT_NEEDS_TYPE)
  .refine(rangeInOrder, RANGE_IN_ORDER);
export type TeamListFilter = z.input<typeof TeamListInput>;

/** `team:get-trends`: the charts' range and agent, as History's, and the desk. */
export const TeamTrendsInput = z
  .object({ ...AuditStatsInput.shape, desk })
  .strict()
  .refine(rangeInOrder, RANGE_IN_ORDER);
export type TeamTrendsFilter = z.input<typeof TeamTrendsInput>;
/** `team:get-call`: one call's forwarded events. */
export const TeamCallInput = AuditCallInput;

/** An audit row as forwarded: History's row, with the desk it came from. */
export interface TeamEvent extends AuditEvent {
  desk: string;
}

export interface TeamPage {
  events: TeamEvent[];
}

export interface TeamCount {
  /** Rows matching the filter, each forwarded row counted once (duplicates of at-least-once delivery dropped). */
  total: number;
  /** The same rows per desk, busiest first. */
  desks: { desk: string; count: number }[];
}

/** The charts as History's, from the workspace's aggregates; the time to hand-over is not computed there. */
export interface TeamTrends extends AuditStats {
  /** Where the figures come from: always the team's workspace. */
  source: 'team';
}

export interface TeamCallTimeline extends CallTimeline {
  events: TeamEvent[];
}

/**
 * `team:check-desks`: each desk's forwarded trail checked against itself (the anchor outside the PC).
 * `intact`: one unbroken chain; `rewritten`: a row forwarded twice with different content, a broken link
 * or a checkpoint that does not match its row; `gap`: rows missing between forwarded ones, or a checkpoint
 * vouching for a row that never arrived.
 */
export type DeskCheckStatus = 'intact' | 'rewritten' | 'gap';

/** What was found, most serious first: where it starts (a row number of the desk) and how many rows. */
export type DeskFindingKind = 'changed-rows' | 'broken-link' | 'checkpoint-mismatch' | 'missing-rows' | 'unarrived';
export interface DeskFinding {
  kind: DeskFindingKind;
  firstRow: number;
  rows: number;
}

export interface DeskCheck {
  desk: string;
  status: DeskCheckStatus;
  /** Audit rows forwarded (each row number once). */
  events: number;
  firstRow: number | null;
  lastRow: number | null;
  /** Signed checkpoints compared with the rows they vouch for (their signatures cannot be checked here). */
  checkpoints: number;
  findings: DeskFinding[];
}

export interface DeskChecks {
  /** Flagged desks first, then by name. */
  desks: DeskCheck[];
  checkedAt: string;
}
