// The demo workspace keeps its rows in memory and every query reads those same objects: a query must
// leave them as it found them. Numbering rows (`serialize`, Team History's page) once made each stored
// row the prototype of its numbered copy, which V8 answers by giving every such row a hidden class of its
// own, for good: each later query over them ran 2-6× slower. Here the rows must still share one.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { parseKql } from '../../../../src/demo-tenant/monitor/kql';
import { runKql } from '../../../../src/demo-tenant/monitor/kqlRun';
import { DEMO_COLUMNS, DEMO_TABLE } from '../../../../src/demo-tenant/monitor/workspace';
import { teamPageQuery } from '../../../../src/main/core/forwarding/teamQueries';

setFlagsFromString('--allow-natives-syntax');
// V8's own test of whether two objects have the same hidden class (map).
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** Rows as the workspace stores them: parsed from the ingestion's JSON, one shape. */
function storedRows(n: number): Record<string, unknown>[] {
  return Array.from(
    { length: n },
    (_, i) =>
      JSON.parse(
        JSON.stringify({
          TimeGenerated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          RecordId: `hash-${i}`,
          Kind: 'event',
          Desk: 'desk-1',
          RowId: i + 1,
          AgentUpn: 'agent0@contoso.com',
          Action: 'reset.password',
          Outcome: 'success',
        }),
      ) as Record<string, unknown>,
  );
}

describe('a query over the stored rows', () => {
  it('numbers the rows of a page without changing the stored rows', () => {
    const rows = storedRows(50);
    expect(haveSameMap(rows[0] as object, rows[1] as object)).toBe(true);
    const page = runKql(parseKql(teamPageQuery(DEMO_TABLE, {}, 10, 5)), [...DEMO_COLUMNS], rows);
    const rowId = page.columns.findIndex((c) => c.name === 'RowId');
    expect(page.rows.map((r) => r[rowId])).toEqual([40, 39, 38, 37, 36]);
    expect(rows.every((r) => haveSameMap(r, rows[0] as object))).toBe(true);
    expect(Object.keys(rows[0] as object)).not.toContain('Row');
  });
});
