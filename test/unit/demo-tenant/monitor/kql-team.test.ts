// The demo workspace answers the KQL Team History sends (forwarding/teamQueries.ts) with KQL's rules:
// duplicates dropped by arg_min, numbered pages, day bins, prefixes in any case, dynamic properties.
import { describe, expect, it } from 'vitest';
import { KqlSyntaxError, parseKql, type Column } from '../../../../src/demo-tenant/monitor/kql';
import { runKql } from '../../../../src/demo-tenant/monitor/kqlRun';

const COLUMNS: Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'RecordId', type: 'string' },
  { name: 'Desk', type: 'string' },
  { name: 'RowId', type: 'long' },
  { name: 'TargetName', type: 'string' },
  { name: 'Notes', type: 'string' },
  { name: 'Verification', type: 'dynamic' },
  { name: 'Detail', type: 'dynamic' },
];
const ROWS = [
  {
    TimeGenerated: '2026-01-01T10:00:00Z',
    RecordId: 'h1',
    Desk: 'a',
    RowId: 1,
    TargetName: 'Zoe Quote',
    Notes: 'Printer-jam',
    Verification: { passed: ['sms'], failed: [] },
    Detail: { outcome: 'resolved' },
  },
  {
    TimeGenerated: '2026-01-01T11:00:00Z',
    RecordId: 'h2',
    Desk: 'a',
    RowId: 2,
    TargetName: 'mark lee',
    Notes: null,
    Verification: '{"passed":[],"failed":["sms"]}',
    Detail: {},
  },
  // h1 again, sent twice (at-least-once)
  {
    TimeGenerated: '2026-01-01T10:00:00Z',
    RecordId: 'h1',
    Desk: 'a',
    RowId: 1,
    TargetName: 'Zoe Quote',
    Notes: 'Printer-jam',
    Verification: { passed: ['sms'], failed: [] },
    Detail: { outcome: 'resolved' },
  },
  {
    TimeGenerated: '2026-01-02T09:00:00Z',
    RecordId: 'h3',
    Desk: 'b',
    RowId: 1,
    TargetName: 'Zed',
    Notes: 'lockout',
    Verification: null,
    Detail: { outcome: 'escalated' },
  },
];
const run = (q: string) => runKql(parseKql(q), COLUMNS, ROWS);
const col = (q: string, name: string) => {
  const r = run(q);
  const i = r.columns.findIndex((c) => c.name === name);
  return r.rows.map((row) => row[i]);
};

describe('demo KQL: what Team History sends', () => {
  it('keeps one row per RecordId with arg_min(TimeGenerated, *), the key first', () => {
    const r = run('T | summarize arg_min(TimeGenerated, *) by RecordId');
    expect(r.columns.slice(0, 2).map((c) => c.name)).toEqual(['RecordId', 'TimeGenerated']);
    expect(r.rows.map((row) => row[0])).toEqual(['h1', 'h2', 'h3']);
  });

  it('numbers a serialized, sorted set from 1 and pages by the number', () => {
    const q =
      'T | summarize arg_min(TimeGenerated, *) by RecordId | order by TimeGenerated desc | serialize Row = row_number() | where Row > 1 and Row <= 2';
    expect(col(q, 'RecordId')).toEqual(['h2']);
    expect(col(q, 'Row')).toEqual([2]);
  });

  it('counts per day bin, prefixes and starts in any case, equality in any case, or-groups', () => {
    expect(run('T | summarize count() by bin(TimeGenerated, 1d), Desk').rows).toEqual([
      ['2026-01-01T00:00:00.000Z', 'a', 3],
      ['2026-01-02T00:00:00.000Z', 'b', 1],
    ]);
    expect(col('T | where Notes hasprefix "PRINT"', 'RecordId')).toEqual(['h1', 'h1']);
    expect(col('T | where Notes hasprefix "jam"', 'RecordId')).toEqual(['h1', 'h1']);
    expect(col('T | where Notes hasprefix "am"', 'RecordId')).toEqual([]);
    expect(col('T | where TargetName startswith "MARK"', 'RecordId')).toEqual(['h2']);
    expect(col('T | where Desk =~ "B"', 'RecordId')).toEqual(['h3']);
    expect(col('T | where (Desk == "b" or TargetName startswith "mark")', 'RecordId')).toEqual(['h2', 'h3']);
  });

  it("reads a dynamic column's property: set_has_element and equality", () => {
    expect(col('T | where set_has_element(Verification.passed, "sms")', 'RecordId')).toEqual(['h1', 'h1']);
    expect(col('T | where set_has_element(Verification.failed, "sms")', 'RecordId')).toEqual(['h2']);
    expect(col('T | where Detail.outcome == "escalated"', 'RecordId')).toEqual(['h3']);
  });

  it('still refuses what Resetline does not send', () => {
    for (const q of [
      'T | where Desk == "a" or RowId == 1',
      'T | summarize arg_max(TimeGenerated, *) by RecordId',
      'T | serialize Row = rank()',
      'T | summarize count() by bin(TimeGenerated, 1w)',
      'T | where set_has_element(Desk, "a")',
      'T | where Detail.outcome != "x"',
    ])
      expect(() => run(q), q).toThrow(KqlSyntaxError);
  });
});
