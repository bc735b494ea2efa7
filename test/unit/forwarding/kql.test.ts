// kqlString is the one place a value becomes KQL: whatever the text, the demo workspace's parser (which
// follows the KQL string rules) reads back exactly that value, and it can never end the literal early.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kqlDatetime, kqlString } from '../../../src/main/core/forwarding';
import { teamCountQuery, teamPageQuery } from '../../../src/main/core/forwarding/teamQueries';
import { parseKql, tokenize } from '../../../src/demo-tenant/monitor/kql';
import { runKql } from '../../../src/demo-tenant/monitor/kqlRun';
import { DEMO_COLUMNS, DEMO_TABLE } from '../../../src/demo-tenant/monitor/workspace';

describe('kqlString', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(kqlString('plain')).toBe('"plain"');
    expect(kqlString('a"b')).toBe('"a\\"b"');
    expect(kqlString('a\\b')).toBe('"a\\\\b"');
    expect(kqlString('line\nnext\r\t')).toBe('"line\\nnext\\r\\t"');
    expect(kqlString('\u0000\u001f\u2028')).toBe('"\\u0000\\u001f\\u2028"');
  });

  it('reads back as exactly one literal holding the same text, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const tokens = tokenize(kqlString(text));
        expect(tokens).toHaveLength(1);
        expect(tokens[0]).toMatchObject({ kind: 'string', value: text });
      }),
      { numRuns: 500 },
    );
  });

  it("keeps an injection attempt inside the team view's desk filter", () => {
    const evil = 'x" or Kind != "" | take 1000 //';
    const rows = [
      { TimeGenerated: '2026-01-01T00:00:00.000Z', RecordId: 'a', Desk: 'desk-1', Kind: 'event', RowId: 1 },
      { TimeGenerated: '2026-01-01T00:00:01.000Z', RecordId: 'b', Desk: evil, Kind: 'event', RowId: 2 },
      { TimeGenerated: '2026-01-01T00:00:02.000Z', RecordId: 'c', Desk: 'desk-1', Kind: 'event', RowId: 3 },
    ];
    const page = runKql(parseKql(teamPageQuery(DEMO_TABLE, { desk: evil }, 0, 100)), [...DEMO_COLUMNS], rows);
    const rowId = page.columns.findIndex((c) => c.name === 'RowId');
    expect(page.rows.map((r) => r[rowId])).toEqual([2]);
    const count = runKql(parseKql(teamCountQuery(DEMO_TABLE, { desk: evil })), [...DEMO_COLUMNS], rows);
    expect(count.rows).toEqual([[evil, 1]]);
  });
});

describe('kqlDatetime', () => {
  it('writes a time as a datetime literal the demo workspace parses', () => {
    expect(kqlDatetime(0)).toBe('datetime("1970-01-01T00:00:00.000Z")');
    expect(() => parseKql(`${DEMO_TABLE} | where TimeGenerated >= ${kqlDatetime(Date.UTC(2026, 0, 1))}`)).not.toThrow();
    expect(() => kqlDatetime(Number.NaN)).toThrow(RangeError);
  });
});
