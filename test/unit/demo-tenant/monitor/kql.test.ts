// The demo workspace answers the KQL subset Resetline sends, with KQL's rules, and refuses the rest.
import { describe, expect, it } from 'vitest';
import { KqlSyntaxError, parseKql, type Column } from '../../../../src/demo-tenant/monitor/kql';
import { runKql } from '../../../../src/demo-tenant/monitor/kqlRun';
import { timespanBounds } from '../../../../src/demo-tenant/monitor/timespan';

const COLUMNS: Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Desk', type: 'string' },
  { name: 'RowId', type: 'long' },
  { name: 'Action', type: 'string' },
  { name: 'Notes', type: 'string' },
];
const ROWS = [
  { TimeGenerated: '2026-01-01T00:00:00Z', Desk: 'a', RowId: 1, Action: 'reset.password', Notes: 'VIP caller' },
  { TimeGenerated: '2026-01-02T00:00:00Z', Desk: 'a', RowId: 2, Action: 'call.opened', Notes: 'vipx' },
  { TimeGenerated: '2026-01-03T00:00:00Z', Desk: 'b', RowId: 1, Action: 'reset.password', Notes: null },
];
const run = (q: string): unknown[][] => runKql(parseKql(q), COLUMNS, ROWS).rows;

describe('demo KQL subset', () => {
  it('filters with ==, in, has (whole term, any case) and datetime comparisons', () => {
    expect(run('T | where Desk == "a" | project RowId')).toEqual([[1], [2]]);
    expect(run('T | where Desk == "A" | project RowId')).toEqual([]);
    expect(run("T | where Action in ('call.opened') | project RowId")).toEqual([[2]]);
    expect(run('T | where Notes has "vip" | project RowId')).toEqual([[1]]);
    expect(run('T | where TimeGenerated >= datetime("2026-01-02T00:00:00Z") and Desk == "b" | project Desk')).toEqual([
      ['b'],
    ]);
  });

  it('sorts descending unless told, takes, tops and counts by group', () => {
    expect(run('T | order by TimeGenerated | project Desk, RowId')).toEqual([
      ['b', 1],
      ['a', 2],
      ['a', 1],
    ]);
    expect(run('T | sort by Desk asc, RowId desc | take 2 | project RowId')).toEqual([[2], [1]]);
    expect(run('T | top 1 by RowId asc | project RowId')).toEqual([[1]]);
    expect(runKql(parseKql('T | summarize count() by Desk'), COLUMNS, ROWS)).toEqual({
      columns: [
        { name: 'Desk', type: 'string' },
        { name: 'count_', type: 'long' },
      ],
      rows: [
        ['a', 2],
        ['b', 1],
      ],
    });
  });

  it('refuses anything outside the subset as a syntax error', () => {
    for (const q of [
      'T | extend x = 1',
      'T | where Desk contains "a"',
      'T | where Desk == "a" or RowId == 1',
      'T | join (U) on RowId',
      'T; U',
      'T | where Nope == 1',
      'T | where Desk == "unterminated',
    ])
      expect(() => runKql(parseKql(q), COLUMNS, ROWS), q).toThrow(KqlSyntaxError);
  });

  it('reads the timespan forms the request format documents', () => {
    const now = Date.UTC(2026, 0, 10);
    expect(timespanBounds('PT12H', now)).toEqual({ from: now - 12 * 3_600_000, to: now });
    expect(timespanBounds('2026-01-01/2026-01-02', now)).toEqual({
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 0, 2),
    });
    expect(timespanBounds('2026-01-01T00:00:00Z/P1D', now)).toEqual({
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 0, 2),
    });
  });
});
