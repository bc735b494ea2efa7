// The SSPR cache without Graph: Entra's activity names classified, audits stored once per id,
// pages and stats read back exactly, and every list filter served by an index in page order.
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditToRow, buildSsprListQuery, listSspr, ssprKind, ssprStats } from '../../../src/main/core/reports/sspr';
import type { SsprListFilter } from '../../../src/shared/sspr';
import { tempDb, type TempDb } from '../store/tempDb';

let t: TempDb;
const T0 = Date.UTC(2026, 5, 1);
const H = 3_600_000;
const ACTIVITIES = [
  'Reset password (self-service)',
  'Blocked from self-service password reset',
  'Reset password (by admin)',
  'Self-service password reset flow activity progress',
] as const;

function audit(i: number): MicrosoftGraph.DirectoryAudit {
  return {
    id: `audit-${i}`,
    activityDateTime: new Date(T0 + i * 5 * H).toISOString(),
    activityDisplayName: ACTIVITIES[i % ACTIVITIES.length] ?? 'Reset password (self-service)',
    loggedByService: i % 4 === 2 && i % 8 === 2 ? 'Core Directory' : 'Self-service Password Management',
    result: i % 3 === 0 ? 'failure' : 'success',
    initiatedBy: { user: { id: `u${i % 5}`, userPrincipalName: `user${i % 5}@contoso.com` } },
    targetResources: [
      { id: `u${i % 5}`, type: 'User', userPrincipalName: `user${i % 5}@contoso.com`, displayName: `User ${i % 5}` },
    ],
  };
}

beforeAll(() => {
  t = tempDb();
  const insert = t.db.prepare(
    `INSERT INTO sspr_events (tenant_key, id, occurred_at, kind, activity, service, result, result_reason, user_id, user_upn, user_name, actor_upn)
     VALUES (@tenant, @id, @occurred_at, @kind, @activity, @service, @result, @result_reason, @user_id, @user_upn, @user_name, @actor_upn)`,
  );
  for (let i = 0; i < 60; i++) {
    const row = auditToRow(audit(i));
    insert.run({ tenant: 'demo:a', ...row });
    if (i < 10) insert.run({ tenant: 'demo:b', ...row });
  }
});
afterAll(() => t.dispose());

const RANGE = { from: new Date(T0).toISOString(), to: new Date(T0 + 400 * H).toISOString() };

describe('SSPR cache', () => {
  it('classifies Entra’s activity names in any letter case, and keeps unknown ones as other', () => {
    expect(ssprKind('Reset password (self-service)')).toBe('self-service-reset');
    expect(ssprKind('BLOCKED FROM SELF-SERVICE PASSWORD RESET')).toBe('blocked');
    expect(ssprKind('Reset password (by admin)')).toBe('admin-reset');
    expect(ssprKind('Unlock user account (self-service)')).toBe('unlock');
    expect(ssprKind('Self-service password reset policy changes')).toBe('other');
    expect(auditToRow({ id: 'x' })).toBeNull();
  });

  it.each<[string, Partial<SsprListFilter>]>([
    ['everything', {}],
    ['an activity', { activity: 'blocked' }],
    ['a user', { userId: 'u3' }],
    ['a user and an activity', { userId: 'u2', activity: 'admin-reset' }],
  ])('pages %s in this tenant only, newest first', (_name, extra) => {
    const expected = Array.from({ length: 60 }, (_, i) => auditToRow(audit(i))!)
      .filter((r) => r.occurred_at <= T0 + 400 * H)
      .filter(
        (r) =>
          (extra.userId ? r.user_id === extra.userId : true) && (extra.activity ? r.kind === extra.activity : true),
      )
      .sort((a, b) => b.occurred_at - a.occurred_at)
      .map((r) => r.id);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = listSspr(t.db, 'demo:a', { ...RANGE, ...extra, limit: 4, cursor });
      ids.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(0);
  });

  it.each<[string, Partial<SsprListFilter>, string]>([
    ['time', {}, 'sspr_events_by_time'],
    ['activity', { activity: 'blocked' }, 'sspr_events_by_kind'],
    ['user', { userId: 'u1' }, 'sspr_events_by_user'],
    ['user + activity', { userId: 'u1', activity: 'blocked' }, 'sspr_events_by_user'],
  ])('serves the %s filter from its index with no sort', (_name, extra, index) => {
    const q = buildSsprListQuery('demo:a', { ...RANGE, ...extra, cursor: undefined });
    const steps = (t.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(steps).toHaveLength(1);
    expect(steps[0]).toContain(`USING INDEX ${index}`);
  });

  it('counts self-service resets, admin resets and blocks per UTC day', () => {
    const stats = ssprStats(t.db, 'demo:a', { from: RANGE.from, to: new Date(T0 + 2 * 24 * H - 1).toISOString() });
    // Audits 0..9 fall on the first two days (every 5 h): day 1 = 0..4, day 2 = 5..9.
    // i%4: 0 self-service, 1 blocked, 2 admin, 3 progress; i%3 === 0 failed.
    expect(stats.perDay).toEqual([
      { day: '2026-06-01', selfService: 1, helpdesk: 0, entraAdminResets: 1, blocked: 1 }, // 0 failed, 4 ok; 2 ok; 1
      { day: '2026-06-02', selfService: 1, helpdesk: 0, entraAdminResets: 0, blocked: 2 }, // 8 ok; 6 failed; 5, 9
    ]);
    expect(stats.fetchedAt).toBeNull();
  });
});
