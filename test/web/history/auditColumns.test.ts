// History's default columns follow the table's width: every default column when it fits (1280 px and
// wider with the navigation open), and when it does not, the ticket, timeline button, agent and call
// outcome go, in that order, until the rest fit; the time, caller, action and result always stay.
import { describe, expect, it } from 'vitest';
import {
  COLUMN_IDS,
  DEFAULT_HIDDEN,
  defaultHidden,
  minWidthRem,
  type AuditColumnId,
} from '../../../src/renderer/src/features/history/auditColumns';

const shown = (hidden: readonly AuditColumnId[]) => COLUMN_IDS.filter((id) => !hidden.includes(id));

describe('defaultHidden', () => {
  it('keeps every default column when the width is unknown or wide enough', () => {
    expect(defaultHidden(null)).toEqual(DEFAULT_HIDDEN);
    // 1280 px wide with the 220 px navigation: about 62rem for the table.
    expect(defaultHidden(62)).toEqual(DEFAULT_HIDDEN);
    expect(minWidthRem(shown(DEFAULT_HIDDEN))).toBeLessThanOrEqual(62);
  });

  it('drops the ticket first, then the timeline button, the agent and the outcome, until the rest fit', () => {
    expect(defaultHidden(56)).toEqual([...DEFAULT_HIDDEN, 'ticket']);
    expect(defaultHidden(50)).toEqual([...DEFAULT_HIDDEN, 'ticket', 'call']);
    expect(defaultHidden(10)).toEqual([...DEFAULT_HIDDEN, 'ticket', 'call', 'agent', 'callOutcome']);
    for (const width of [40, 45, 50, 56]) {
      expect(minWidthRem(shown(defaultHidden(width)))).toBeLessThanOrEqual(width);
    }
    expect(shown(defaultHidden(10))).toEqual(['time', 'caller', 'action', 'result']);
  });
});
