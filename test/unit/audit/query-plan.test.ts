// Speed is measured in the bench; here we assert its precondition: every History page query walks
// an index in (occurred_at, id) order, never the whole table and never a sort of the matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, buildAuditListQuery, encodeCursor } from '../../../src/main/core/audit';
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
