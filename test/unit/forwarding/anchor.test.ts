// The anchor's decision (anchor.ts) from the per-desk figures, and its two KQL queries (anchorQueries.ts)
// run by the demo workspace's own parser and evaluator over hand-built forwarded records: a row forwarded
// twice with different content, a broken link, a checkpoint that does not match its row, missing rows, a
// checkpoint past the last row, and what the demo's KQL subset still refuses.
import { describe, expect, it } from 'vitest';
import { KqlSyntaxError, parseKql, type Column, type Row } from '../../../src/demo-tenant/monitor/kql';
import { runKql } from '../../../src/demo-tenant/monitor/kqlRun';
import { decideDesk, decideDesks, type DeskEventFigures } from '../../../src/main/core/forwarding/anchor';
import { deskCheckpointsQuery, deskEventsQuery } from '../../../src/main/core/forwarding/anchorQueries';

const T = 'ResetlineAudit_CL';

const clean: DeskEventFigures = {
  desk: 'PC-ALEX',
  records: 214,
  firstRow: 1,
  lastRow: 214,
  repeats: 0,
  firstRepeat: null,
  breaks: 0,
  firstBreak: null,
  holes: 0,
  firstHoleAfter: null,
};
const cps = { desk: 'PC-ALEX', checkpoints: 2, mismatched: 0, firstMismatch: null, unarrived: 0, firstUnarrived: null };

describe('decideDesk', () => {
  it('an unbroken chain whose checkpoints match is intact, with its figures', () => {
    expect(decideDesk('PC-ALEX', clean, cps)).toEqual({
      desk: 'PC-ALEX',
      status: 'intact',
      events: 214,
      firstRow: 1,
      lastRow: 214,
      checkpoints: 2,
      findings: [],
    });
  });

  it('a row forwarded twice with different content is rewritten, counted once in the events', () => {
    const d = decideDesk('PC-SAM', { ...clean, records: 217, repeats: 3, firstRepeat: 12 }, cps);
    expect(d).toMatchObject({ status: 'rewritten', events: 214 });
    expect(d.findings).toEqual([{ kind: 'changed-rows', firstRow: 12, rows: 3 }]);
  });

  it('a broken link or a checkpoint that does not match its row is rewritten', () => {
    expect(decideDesk('D', { ...clean, breaks: 1, firstBreak: 215 }, cps).findings).toEqual([
      { kind: 'broken-link', firstRow: 215, rows: 1 },
    ]);
    const mismatch = decideDesk('D', clean, { ...cps, mismatched: 1, firstMismatch: 200 });
    expect(mismatch.status).toBe('rewritten');
    expect(mismatch.findings).toEqual([{ kind: 'checkpoint-mismatch', firstRow: 200, rows: 1 }]);
  });

  it('rows missing between the first and last forwarded one are a gap: where it starts and how many', () => {
    const d = decideDesk('D', { ...clean, records: 204, holes: 1, firstHoleAfter: 39 }, cps);
    expect(d).toMatchObject({ status: 'gap', events: 204 });
    expect(d.findings).toEqual([{ kind: 'missing-rows', firstRow: 40, rows: 10 }]);
  });

  it('a checkpoint vouching for a row that never arrived is a gap; a desk with only checkpoints too', () => {
    const d = decideDesk('D', clean, { ...cps, unarrived: 1, firstUnarrived: 300 });
    expect(d.status).toBe('gap');
    expect(d.findings).toEqual([{ kind: 'unarrived', firstRow: 300, rows: 1 }]);
    expect(decideDesk('D', undefined, { ...cps, unarrived: 2, firstUnarrived: 100 })).toMatchObject({
      status: 'gap',
      events: 0,
      firstRow: null,
    });
  });

  it('a rewrite outranks a gap, and the findings keep the most serious first', () => {
    const d = decideDesk(
      'D',
      { ...clean, records: 210, repeats: 1, firstRepeat: 50, holes: 1, firstHoleAfter: 9 },
      cps,
    );
    expect(d.status).toBe('rewritten');
    expect(d.findings.map((f) => f.kind)).toEqual(['changed-rows', 'missing-rows']);
  });

  it('decideDesks lists every desk of either answer, flagged first, then by name', () => {
    const desks = decideDesks(
      [
        { Desk: 'B', Records: 2, FirstRow: 1, LastRow: 2, Repeats: 0, Breaks: 0, Holes: 0 },
        { Desk: 'A', Records: 2, FirstRow: 1, LastRow: 3, Repeats: 0, Breaks: 0, Holes: 1, FirstHoleAfter: 1 },
        { Desk: 'C', Records: 3, FirstRow: 1, LastRow: 2, Repeats: 1, FirstRepeat: 2, Breaks: 0, Holes: 0 },
      ],
      [{ Desk: 'D', Checkpoints: 1, Mismatched: 0, Unarrived: 1, FirstUnarrived: 100 }],
    );
    expect(desks.map((d) => [d.desk, d.status])).toEqual([
      ['C', 'rewritten'],
      ['A', 'gap'],
      ['D', 'gap'],
      ['B', 'intact'],
    ]);
  });
});

const COLUMNS: Column[] = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'RecordId', type: 'string' },
  { name: 'Kind', type: 'string' },
  { name: 'Desk', type: 'string' },
  { name: 'RowId', type: 'long' },
  { name: 'Hash', type: 'string' },
  { name: 'PrevHash', type: 'string' },
];

let clock = Date.UTC(2026, 2, 2);
function ev(desk: string, row: number, hash: string, prev: string): Row {
  clock += 1000;
  return {
    TimeGenerated: new Date(clock).toISOString(),
    RecordId: `${desk}:${hash}`,
    Kind: 'event',
    Desk: desk,
    RowId: row,
    Hash: hash,
    PrevHash: prev,
  };
}
function cp(desk: string, row: number, hash: string): Row {
  clock += 1000;
  return {
    TimeGenerated: new Date(clock).toISOString(),
    RecordId: `${desk}:cp:${row}:${hash}`,
    Kind: 'checkpoint',
    Desk: desk,
    RowId: row,
    Hash: hash,
    PrevHash: null,
  };
}

/** A desk's chain of `n` rows: row i has hash `${tag}${i}` linked to row i-1's. */
function chain(desk: string, n: number, tag = 'h', from = 1): Row[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return ev(desk, i, `${tag}${i}`, i === 1 ? '0' : `${tag}${i - 1}`);
  });
}

function run(query: string, rows: Row[]): Record<string, unknown>[] {
  const result = runKql(parseKql(query), COLUMNS, rows);
  return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]])));
}

function check(rows: Row[]) {
  return decideDesks(run(deskEventsQuery(T), rows), run(deskCheckpointsQuery(T), rows));
}

describe('the desk checks KQL, in the demo workspace', () => {
  it('answers one row per desk with the figures, duplicates of a resend dropped', () => {
    const ok = chain('OK', 10);
    const rows = [...ok, ...ok.slice(5), cp('OK', 5, 'h5'), cp('OK', 10, 'h10'), cp('OK', 0, '0')];
    expect(run(deskEventsQuery(T), rows)).toEqual([
      {
        Desk: 'OK',
        Records: 10,
        FirstRow: 1,
        LastRow: 10,
        Repeats: 0,
        FirstRepeat: null,
        Breaks: 0,
        FirstBreak: null,
        Holes: 0,
        FirstHoleAfter: null,
      },
    ]);
    expect(run(deskCheckpointsQuery(T), rows)).toEqual([
      { Desk: 'OK', Checkpoints: 2, Mismatched: 0, FirstMismatch: null, Unarrived: 0, FirstUnarrived: null },
    ]);
    expect(check(rows)).toEqual([
      { desk: 'OK', status: 'intact', events: 10, firstRow: 1, lastRow: 10, checkpoints: 2, findings: [] },
    ]);
  });

  it('tells a rewrite, a broken link, a mismatched checkpoint, missing rows and a checkpoint past the end apart', () => {
    const rows = [
      ...chain('OK', 6),
      // Rows 4-6 forwarded again with other content (the PC's trail rewritten, then sent).
      ...chain('TWICE', 6),
      ...chain('TWICE', 3, 'x', 4).map((r) => (r.RowId === 4 ? { ...r, PrevHash: 'h3' } : r)),
      // Row 5 no longer links to row 4 as forwarded.
      ...chain('LINK', 4),
      ev('LINK', 5, 'y5', 'y4'),
      // A checkpoint pinning row 3 with another hash than the forwarded row's.
      ...chain('PIN', 4),
      cp('PIN', 3, 'other'),
      // Rows 4-6 never arrived.
      ...chain('HOLE', 3),
      ...chain('HOLE', 3, 'h', 7),
      // A checkpoint for row 8 of a trail forwarded up to row 5.
      ...chain('TAIL', 5),
      cp('TAIL', 8, 'h8'),
    ];
    const byDesk = new Map(check(rows).map((d) => [d.desk, d]));
    expect(byDesk.get('OK')?.status).toBe('intact');
    expect(byDesk.get('TWICE')).toMatchObject({ status: 'rewritten', events: 6 });
    expect(byDesk.get('TWICE')?.findings[0]).toEqual({ kind: 'changed-rows', firstRow: 4, rows: 3 });
    expect(byDesk.get('LINK')?.findings).toEqual([{ kind: 'broken-link', firstRow: 5, rows: 1 }]);
    expect(byDesk.get('LINK')?.status).toBe('rewritten');
    expect(byDesk.get('PIN')?.findings).toEqual([{ kind: 'checkpoint-mismatch', firstRow: 3, rows: 1 }]);
    expect(byDesk.get('HOLE')).toMatchObject({ status: 'gap', events: 6, firstRow: 1, lastRow: 9 });
    expect(byDesk.get('HOLE')?.findings).toEqual([{ kind: 'missing-rows', firstRow: 4, rows: 3 }]);
    expect(byDesk.get('TAIL')?.findings).toEqual([{ kind: 'unarrived', firstRow: 8, rows: 1 }]);
    expect(byDesk.get('TAIL')?.status).toBe('gap');
  });

  it('still refuses what Resetline does not send: other aggregates, prev() on an unsorted set, arithmetic elsewhere', () => {
    const bad = [
      `${T} | summarize N = dcount(RowId) by Desk`,
      `${T} | summarize N = avg(RowId) by Desk`,
      `${T} | extend P = prev(RowId)`,
      `${T} | extend P = next(RowId)`,
      `${T} | extend P = RowId + 1`,
      `${T} | where RowId in (PrevRow + 1)`,
      `${T} | summarize N = count(), M = sum(Desk) by Desk`,
      `${T} | summarize arg_min(TimeGenerated, *) by RecordId | extend P = prev(RowId)`,
    ];
    for (const q of bad) expect(() => runKql(parseKql(q), COLUMNS, chain('A', 3)), q).toThrow(KqlSyntaxError);
    expect(() => runKql(parseKql(`${T} | sort by RowId asc | extend P = prev(RowId)`), COLUMNS, [])).not.toThrow();
  });
});
