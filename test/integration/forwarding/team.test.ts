// Team History against the demo tenant's Logs query endpoint with the real LogsQueryClient, as a signed-in
// team lead: two desks forward real audit trails (real AuditForwarder, real LogsIngestionClient), then the
// team view filters, pages, drops the duplicates of a resend, keeps hostile filter values as plain text and
// names each failure in words an agent can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamHistory, type TeamWorkspace } from '../../../src/main/core/forwarding/team';
import { ResetlineError } from '../../../src/shared/result';
import { TeamListInput, type TeamEvent } from '../../../src/shared/team';
import { teamCall, teamTrail, type TeamTrail } from '../../support/teamTrail';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { signedInClients, type MonitorClients } from './harness';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const MIN = 60_000;

let t: TestTenant;
let trail: TeamTrail;
let lead: MonitorClients;

function workspace(over: Partial<TeamWorkspace> = {}): () => TeamWorkspace {
  const m = t.tenant.monitor;
  return () => ({ workspaceId: m.workspaceId, table: m.tableName, queryEndpoint: m.queryEndpoint, ...over });
}

function teamAs(clients: MonitorClients, over: Partial<TeamWorkspace> = {}): TeamHistory {
  return new TeamHistory({ session: clients.session, workspace: workspace(over) });
}

const list = (team: TeamHistory, input: Record<string, unknown> = {}) => team.list(TeamListInput.parse(input));

const ANNA = { agent: 'anna@contoso.com', target: 'zoe.quote@contoso.com', name: 'Zoe Quote' };
const BEN = { agent: 'ben@contoso.com', target: 'mark.lee@contoso.com', name: 'Mark Lee' };

beforeAll(async () => {
  t = await startTestTenant({ users: 120 });
  const writer = await signedInClients(t, 'helpdesk');
  trail = teamTrail(writer.ingestion, writer.config);
  lead = await signedInClients(t, 'team-lead');
  await trail.forward('DESK-A', [
    ...teamCall('a-1', T0, ANNA, { notes: 'Printer jam then locked out', ticket: 'INC-1001' }),
    ...teamCall('a-2', T0 + DAY, ANNA, { outcome: 'escalated', resetOutcome: 'failure' }),
  ]);
  await trail.forward('DESK-B', [...teamCall('b-1', T0 + 2 * MIN + 30_000, BEN, { ticket: 'INC-2002' })]);
}, 90_000);

afterAll(async () => {
  trail?.dispose();
  await t?.close();
});

const keys = (events: TeamEvent[]) => events.map((e) => `${e.desk}#${e.id}`);

describe('Team History over the demo workspace', () => {
  it('shows both desks, newest first, in History row shape with the desk and the call outcome', async () => {
    const team = teamAs(lead);
    expect(await team.count(TeamListInput.parse({}))).toEqual({
      total: 12,
      desks: [
        { desk: 'DESK-A', count: 8 },
        { desk: 'DESK-B', count: 4 },
      ],
    });
    const { events } = await list(team, { limit: 500 });
    expect(events).toHaveLength(12);
    const times = events.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(events[0]).toMatchObject({
      desk: 'DESK-A',
      callId: 'a-2',
      action: 'call.closed',
      callOutcome: 'escalated',
      agentUpn: ANNA.agent,
      detail: { outcome: 'escalated' },
      verification: { required: 1, passed: ['sms'], failed: ['knowledge'] },
    });
    expect(events.find((e) => e.desk === 'DESK-B' && e.action === 'reset.password')).toMatchObject({
      ticketRef: 'INC-2002',
      callOutcome: 'resolved',
      targetName: 'Mark Lee',
    });
  });

  it("applies History's filters in the query", async () => {
    const team = teamAs(lead);
    const total = async (filter: Record<string, unknown>) => (await team.count(TeamListInput.parse(filter))).total;
    expect(await total({ desk: 'DESK-B' })).toBe(4);
    expect(await total({ agentUpn: ANNA.agent })).toBe(8);
    expect(await total({ action: 'reset.password' })).toBe(3);
    expect(await total({ action: 'reset.password', outcome: 'success' })).toBe(2);
    expect(await total({ target: 'zoe' })).toBe(8);
    expect(await total({ target: 'MARK.L' })).toBe(4);
    expect(await total({ text: 'print lock' })).toBe(1);
    expect(await total({ text: 'inc 2002' })).toBe(1);
    expect(await total({ verificationType: 'sms', verificationResult: 'passed' })).toBe(6);
    expect(await total({ verificationType: 'knowledge', verificationResult: 'passed' })).toBe(0);
    expect(await total({ verificationType: 'knowledge' })).toBe(6);
    expect(await total({ callOutcome: 'escalated' })).toBe(4);
    expect(await total({ callOutcome: 'abandoned' })).toBe(0);
    const day1 = new Date(T0 + DAY).toISOString();
    expect(await total({ from: day1 })).toBe(4);
    expect(await total({ to: new Date(T0 + 2 * MIN).toISOString() })).toBe(3);
    const page = await list(team, { action: 'reset.password', outcome: 'success', limit: 10 });
    expect(page.events.map((e) => e.desk)).toEqual(['DESK-B', 'DESK-A']);
  });

  it('pages by offset with no row twice and none missing', async () => {
    const team = teamAs(lead);
    const all = keys((await list(team, { limit: 500 })).events);
    const paged: string[] = [];
    for (let offset = 0; offset < 14; offset += 5) paged.push(...keys((await list(team, { offset, limit: 5 })).events));
    expect(paged).toEqual(all);
    expect(new Set(all).size).toBe(12);
  });

  it('counts a row sent twice once (at-least-once delivery), in the count, the pages and the trends', async () => {
    const team = teamAs(lead);
    const before = t.tenant.monitor.rows().length;
    expect(await trail.resend('DESK-A')).toBe(8);
    expect(t.tenant.monitor.rows().length).toBe(before + 8);
    expect((await team.count(TeamListInput.parse({}))).total).toBe(12);
    expect(keys((await list(team, { limit: 500 })).events)).toHaveLength(12);
    const trends = await team.trends({
      from: new Date(T0 - DAY).toISOString(),
      to: new Date(T0 + 3 * DAY).toISOString(),
    });
    expect(trends.resetsPerDay).toEqual([
      { day: '2026-03-02', outcome: 'success', count: 2 },
      { day: '2026-03-03', outcome: 'failure', count: 1 },
    ]);
    expect(trends.perAgent).toEqual([
      { agentUpn: ANNA.agent, calls: 2, resets: 1 },
      { agentUpn: BEN.agent, calls: 1, resets: 1 },
    ]);
    expect(trends.verificationByType.find((v) => v.type === 'sms')).toEqual({ type: 'sms', passed: 3, failed: 0 });
    expect(trends.verificationByType.find((v) => v.type === 'knowledge')).toEqual({
      type: 'knowledge',
      passed: 0,
      failed: 3,
    });
  });

  it("narrows the trends to one desk (the team view's Desk filter)", async () => {
    const range = { from: new Date(T0 - DAY).toISOString(), to: new Date(T0 + 3 * DAY).toISOString() };
    const trends = await teamAs(lead).trends({ ...range, desk: 'DESK-B' });
    expect(trends.resetsPerDay).toEqual([{ day: '2026-03-02', outcome: 'success', count: 1 }]);
    expect(trends.perAgent).toEqual([{ agentUpn: BEN.agent, calls: 1, resets: 1 }]);
    const hostile = await teamAs(lead).trends({ ...range, desk: 'x" or Desk != "' });
    expect(hostile.resetsPerDay).toEqual([]);
  });

  it("opens one call's forwarded events in order, for the drawer", async () => {
    const timeline = await teamAs(lead).call('a-1');
    expect(timeline.events.map((e) => e.action)).toEqual([
      'call.opened',
      'verify.challenge-passed',
      'reset.password',
      'call.closed',
    ]);
    expect(timeline.events.every((e) => e.desk === 'DESK-A')).toBe(true);
  });

  it('keeps quotes, backslashes, newlines and pipes in a filter value as text: the query cannot change', async () => {
    const team = teamAs(lead);
    for (const hostile of [
      'nobody" or AgentUpn != "',
      "nobody' or AgentUpn != '",
      'x\\" or Kind == \\"event',
      'x"\n| take 100 | where "1" == "1',
      'x" | summarize count() by Desk //',
    ]) {
      expect((await team.count(TeamListInput.parse({ agentUpn: hostile }))).total, hostile).toBe(0);
      expect((await team.count(TeamListInput.parse({ target: hostile }))).total, hostile).toBe(0);
      expect((await list(team, { desk: hostile })).events, hostile).toEqual([]);
      expect((await team.call(hostile)).events, hostile).toEqual([]);
    }
  });
});

async function failure(p: Promise<unknown>): Promise<ResetlineError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof ResetlineError)) throw new Error(`expected a ResetlineError, got ${String(e)}`);
  return e;
}

describe('Team History failures, in words an agent can act on', () => {
  it('no workspace configured', async () => {
    const team = new TeamHistory({ session: lead.session, workspace: () => null });
    const e = await failure(team.count(TeamListInput.parse({})));
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/No team workspace is set up.*administrator/);
  });

  it('no role on the workspace (403): ask for Log Analytics Reader', async () => {
    const staff = await signedInClients(t, 'no-role');
    const e = await failure(teamAs(staff).count(TeamListInput.parse({})));
    expect(e.code).toBe('insufficient_role');
    expect(e.message).toContain('Log Analytics Reader');
  });

  it('an unknown workspace (404), an unreachable one, a refused query (400)', async () => {
    const unknown = await failure(
      teamAs(lead, { workspaceId: '00000000-0000-4000-8000-000000000000' }).count(TeamListInput.parse({})),
    );
    expect(unknown).toMatchObject({ code: 'not_found' });
    expect(unknown.message).toContain('workspace id');
    const unreachable = await failure(
      teamAs(lead, { queryEndpoint: 'https://127.0.0.1:9/v1' }).count(TeamListInput.parse({})),
    );
    expect(unreachable).toMatchObject({ code: 'network' });
    expect(unreachable.message).toContain("Could not reach the team's workspace");
    const refused = await failure(teamAs(lead, { table: 'NotThere_CL' }).count(TeamListInput.parse({})));
    expect(refused).toMatchObject({ code: 'graph_error' });
    expect(refused.message).toContain('refused the team query');
  });

  it('throttled past the query rate (429): says when to try again', async () => {
    // Another user than the other tests': the rate is per user (200 queries per 30 s).
    const reader = await signedInClients(t, 'global-reader');
    const m = t.tenant.monitor;
    const span = { startTime: new Date(T0 - DAY), endTime: new Date(T0 + 3 * DAY) };
    const one = () => reader.query.queryWorkspace(m.workspaceId, `${m.tableName} | take 1`, span);
    await one(); // the token, once
    await Promise.all(Array.from({ length: 199 }, one));
    const e = await failure(teamAs(reader).count(TeamListInput.parse({})));
    expect(e.code).toBe('throttled');
    expect(e.message).toMatch(/Try again in \d+ s\./);
  }, 60_000);

  it('an empty search (no letter or digit) is refused before any query', async () => {
    const e = await failure(teamAs(lead).count(TeamListInput.parse({ text: '!!' })));
    expect(e).toMatchObject({ code: 'invalid_input' });
  });
});
