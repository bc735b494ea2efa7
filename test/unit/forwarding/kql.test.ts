// kqlString is the one place a value becomes KQL: whatever the text, the demo workspace's parser (which
// follows the KQL string rules) reads back exactly that value, and it can never end the literal early.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTeamQuery, kqlDatetime, kqlString } from '../../../src/main/core/forwarding';
import { parseKql, tokenize, type Column } from '../../../src/demo-tenant/monitor/kql';
import { runKql } from '../../../src/demo-tenant/monitor/kqlRun';

const COLUMNS: Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Kind', type: 'string' },
  { name: 'Desk', type: 'string' },
  { name: 'RowId', type: 'long' },
  { name: 'AgentUpn', type: 'string' },
  { name: 'Action', type: 'string' },
  { name: 'Outcome', type: 'string' },
  { name: 'Notes', type: 'string' },
];

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

  it('keeps an injection attempt inside its filter', () => {
    const evil = 'x" or Kind != "" | take 1000 //';
    const q = buildTeamQuery({ table: 'ResetlineAudit_CL', desk: evil });
    const rows = [
      { Desk: 'desk-1', Kind: 'event', RowId: 1 },
      { Desk: evil, Kind: 'event', RowId: 2 },
    ];
    expect(runKql(parseKql(q), COLUMNS, rows).rows.map((r) => r[COLUMNS.findIndex((c) => c.name === 'RowId')])).toEqual(
      [2],
    );
  });
});

describe('buildTeamQuery', () => {
  it('builds the filters the demo workspace answers, dates as datetime literals', () => {
    const q = buildTeamQuery({
      table: 'ResetlineAudit_CL',
      kind: 'event',
      agentUpns: ['a@contoso.com', 'b@contoso.com'],
      action: 'reset.password',
      outcome: 'success',
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 0, 2),
      notesHas: 'vip',
      take: 50,
    });
    expect(q).toBe(
      'ResetlineAudit_CL | where Kind == "event" and AgentUpn in ("a@contoso.com", "b@contoso.com") and ' +
        'Action == "reset.password" and Outcome == "success" and TimeGenerated >= datetime("2026-01-01T00:00:00.000Z") and ' +
        'TimeGenerated < datetime("2026-01-02T00:00:00.000Z") and Notes has "vip" | order by Desk asc, RowId asc | take 50',
    );
    expect(() => parseKql(q)).not.toThrow();
    expect(kqlDatetime(0)).toBe('datetime("1970-01-01T00:00:00.000Z")');
  });

  it('refuses a table name that is not a custom table', () => {
    expect(() => buildTeamQuery({ table: 'SigninLogs | take 1' })).toThrow(RangeError);
  });
});
