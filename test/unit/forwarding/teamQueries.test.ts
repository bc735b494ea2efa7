// Team History's KQL: History's filter as conditions, every agent-typed value a KQL string literal
// (kqlString), the duplicates dropped before counting or paging, and a query the demo workspace parses.
import { describe, expect, it } from 'vitest';
import { parseKql } from '../../../src/demo-tenant/monitor/kql';
import {
  teamCallOutcomesQuery,
  teamCountQuery,
  teamPageQuery,
  teamTrendQueries,
} from '../../../src/main/core/forwarding/teamQueries';
import { tokenize } from '../../../src/demo-tenant/monitor/kql';
import { TeamListInput } from '../../../src/shared/team';

const T = 'ResetlineAudit_CL';
const f = (input: Record<string, unknown>) => TeamListInput.parse(input);

describe('team KQL', () => {
  it('builds the page query from every filter, deduplicated, numbered and projected', () => {
    const q = teamPageQuery(
      T,
      f({
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-03-31T23:59:59.999Z',
        desk: 'DESK-A',
        agentUpn: 'anna@contoso.com',
        targetUpn: 'zoe@contoso.com',
        action: 'reset.password',
        outcome: 'success',
        verificationType: 'sms',
        verificationResult: 'passed',
        target: 'Zo',
        text: 'printer jam',
      }),
      200,
      100,
    );
    expect(q).toBe(
      [
        T,
        'where Kind == "event" and TimeGenerated >= datetime("2026-03-01T00:00:00.000Z") and TimeGenerated <= datetime("2026-03-31T23:59:59.999Z")' +
          ' and Desk == "DESK-A" and AgentUpn == "anna@contoso.com" and TargetUpn == "zoe@contoso.com" and Action == "reset.password"' +
          ' and Outcome == "success" and set_has_element(Verification.passed, "sms") and (TargetName startswith "Zo" or TargetUpn startswith "Zo")' +
          ' and (Notes hasprefix "printer" or TicketRef hasprefix "printer") and (Notes hasprefix "jam" or TicketRef hasprefix "jam")',
        'summarize arg_min(TimeGenerated, *) by RecordId',
        'order by TimeGenerated desc, Desk asc, RowId desc',
        'serialize Row = row_number()',
        'where Row > 200 and Row <= 300',
        'project TimeGenerated, RecordId, Desk, RowId, CallId, AgentUpn, AgentId, TargetUpn, TargetId, TargetName, Action, Outcome, TicketRef, Notes, Verification, Detail',
      ].join(' | '),
    );
    expect(() => parseKql(q)).not.toThrow();
  });

  it('a verification type without a result matches passed or failed', () => {
    expect(teamCountQuery(T, f({ verificationType: 'email' }))).toContain(
      '(set_has_element(Verification.passed, "email") or set_has_element(Verification.failed, "email"))',
    );
  });

  it('keeps a hostile value one string literal: quotes, backslashes, newlines, pipes', () => {
    const hostile = 'x" or Kind != "\\" | take 1\n| where "1" == "1';
    const pipes = (q: string) => tokenize(q).filter((t) => t.kind === 'punct' && t.text === '|').length;
    const builds = [
      (v: string) => teamCountQuery(T, f({ agentUpn: v })),
      (v: string) => teamPageQuery(T, f({ desk: v, target: v, text: `${v} word` }), 0, 10),
      (v: string) => teamCallOutcomesQuery(T, [v]),
    ];
    for (const build of builds) {
      // The same pipeline as with a plain value, and the value comes back whole as one string token.
      expect(pipes(build(hostile))).toBe(pipes(build('plain')));
      expect(parseKql(build(hostile)).ops.map((o) => o.kind)).toEqual(parseKql(build('plain')).ops.map((o) => o.kind));
    }
    expect(
      tokenize(teamCountQuery(T, f({ agentUpn: hostile }))).some((t) => t.kind === 'string' && t.value === hostile),
    ).toBe(true);
  });

  it('builds trends from KQL aggregates and refuses a table that is not a custom one', () => {
    const q = teamTrendQueries(T, { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 31), agentUpn: 'a@b.c' });
    expect(q.perDay).toMatch(/summarize count\(\) by bin\(TimeGenerated, 1d\), Outcome$/);
    expect(q.perAgent).toMatch(
      /Action in \("call.opened", "reset.password"\).*summarize count\(\) by AgentUpn, Action, Outcome$/,
    );
    expect(q.checks).toMatch(/Action == "call.closed".*project Verification$/);
    for (const text of Object.values(q)) expect(() => parseKql(text)).not.toThrow();
    expect(() => teamCountQuery('Audit | take 1', f({}))).toThrow(RangeError);
  });
});
