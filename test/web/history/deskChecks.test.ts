// The desk checks' words for a team lead (DeskChecks.tsx): an intact desk with its figures, and for each
// kind of flag where it starts, how many rows, and what to do.
import { describe, expect, it } from 'vitest';
import { deskWords } from '../../../src/renderer/src/features/history/DeskChecks';
import type { DeskCheck, DeskFinding } from '../../../src/shared/team';

const base: DeskCheck = {
  desk: 'PC-ALEX',
  status: 'intact',
  events: 214,
  firstRow: 1,
  lastRow: 214,
  checkpoints: 0,
  findings: [],
};
const flagged = (status: DeskCheck['status'], ...findings: DeskFinding[]): DeskCheck => ({
  ...base,
  desk: 'PC-SAM',
  status,
  findings,
});

describe('desk check words', () => {
  it('an intact desk: its events, and its checkpoints when it has some', () => {
    expect(deskWords(base)).toBe('PC-ALEX: trail intact, 214 events');
    expect(deskWords({ ...base, events: 1, checkpoints: 1 })).toBe(
      'PC-ALEX: trail intact, 1 event, 1 signed checkpoint matches',
    );
    expect(deskWords({ ...base, events: 2_500, checkpoints: 25 })).toBe(
      'PC-ALEX: trail intact, 2,500 events, 25 signed checkpoints match',
    );
  });

  it('a rewritten desk: the first finding, where and how many, and whom to ask', () => {
    expect(
      deskWords(
        flagged(
          'rewritten',
          { kind: 'changed-rows', firstRow: 12, rows: 3 },
          { kind: 'missing-rows', firstRow: 1, rows: 1 },
        ),
      ),
    ).toBe('PC-SAM: trail rewritten at row 12 — 3 rows forwarded twice with different content. Ask who used that PC.');
    expect(deskWords(flagged('rewritten', { kind: 'broken-link', firstRow: 215, rows: 1 }))).toBe(
      'PC-SAM: trail rewritten at row 215 — a row no longer follows the row forwarded before it. Ask who used that PC.',
    );
    expect(deskWords(flagged('rewritten', { kind: 'checkpoint-mismatch', firstRow: 200, rows: 2 }))).toMatch(
      /^PC-SAM: trail rewritten at row 200 — 2 signed checkpoints do not match the row forwarded\. Ask who used that PC\.$/,
    );
  });

  it('a gap: rows that never arrived, or a checkpoint for rows that never did', () => {
    expect(deskWords(flagged('gap', { kind: 'missing-rows', firstRow: 40, rows: 10 }))).toMatch(
      /^PC-SAM: gap in the trail at row 40 — 10 rows never reached the team's workspace/,
    );
    expect(deskWords(flagged('gap', { kind: 'unarrived', firstRow: 300, rows: 1 }))).toMatch(
      /^PC-SAM: gap in the trail at row 300 — 1 signed checkpoint vouches for rows that never reached/,
    );
  });
});
