import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAuditEvents,
  AuditCursorError,
  countAuditMatches,
  decodeCursor,
  encodeCursor,
  listAuditEvents,
  type AuditEventInput,
} from '../../../src/main/core/audit';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AuditListInput, type AuditListFilter } from '../../../src/shared/audit';
import { tempDb, type TempDb } from '../store/tempDb';
import { MINUTE, sampleEvent, T0 } from './events';

const N = 150;
let t: TempDb;
let inputs: AuditEventInput[];

beforeAll(() => {
  t = tempDb();
  // Times repeat (three rows per minute) and run against id order in places, so paging must
  // order by (occurred_at, id) and never lose or repeat a row on a tie.
  inputs = Array.from({ length: N }, (_, i) =>
    sampleEvent(i, { occurredAt: T0 + Math.floor(((i * 37) % N) / 3) * MINUTE }),
  );
  appendAuditEvents(t.db, inputs);
});
afterAll(() => t.dispose());

/** The expected result, computed in plain TypeScript from what was appended. */
function reference(filter: AuditListFilter): number[] {
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
  const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
  const same = (a: string | null | undefined, b: string | undefined): boolean =>
    b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
  return inputs
    .map((e, i) => ({ e, id: i + 1, at: e.occurredAt as number }))
    .filter(
      ({ e, at }) =>
        at >= from &&
        at <= to &&
        same(e.agentUpn, filter.agentUpn) &&
        (filter.targetUpn === undefined || same(e.targetUpn, filter.targetUpn)) &&
        (filter.action === undefined || e.action === filter.action) &&
        (filter.outcome === undefined || e.outcome === filter.outcome),
    )
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map((r) => r.id);
}

function allPages(filter: AuditListFilter): { ids: number[]; pages: number } {
  const ids: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = listAuditEvents(t.db, { ...filter, cursor });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
    pages += 1;
    expect(pages).toBeLessThanOrEqual(N + 1);
  } while (cursor);
  return { ids, pages };
}

const iso = (ms: number): string => new Date(ms).toISOString();

describe('listAuditEvents', () => {
  it('returns the newest first with a cursor to the next page, and no cursor on the last', () => {
    const first = listAuditEvents(t.db, { limit: 10 });
    expect(first.events.map((e) => e.id)).toEqual(reference({}).slice(0, 10));
    expect(first.nextCursor).not.toBeNull();
    const last = listAuditEvents(t.db, { limit: N });
    expect(last.events).toHaveLength(N);
    expect(last.nextCursor).toBeNull();
  });

  it('pages through every row exactly once, in order, across ties in time', () => {
    const { ids, pages } = allPages({ limit: 7 });
    expect(ids).toEqual(reference({}));
    expect(new Set(ids).size).toBe(N);
    expect(pages).toBe(Math.ceil(N / 7));
  });

  it.each<[string, AuditListFilter]>([
    ['agent', { agentUpn: 'agent1@contoso.com' }],
    ['agent, in any letter case', { agentUpn: 'AGENT1@Contoso.com' }],
    ['target', { targetUpn: 'user3@contoso.com' }],
    ['action', { action: 'reset.tap' }],
    ['outcome', { outcome: 'failure' }],
    ['date range (inclusive)', { from: iso(T0 + 10 * MINUTE), to: iso(T0 + 20 * MINUTE) }],
    ['from only', { from: iso(T0 + 40 * MINUTE) }],
    ['to only', { to: iso(T0 + 5 * MINUTE) }],
    [
      'agent + outcome + range',
      { agentUpn: 'agent2@contoso.com', outcome: 'success', from: iso(T0), to: iso(T0 + 30 * MINUTE) },
    ],
    [
      'target + agent + action',
      { targetUpn: 'user1@contoso.com', agentUpn: 'agent0@contoso.com', action: 'call.closed' },
    ],
    ['nobody', { agentUpn: 'nobody@contoso.com' }],
  ])('narrows by %s', (_name, filter) => {
    const expected = reference(filter);
    expect(expected.length).toBeLessThan(N); // the filter really narrows
    expect(allPages({ ...filter, limit: 4 }).ids).toEqual(expected);
    for (const e of listAuditEvents(t.db, { ...filter, limit: 500 }).events) {
      if (filter.action) expect(e.action).toBe(filter.action);
      if (filter.outcome) expect(e.outcome).toBe(filter.outcome);
      if (filter.agentUpn) expect(e.agentUpn.toLowerCase()).toBe(filter.agentUpn.toLowerCase());
    }
  });

  it('matches the reference for any combination of filters and page size', () => {
    const times = fc.integer({ min: T0 - MINUTE, max: T0 + 60 * MINUTE }).map(iso);
    const filter = fc
      .record(
        {
          from: times,
          to: times,
          agentUpn: fc.constantFrom('agent0@contoso.com', 'Agent1@contoso.com', 'agent2@contoso.com', 'x@y'),
          targetUpn: fc.constantFrom('user0@contoso.com', 'user4@contoso.com', 'USER2@CONTOSO.COM'),
          action: fc.constantFrom(...AUDIT_ACTIONS),
          outcome: fc.constantFrom(...AUDIT_OUTCOMES),
          limit: fc.integer({ min: 1, max: 60 }),
        },
        { requiredKeys: [] },
      )
      .filter((f) => f.from === undefined || f.to === undefined || f.from <= f.to);
    fc.assert(
      fc.property(filter, (f) => {
        expect(allPages(f).ids).toEqual(reference(f));
      }),
      { numRuns: 150 },
    );
  });

  it('accepts exactly what the channel schema produces', () => {
    const parsed = AuditListInput.parse({ agentUpn: ' agent1@contoso.com ', from: iso(T0) });
    expect(parsed.limit).toBe(100);
    expect(listAuditEvents(t.db, parsed).events.map((e) => e.id)).toEqual(
      reference({ agentUpn: 'agent1@contoso.com', from: iso(T0) }),
    );
  });

  it('refuses a cursor it did not issue with a typed invalid_input error', () => {
    for (const cursor of [
      '',
      'abc',
      'a1.',
      'a1.!!!',
      encodeCursor({ occurredAt: 1, id: 2 }).replace('a1.', 'a2.'),
      'a1.' + Buffer.from('1:x').toString('base64url'),
    ]) {
      let caught: unknown;
      try {
        listAuditEvents(t.db, { cursor });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AuditCursorError);
      expect(caught).toMatchObject({ code: 'invalid_input' });
    }
  });

  it('round-trips its cursors', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (occurredAt, id) => {
        expect(decodeCursor(encodeCursor({ occurredAt, id }))).toEqual({ occurredAt, id });
      }),
    );
  });
});

// The virtualized History table fetches the window the viewport shows by offset, sized by the count.
describe('offset windows and the count (audit:count)', () => {
  it('returns any window of the filter, in the same order as the cursor pages', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            agentUpn: fc.constantFrom('agent0@contoso.com', 'AGENT2@contoso.com'),
            outcome: fc.constantFrom(...AUDIT_OUTCOMES),
            from: fc.integer({ min: T0 - MINUTE, max: T0 + 30 * MINUTE }).map(iso),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 0, max: N + 5 }),
        fc.integer({ min: 1, max: 40 }),
        (filter, offset, limit) => {
          const expected = reference(filter);
          const page = listAuditEvents(t.db, { ...filter, offset, limit });
          expect(page.events.map((e) => e.id)).toEqual(expected.slice(offset, offset + limit));
          expect(page.nextCursor === null).toBe(offset + limit >= expected.length);
          expect(countAuditMatches(t.db, filter)).toBe(expected.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts every row without a filter, ignoring paging fields', () => {
    expect(countAuditMatches(t.db, {})).toBe(N);
    expect(countAuditMatches(t.db, { offset: 20, limit: 3 })).toBe(N);
  });

  it('refuses an offset together with a cursor, in the schema and in main', () => {
    const cursor = encodeCursor({ occurredAt: T0, id: 3 });
    expect(AuditListInput.safeParse({ cursor, offset: 10 }).success).toBe(false);
    expect(AuditListInput.safeParse({ offset: -1 }).success).toBe(false);
    expect(AuditListInput.safeParse({ offset: 1.5 }).success).toBe(false);
    expect(() => listAuditEvents(t.db, { cursor, offset: 10 })).toThrow(/cursor/);
  });
});
