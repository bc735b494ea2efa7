// The Team view of History through the store: the switch loads the team's count and first window with
// History's filter, the table's windows come by offset, a refusal is kept as the agent's message, the drawer
// opens a team call, the trends are the team's, and the CSV is a `team-export` job of the filter (and desk)
// that main writes, followed to its file, cancelled, kept across a reload while it runs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditStats } from '../../../src/shared/history';
import type { Job, JobStartRequest } from '../../../src/shared/jobs';
import type { Result } from '../../../src/shared/result';
import type { TeamCount, TeamEvent, TeamListFilter, TeamPage, TeamTrends } from '../../../src/shared/team';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { JOB_POLL_MS } from '../../../src/renderer/src/store/jobs';
import { fakeApi } from '../support/fakeApi';
import { teamEvent } from '../support/auditEvents';
import { jobAs } from '../support/jobs';

afterEach(() => {
  vi.useRealTimers();
});

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
  return fakeApi(teamApiParts(asked, counted));
}

/** The team channels over ROWS, for a fake transport (other parts, like jobs, added beside them). */
function teamApiParts(asked: TeamListFilter[] = [], counted: unknown[] = []) {
  return {
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
  } satisfies Parameters<typeof fakeApi>[0];
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

  it('exports the filter and desk as a team-export job, follows it to its file and shows it done', async () => {
    vi.useFakeTimers();
    const started: JobStartRequest[] = [];
    const params = { kind: 'team-export' as const, filter: {} };
    const running = jobAs('running', { kind: 'team-export', params, progress: { done: 0, total: 250 } });
    const done = jobAs('done', {
      kind: 'team-export',
      params,
      progress: { done: 250, total: 250 },
      result: { type: 'file', rows: 250, downloadToken: 'tok' },
    });
    let reads = 0;
    const api = fakeApi({
      ...teamApiParts(),
      jobs: {
        start: async (input) => (started.push(input), okv(running)),
        get: async () => (reads++, okv(reads < 2 ? { ...running, progress: { done: 200, total: 250 } } : done)),
      },
    });
    const store = createResetlineStore(api);
    store.setState((s) => ({ history: { ...s.history, filter: { agentUpn: 'anna@contoso.com' } } }));
    await store.getState().setHistoryMode('team');
    await store.getState().setTeamDesk('DESK-B');
    const delivered = vi.fn(async (_job: Job) => undefined);
    const run = store.getState().exportTeamCsv(delivered);
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([{ kind: 'team-export', filter: { agentUpn: 'anna@contoso.com', desk: 'DESK-B' } }]);
    expect(store.getState().teamHistory.export).toEqual({ status: 'running', job: running });
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    expect(store.getState().teamHistory.export).toMatchObject({ status: 'running', job: { progress: { done: 200 } } });
    // A reload of the table while it runs leaves the export alone: it writes the filter it started with.
    await store.getState().loadTeamHistory();
    expect(store.getState().teamHistory.export.status).toBe('running');
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS);
    await run;
    expect(delivered).toHaveBeenCalledWith(done);
    expect(store.getState().teamHistory.export).toEqual({ status: 'done', job: done });
    // Once over, a reload puts away what it became.
    await store.getState().loadTeamHistory();
    expect(store.getState().teamHistory.export).toEqual({ status: 'idle' });
  });

  it('cancels the export, and shows a refusal to start it as the agent’s message', async () => {
    vi.useFakeTimers();
    const params = { kind: 'team-export' as const, filter: {} };
    const running = jobAs('running', { kind: 'team-export', params });
    const cancelled = jobAs('cancelled', { kind: 'team-export', params });
    const cancels: string[] = [];
    const store = createResetlineStore(
      fakeApi({
        ...teamApiParts(),
        jobs: {
          start: async () => okv(running),
          get: async () => okv(running),
          cancel: async ({ jobId }) => (cancels.push(jobId), okv(cancelled)),
        },
      }),
    );
    await store.getState().setHistoryMode('team');
    const run = store.getState().exportTeamCsv(async () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    await store.getState().cancelTeamExport();
    await run;
    expect(cancels).toEqual([running.id]);
    expect(store.getState().teamHistory.export).toEqual({ status: 'cancelled', job: cancelled });
    store.getState().dismissTeamExport();
    expect(store.getState().teamHistory.export).toEqual({ status: 'idle' });

    const refusal = { code: 'not_allowed' as const, message: 'Only a Reports Reader can see the team history.' };
    const refusing = createResetlineStore(
      fakeApi({ ...teamApiParts(), jobs: { start: async () => ({ ok: false, error: refusal }) } }),
    );
    await refusing.getState().exportTeamCsv(async () => undefined);
    expect(refusing.getState().teamHistory.export).toEqual({ status: 'failed', error: refusal, job: null });
  });
});
