// Speed is measured in the bench; here we assert its precondition: every History page query walks
// an index in (occurred_at, id) order, never the whole table and never a sort of the matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAuditEvents,
  buildAuditCountQuery,
  buildAuditListQuery,
  encodeCursor,
} from '../../../src/main/core/audit';
import type { AuditListFilter } from '../../../src/shared/audit';
import { tempDb, type TempDb } from '../store/tempDb';
import { sampleEvents, T0 } from './events';

let t: TempDb;
beforeAll(() => {
  t = tempDb();
  appendAuditEvents(t.db, sampleEvents(200));
});
afterAll(() => t.dispose());

const PARTS: Record<string, AuditListFilter> = {
  from: { from: new Date(T0).toISOString() },
  to: { to: new Date(T0 + 86_400_000).toISOString() },
  agentUpn: { agentUpn: 'agent1@contoso.com' },
  targetUpn: { targetUpn: 'user2@contoso.com' },
  action: { action: 'reset.password' },
  outcome: { outcome: 'failure' },
  cursor: { cursor: encodeCursor({ occurredAt: T0 + 3_600_000, id: 50 }) },
};

/** Every subset of the filters: 2^7 = 128 queries. */
function everyCombination(): [string, AuditListFilter][] {
  const keys = Object.keys(PARTS);
  const out: [string, AuditListFilter][] = [];
  for (let mask = 0; mask < 1 << keys.length; mask++) {
    const chosen = keys.filter((_, i) => mask & (1 << i));
    out.push([chosen.join('+') || '(none)', Object.assign({}, ...chosen.map((k) => PARTS[k]))]);
  }
  return out;
}

function plan(filter: AuditListFilter): string[] {
  const q = buildAuditListQuery(filter);
  return (t.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail);
}

describe('History page queries', () => {
  it.each(everyCombination())('use an index and no sort: %s', (_name, filter) => {
    const steps = plan(filter);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatch(/^(SEARCH|SCAN) audit_events USING INDEX audit_events_by_/);
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it.each<[keyof AuditListFilter, string]>([
    ['agentUpn', 'audit_events_by_agent (agent_upn=?'],
    ['targetUpn', 'audit_events_by_target (target_upn=?'],
    ['action', 'audit_events_by_action (action=?'],
    ['outcome', 'audit_events_by_outcome (outcome=?'],
    ['from', 'audit_events_by_time (occurred_at>?'],
    ['cursor', 'audit_events_by_time (occurred_at<?'],
  ])('searches the matching index for a %s filter', (key, expected) => {
    expect(plan({ [key]: PARTS[key]?.[key] })[0]).toContain(expected);
  });

  it('drives a combined filter from its most selective column, with the date range on the same index', () => {
    const all = { ...PARTS.agentUpn, ...PARTS.targetUpn, ...PARTS.action, ...PARTS.outcome, ...PARTS.from };
    expect(plan(all)[0]).toBe(
      'SEARCH audit_events USING INDEX audit_events_by_target (target_upn=? AND occurred_at>?)',
    );
    expect(plan({ ...PARTS.action, ...PARTS.outcome, ...PARTS.from, ...PARTS.to })[0]).toBe(
      'SEARCH audit_events USING INDEX audit_events_by_action (action=? AND occurred_at>? AND occurred_at<?)',
    );
  });
});

// Issue 6's filters. Text (FTS5) and a target prefix (two index ranges) yield their matches out of
// time order, so those few rows are sorted; every other combination still pages with no sort.
const NEW_PARTS: Record<string, AuditListFilter> = {
  verification: { verificationType: 'sms', verificationResult: 'failed' },
  text: { text: 'INC10' },
  target: { target: 'user' },
};

function everyCombinationWithNew(): [string, AuditListFilter][] {
  const out: [string, AuditListFilter][] = [];
  const newKeys = Object.keys(NEW_PARTS);
  for (let mask = 1; mask < 1 << newKeys.length; mask++) {
    const chosen = newKeys.filter((_, i) => mask & (1 << i));
    const extra = Object.assign({}, ...chosen.map((k) => NEW_PARTS[k])) as AuditListFilter;
    for (const [name, filter] of everyCombination())
      out.push([`${chosen.join('+')} with ${name}`, { ...filter, ...extra }]);
  }
  return out;
}

const INDEXED = /USING (COVERING INDEX|INDEX|PRIMARY KEY|INTEGER PRIMARY KEY)|VIRTUAL TABLE INDEX \d+:M/;

describe('History page queries with the issue-6 filters', () => {
  it.each(everyCombinationWithNew())('read every table through an index: %s', (_name, filter) => {
    const steps = plan(filter);
    const reads = steps.filter((s) => /^(SEARCH|SCAN) /.test(s));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toMatch(INDEXED);
    const sorts = filter.text !== undefined || (filter.target !== undefined && filter.targetUpn === undefined);
    if (!sorts) expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('pages a verification filter straight off its side table, in order', () => {
    expect(plan({ verificationType: 'email' })).toEqual([
      'SEARCH v USING PRIMARY KEY (type=?)',
      'SEARCH audit_events USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
    expect(plan({ verificationType: 'email', ...PARTS.from, ...PARTS.cursor })[0]).toBe(
      'SEARCH v USING PRIMARY KEY (type=? AND occurred_at>? AND (occurred_at,event_id)<(?,?))',
    );
  });

  it('checks a verification filter by primary key when another filter drives', () => {
    expect(plan({ verificationType: 'email', ...PARTS.agentUpn })).toEqual([
      'SEARCH audit_events USING INDEX audit_events_by_agent (agent_upn=?)',
      'SEARCH v EXISTS USING PRIMARY KEY (type=? AND occurred_at=? AND event_id=?)',
    ]);
  });

  it('drives a text search from the full-text index', () => {
    expect(plan({ text: 'inc', ...PARTS.agentUpn, ...PARTS.from })[0]).toMatch(
      /^SCAN audit_text VIRTUAL TABLE INDEX \d+:M/,
    );
  });

  it('drives a target prefix from the UPN and display-name indexes', () => {
    const steps = plan({ target: 'ada', ...PARTS.outcome }).join('\n');
    expect(steps).toContain(
      'SEARCH audit_events USING COVERING INDEX audit_events_by_target (target_upn>? AND target_upn<?)',
    );
    expect(steps).toContain(
      'SEARCH audit_events USING COVERING INDEX audit_events_by_target_name (target_name>? AND target_name<?)',
    );
  });
});

// The virtualized table: an offset window must use the very plan of page 1 (the index walks past the
// skipped rows), and the count must read through the same driving index, never the whole table.
describe('History offset windows and counts', () => {
  const ALL: [string, AuditListFilter][] = [...everyCombination(), ...everyCombinationWithNew()].filter(
    ([, f]) => f.cursor === undefined,
  );

  it.each(ALL)('an offset window keeps the plan of page 1: %s', (_name, filter) => {
    const q = buildAuditListQuery({ ...filter, offset: 5000 });
    expect(q.sql).toMatch(/ LIMIT \? OFFSET \?$/);
    // With an OFFSET SQLite reports the verification EXISTS as a correlated subquery: the same
    // primary-key search, named differently. Every other step is identical.
    const same = (steps: string[]) =>
      steps.filter((s) => !/^CORRELATED SCALAR SUBQUERY/.test(s)).map((s) => s.replace(' EXISTS USING', ' USING'));
    expect(same(plan({ ...filter, offset: 5000 }))).toEqual(same(plan(filter)));
  });

  it.each(ALL)('the count reads through an index, with no sort: %s', (_name, filter) => {
    const q = buildAuditCountQuery(filter);
    const steps = (t.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map(
      (r) => r.detail,
    );
    const reads = steps.filter((s) => /^(SEARCH|SCAN) /.test(s));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads)
      expect(read).toMatch(/USING (COVERING INDEX|INDEX|PRIMARY KEY|INTEGER PRIMARY KEY)|VIRTUAL TABLE INDEX \d+:M/);
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('counts an unfiltered trail from an index, not the table', () => {
    const q = buildAuditCountQuery({});
    const steps = (t.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(steps).toEqual([expect.stringMatching(/^SCAN audit_events USING COVERING INDEX audit_events_by_/)]);
  });
});
