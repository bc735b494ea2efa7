// The Team view of History through the store: the switch loads the team's count and first window with
// History's filter, the table's windows come by offset, a refusal is kept as the agent's message, the drawer
// opens a team call, the trends are the team's, and the CSV holds the fetched rows (fields quoted, formulas
// neutralised).
import { describe, expect, it } from 'vitest';
import type { AuditStats } from '../../../src/shared/history';
import type { Result } from '../../../src/shared/result';
import type { TeamCount, TeamEvent, TeamListFilter, TeamPage, TeamTrends } from '../../../src/shared/team';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { teamCsv } from '../../../src/renderer/src/store/teamHistorySlice';
import { fakeApi } from '../support/fakeApi';
import { teamEvent } from '../support/auditEvents';

const okv = <T>(value: T): Result<T> => ({ ok: true, value });

const event = (i: number, desk: string): TeamEvent =>
  teamEvent(i, desk, {
    callId: `c-${i}`,
    targetUpn: 'zoe@contoso.com',
    targetName: 'Zoe "Q" Quote',
    ticketRef: i === 0 ? '=HYPERLINK("x")' : null,
    notes: i === 0 ? 'line one\nline two' : null,
    callOutcome: 'resolved',
  });

const ROWS = Array.from({ length: 250 }, (_, i) => event(i, i % 2 === 0 ? 'DESK-A' : 'DESK-B'));
const COUNT: TeamCount = {
  total: 250,
  desks: [
    { desk: 'DESK-A', count: 125 },
    { desk: 'DESK-B', count: 125 },
  ],
};
const STATS: AuditStats = {
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-31T23:59:59.999Z',
  resetsPerDay: [{ day: '2026-03-02', outcome: 'success', count: 2 }],
  verificationByType: [],
  perAgent: [{ agentUpn: 'anna@contoso.com', calls: 1, resets: 2 }],
  timeToHandover: { calls: 0, medianMs: null, p90Ms: null },
};

function teamApi(asked: TeamListFilter[], counted: unknown[]) {
  return fakeApi({
    team: {
      countEvents: async (filter) => {
        counted.push(filter);
        return okv(COUNT);
      },
      listEvents: async (input) => {
        asked.push(input);
        const offset = input.offset ?? 0;
        return okv<TeamPage>({ events: ROWS.slice(offset, offset + (input.limit ?? 100)) });
      },
      getTrends: async () => okv<TeamTrends>({ ...STATS, source: 'team' }),
      getCall: async ({ callId }) => okv({ callId, events: ROWS.slice(0, 2) }),
    },
  });
}

describe('Team History slice', () => {
  it("switching to Team loads the count, the first window and the trends with History's filter", async () => {
    const asked: TeamListFilter[] = [];
    const counted: unknown[] = [];
    const store = createResetlineStore(teamApi(asked, counted));
    store.setState((s) => ({ history: { ...s.history, filter: { agentUpn: 'anna@contoso.com' } } }));
    await store.getState().setHistoryMode('team');
    const team = store.getState().teamHistory;
    expect(team.mode).toBe('team');
    expect(team.list).toEqual({ status: 'ready', value: COUNT });
    expect(team.rows.total).toBe(250);
    expect(team.rows.pages[0]).toEqual({ status: 'ready', rows: ROWS.slice(0, 100) });
    expect(counted).toEqual([{ agentUpn: 'anna@contoso.com' }]);
    expect(asked[0]).toEqual({ agentUpn: 'anna@contoso.com', offset: 0, limit: 100 });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().teamHistory.trends).toMatchObject({ status: 'ready', value: { source: 'team' } });
  });

  it('fetches the windows the viewport shows, by offset', async () => {
    const asked: TeamListFilter[] = [];
    const store = createResetlineStore(teamApi(asked, []));
    await store.getState().setHistoryMode('team');
    store.getState().showTeamRows(210, 240);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.map((a) => a.offset)).toContain(200);
    expect(store.getState().teamHistory.rows.pages[2]).toEqual({ status: 'ready', rows: ROWS.slice(200, 250) });
  });

  it("keeps a refusal as the agent's message, and a new filter reloads the team view", async () => {
    const refusal = { code: 'insufficient_role' as const, message: 'Ask for the Log Analytics Reader role.' };
    const store = createResetlineStore(fakeApi({ team: { countEvents: async () => ({ ok: false, error: refusal }) } }));
    await store.getState().setHistoryMode('team');
    expect(store.getState().teamHistory.list).toEqual({ status: 'error', error: refusal });

    const asked: TeamListFilter[] = [];
    const counted: unknown[] = [];
    const other = createResetlineStore(teamApi(asked, counted));
    await other.getState().setHistoryMode('team');
    await other.getState().applyTeamFilter({ action: 'reset.password' });
    expect(other.getState().history.filter).toEqual({ action: 'reset.password' });
    expect(counted.at(-1)).toEqual({ action: 'reset.password' });
  });

  it("opens a team call in History's drawer", async () => {
    const store = createResetlineStore(teamApi([], []));
    await store.getState().openTeamCall('c-0');
    expect(store.getState().history.openCallId).toBe('c-0');
    expect(store.getState().history.timeline).toEqual({
      status: 'ready',
      value: { callId: 'c-0', events: ROWS.slice(0, 2) },
    });
  });

  it('exports the filter’s team rows as CSV, fetched in pages of 500 at most', async () => {
    const asked: TeamListFilter[] = [];
    const store = createResetlineStore(teamApi(asked, []));
    await store.getState().setHistoryMode('team');
    let delivered: { csv: string; rows: number } | null = null;
    await store.getState().exportTeamCsv((csv, rows) => (delivered = { csv, rows }));
    expect(delivered!.rows).toBe(250);
    expect(asked.filter((a) => a.limit === 250)).toHaveLength(1);
    const lines = delivered!.csv.split('\r\n');
    expect(lines[0]).toBe(
      'Desk,Row,Time (UTC),Call,Agent,Caller,Caller UPN,Action,Result,Call outcome,Verification passed,Verification failed,Ticket,Notes',
    );
    expect(lines).toHaveLength(1 + 250 + 1); // the header, the rows, '' after the final CRLF
    expect(store.getState().teamHistory.export).toEqual({ status: 'idle' });
  });

  it('quotes fields and neutralises a formula', () => {
    const csv = teamCsv([event(0, 'DESK-A')]);
    expect(csv).toContain('"Zoe ""Q"" Quote"');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"line one\nline two"');
  });
});
