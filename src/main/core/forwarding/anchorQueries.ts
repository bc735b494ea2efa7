// The KQL of the desk checks (anchor.ts): two aggregate queries over the whole team table, each answering
// one row per desk, so a workspace of 1,000,000 forwarded rows sends back a few dozen figures, far under
// the query API's documented limits (500,000 records and 64 MB per answer: MicrosoftDocs/azure-docs
// includes/azure-monitor-limits-log-queries.md). No value comes from the agent: the table name is checked,
// the rest is Resetline's own text. Both first drop the duplicates at-least-once forwarding leaves
// (`summarize arg_min(TimeGenerated, *) by RecordId`, as teamQueries.ts does).
// KQL reference (MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/): summarize-operator.md,
// count-aggregation-function.md, countif-aggregation-function.md, sum-aggregation-function.md,
// sumif-aggregation-function.md, min-aggregation-function.md, max-aggregation-function.md,
// minif-aggregation-function.md, sort-operator.md (its output is serialized), extend-operator.md and
// prev-function.md (the previous row's value, null before the first one).

const TABLE = /^[A-Za-z][A-Za-z0-9_]{0,44}_CL$/;

function table(name: string): string {
  if (!TABLE.test(name)) throw new RangeError('not a custom table name');
  return name;
}

const DEDUPED = 'summarize arg_min(TimeGenerated, *) by RecordId';

/** Conditions on a row and the one before it in (Desk, RowId) order. */
const SAME_DESK = 'Desk == PrevDesk';
const SAME_ROW = `${SAME_DESK} and RowId == PrevRow`;
const NEXT_ROW_UNLINKED = `${SAME_DESK} and RowId == PrevRow + 1 and PrevHash != PrevRowHash`;
const AFTER_HOLE = `${SAME_DESK} and RowId > PrevRow + 1`;

/**
 * Per desk, over its forwarded events in (Desk, RowId) order, each compared with the one before it:
 * Records (distinct records), FirstRow/LastRow, Repeats (a RowId seen again with another hash) and the
 * first such RowId, Breaks (an event whose PrevHash is not the previous row's Hash) and the first one,
 * Holes (RowIds skipped) and the row before the first hole.
 */
export function deskEventsQuery(tableName: string): string {
  return [
    table(tableName),
    'where Kind == "event"',
    DEDUPED,
    'sort by Desk asc, RowId asc, Hash asc',
    'extend PrevDesk = prev(Desk), PrevRow = prev(RowId), PrevRowHash = prev(Hash)',
    [
      'summarize Records = count()',
      'FirstRow = min(RowId)',
      'LastRow = max(RowId)',
      `Repeats = countif(${SAME_ROW})`,
      `FirstRepeat = minif(RowId, ${SAME_ROW})`,
      `Breaks = countif(${NEXT_ROW_UNLINKED})`,
      `FirstBreak = minif(RowId, ${NEXT_ROW_UNLINKED})`,
      `Holes = countif(${AFTER_HOLE})`,
      `FirstHoleAfter = minif(PrevRow, ${AFTER_HOLE})`,
    ].join(', ') + ' by Desk',
  ].join(' | ');
}

/**
 * Per desk, its forwarded checkpoints against its forwarded events: per (RowId, Hash) how many events and
 * checkpoints carry it; per RowId whether any event was forwarded and how many checkpoints found no event
 * with their hash; then per desk: Checkpoints (checked), Mismatched (a checkpoint whose row was forwarded
 * with another hash) and the first such RowId, Unarrived (a checkpoint whose row never arrived) and the
 * first. A checkpoint of the empty trail (RowId 0) vouches for no row and is left out.
 */
export function deskCheckpointsQuery(tableName: string): string {
  return [
    table(tableName),
    DEDUPED,
    'summarize RowEvents = countif(Kind == "event"), RowCheckpoints = countif(Kind == "checkpoint") by Desk, RowId, Hash',
    'summarize Forwarded = countif(RowEvents > 0), Pinned = sum(RowCheckpoints), Unmatched = sumif(RowCheckpoints, RowEvents == 0) by Desk, RowId',
    'where Pinned > 0 and RowId > 0',
    [
      'summarize Checkpoints = sum(Pinned)',
      'Mismatched = sumif(Unmatched, Forwarded > 0)',
      'FirstMismatch = minif(RowId, Unmatched > 0 and Forwarded > 0)',
      'Unarrived = sumif(Unmatched, Forwarded == 0)',
      'FirstUnarrived = minif(RowId, Unmatched > 0 and Forwarded == 0)',
    ].join(', ') + ' by Desk',
  ].join(' | ');
}
