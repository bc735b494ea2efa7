// Team History's anchor and desk filter through the store: the desk checks load (loading, then the checks
// or the agent's message), and the "Desk" choice narrows the count, the windows, the trends and the CSV,
// surviving a change of History's own filter; "All desks" lifts it.
import { describe, expect, it } from 'vitest';
import type { JobStartRequest } from '../../../src/shared/jobs';
import type { Result } from '../../../src/shared/result';
import type {
  DeskChecks,
  TeamCount,
  TeamEvent,
  TeamListFilter,
  TeamTrends,
  TeamTrendsFilter,
} from '../../../src/shared/team';
import { createResetlineStore } from '../../../src/renderer/src/store';
import { deferred, fakeApi } from '../support/fakeApi';
import { teamEvent } from '../support/auditEvents';
import { jobAs } from '../support/jobs';

const okv = <T>(value: T): Result<T> => ({ ok: true, value });

const CHECKS: DeskChecks = {
  checkedAt: '2026-03-02T10:00:00.000Z',
  desks: [
    {
      desk: 'PC-SAM',
      status: 'rewritten',
      events: 40,
      firstRow: 1,
      lastRow: 40,
      checkpoints: 0,
      findings: [{ kind: 'changed-rows', firstRow: 12, rows: 3 }],
    },
    { desk: 'PC-ALEX', status: 'intact', events: 214, firstRow: 1, lastRow: 214, checkpoints: 2, findings: [] },
  ],
};

const event = (i: number, desk: string): TeamEvent => teamEvent(i, desk);

function api(asked: {
  count: unknown[];
  list: TeamListFilter[];
  trends: TeamTrendsFilter[];
  started?: JobStartRequest[];
}) {
  return fakeApi({
    jobs: {
      start: async (input) => {
        asked.started?.push(input);
        return okv(jobAs('done', { kind: 'team-export', params: { kind: 'team-export', filter: {} } }));
      },
    },
    team: {
      countEvents: async (filter) => {
        asked.count.push(filter);
        const desk = (filter as { desk?: string }).desk;
        return okv<TeamCount>({ total: 3, desks: [{ desk: desk ?? 'PC-ALEX', count: 3 }] });
      },
      listEvents: async (input) => {
        asked.list.push(input);
        return okv({ events: [0, 1, 2].map((i) => event(i, input.desk ?? 'PC-ALEX')) });
      },
      getTrends: async (input) => {
        asked.trends.push(input);
        return okv<TeamTrends>({
          source: 'team',
          from: input.from,
          to: input.to,
          resetsPerDay: [],
          verificationByType: [],
          perAgent: [],
          timeToHandover: { calls: 0, medianMs: null, p90Ms: null },
        });
      },
      checkDesks: async () => okv(CHECKS),
    },
  });
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('desk checks and the desk filter', () => {
  it('loads the desk checks: loading first, then each desk with its verdict', async () => {
    const answer = deferred<Result<DeskChecks>>();
    const store = createResetlineStore(fakeApi({ team: { checkDesks: () => answer.promise } }));
    expect(store.getState().teamHistory.deskChecks).toEqual({ status: 'idle' });
    const loading = store.getState().loadDeskChecks();
    expect(store.getState().teamHistory.deskChecks).toEqual({ status: 'loading' });
    answer.resolve(okv(CHECKS));
    await loading;
    expect(store.getState().teamHistory.deskChecks).toEqual({ status: 'ready', value: CHECKS });
  });

  it("keeps a refusal as the agent's message", async () => {
    const refusal = { code: 'insufficient_role' as const, message: 'Ask for the Log Analytics Reader role.' };
    const store = createResetlineStore(fakeApi({ team: { checkDesks: async () => ({ ok: false, error: refusal }) } }));
    await store.getState().loadDeskChecks();
    expect(store.getState().teamHistory.deskChecks).toEqual({ status: 'error', error: refusal });
  });

  it('a desk narrows the count, the windows, the trends and the CSV, and stays when the filter changes', async () => {
    const asked = {
      count: [] as unknown[],
      list: [] as TeamListFilter[],
      trends: [] as TeamTrendsFilter[],
      started: [] as JobStartRequest[],
    };
    const store = createResetlineStore(api(asked));
    await store.getState().setHistoryMode('team');
    await store.getState().setTeamDesk('PC-SAM');
    await tick();
    expect(store.getState().teamHistory.desk).toBe('PC-SAM');
    expect(asked.count.at(-1)).toEqual({ desk: 'PC-SAM' });
    expect(asked.list.at(-1)).toEqual({ desk: 'PC-SAM', offset: 0, limit: 100 });
    expect(asked.trends.at(-1)).toMatchObject({ desk: 'PC-SAM' });
    expect(store.getState().teamHistory.rows.pages[0]).toMatchObject({ status: 'ready' });

    await store.getState().applyTeamFilter({ action: 'reset.password' });
    expect(asked.count.at(-1)).toEqual({ action: 'reset.password', desk: 'PC-SAM' });
    expect(store.getState().history.filter).toEqual({ action: 'reset.password' });

    await store.getState().exportTeamCsv(async () => undefined);
    expect(asked.started).toEqual([{ kind: 'team-export', filter: { action: 'reset.password', desk: 'PC-SAM' } }]);

    await store.getState().setTeamDesk(undefined);
    await tick();
    expect(asked.count.at(-1)).toEqual({ action: 'reset.password' });
    expect(asked.trends.at(-1)).not.toHaveProperty('desk');
  });
});
