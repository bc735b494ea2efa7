// Team History's CSV as the `team-export` job, through the real router, runner and event bus, against the
// demo tenant's Logs query endpoint with the real LogsQueryClient (desks forward real audit trails with the
// real AuditForwarder): the file holds the filter's rows exactly as the table lists them, in the columns
// and escaping the renderer's CSV had (compared with that code, kept below as the reference), narrowed by
// History's filter and the Desk; progress is rows written, a page at a time; a cancel keeps no file; only a
// team lead's roles may start it.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../../src/main/core/audit';
import { CSV_BOM } from '../../../src/main/core/exports';
import type { Job } from '../../../src/shared/jobs';
import { TEAM_READER_NAMES, type TeamCount, type TeamEvent, type TeamPage } from '../../../src/shared/team';
import { createJobsHarness, type JobsHarness } from '../../support/jobsHarness';
import { teamCall, teamTrail, type TeamTrail } from '../../support/teamTrail';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { signedInClients } from '../forwarding/harness';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const MIN = 60_000;
const ANNA = 'anna@contoso.com';
const BEN = 'ben@contoso.com';
/** Calls on the busy desk: 4 rows each, more than one page of 500. */
const BUSY_CALLS = 140;

let t: TestTenant;
let trail: TeamTrail;
let lead: JobsHarness;

/** One call by `agent` with Zoe "Q" Quote; the reset row carries the hostile ticket and notes. */
const call = (id: string, at: number, agent: string, extra: { notes?: string; ticket?: string } = {}) =>
  teamCall(id, at, { agent, target: 'zoe.quote@contoso.com', name: 'Zoe "Q" Quote' }, extra);

/**
 * The team CSV as the renderer built it before the export became a job (teamHistorySlice.ts `teamCsv`),
 * kept verbatim as the reference: the job's file must be this, after the byte-order mark every export has.
 */
const REFERENCE_COLUMNS: [string, (e: TeamEvent) => string | number | null | undefined][] = [
  ['Desk', (e) => e.desk],
  ['Row', (e) => e.id],
  ['Time (UTC)', (e) => e.occurredAt],
  ['Call', (e) => e.callId],
  ['Agent', (e) => e.agentUpn],
  ['Caller', (e) => e.targetName],
  ['Caller UPN', (e) => e.targetUpn],
  ['Action', (e) => e.action],
  ['Result', (e) => e.outcome],
  ['Call outcome', (e) => e.callOutcome],
  ['Verification passed', (e) => e.verification?.passed.join(' ')],
  ['Verification failed', (e) => e.verification?.failed.join(' ')],
  ['Ticket', (e) => e.ticketRef],
  ['Notes', (e) => e.notes],
];
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
function referenceCsv(events: readonly TeamEvent[]): string {
  const lines = [REFERENCE_COLUMNS.map(([name]) => field(name)).join(',')];
  for (const e of events) lines.push(REFERENCE_COLUMNS.map(([, get]) => field(get(e))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Every row of the filter as the table lists them (team:list-events, 500 at a time). */
async function listed(filter: Record<string, unknown>): Promise<TeamEvent[]> {
  const out: TeamEvent[] = [];
  for (;;) {
    const page = await lead.call<TeamPage>('team:list-events', { ...filter, offset: out.length, limit: 500 });
    out.push(...page.events);
    if (page.events.length < 500) return out;
  }
}

async function exported(filter: Record<string, unknown>): Promise<{ job: Job; fileName: string; text: string }> {
  const started = await lead.call<Job>('jobs:start', { kind: 'team-export', filter });
  const job = await lead.ended(started.id);
  expect(job).toMatchObject({ kind: 'team-export', state: 'done', error: null });
  return { job, ...lead.download(job) };
}

beforeAll(async () => {
  t = await startTestTenant({ users: 80 });
  const writer = await signedInClients(t, 'helpdesk');
  trail = teamTrail(writer.ingestion, writer.config);
  await trail.forward('DESK-A', [
    ...call('a-1', T0, ANNA, { notes: 'Printer jam,\nthen "locked out"', ticket: '=HYPERLINK("x")' }),
    ...call('a-2', T0 + 10 * MIN, ANNA, { ticket: '+INC-1' }),
  ]);
  await trail.forward('DESK-B', call('b-1', T0 + 5 * MIN, BEN, { ticket: 'INC-2002' }));
  const busy: AuditEventInput[] = [];
  for (let i = 0; i < BUSY_CALLS; i++) busy.push(...call(`c-${i}`, T0 - (i + 1) * 10 * MIN, BEN));
  await trail.forward('DESK-C', busy);
  lead = await createJobsHarness(t, 'team-lead', { demoWorkspace: true });
}, 120_000);

afterAll(async () => {
  lead?.dispose();
  trail?.dispose();
  await t?.close();
});

describe('the team-export job', () => {
  it("writes the filter's team rows as the table lists them, in the team CSV's columns and escaping", async () => {
    const rows = await listed({});
    expect(rows.length).toBe(12 + 4 * BUSY_CALLS);
    const { job, fileName, text } = await exported({});
    expect(fileName).toBe('resetline-team-history.csv');
    expect(text).toBe(CSV_BOM + referenceCsv(rows));
    expect(job.result).toMatchObject({ type: 'file', rows: rows.length });
    expect(job.progress).toEqual({ done: rows.length, total: rows.length });
    // Written a page at a time: any progress pushed while it ran is whole pages of rows.
    const seen = lead.events.filter((e) => e.id === job.id);
    for (const e of seen.filter((x) => x.state === 'running')) expect([0, 500]).toContain(e.progress.done);
    // Hostile values stay text: quoted, and a formula defused.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(`'+INC-1`);
    expect(text).toContain('"Printer jam,\nthen ""locked out"""');
    // Its progress was pushed as rows written, ending with all of them.
    expect(seen.at(-1)).toMatchObject({ state: 'done', progress: { done: rows.length, total: rows.length } });
  });

  it("narrows the file by History's filter and by the Desk, as the table and its count do", async () => {
    for (const filter of [{ desk: 'DESK-B' }, { agentUpn: ANNA }, { desk: 'DESK-C', action: 'reset.password' }]) {
      const rows = await listed(filter);
      const count = await lead.call<TeamCount>('team:count-events', filter);
      expect(rows.length, JSON.stringify(filter)).toBe(count.total);
      expect(rows.length).toBeGreaterThan(0);
      const { job, text } = await exported(filter);
      expect(text, JSON.stringify(filter)).toBe(CSV_BOM + referenceCsv(rows));
      expect(job.result).toMatchObject({ rows: rows.length });
    }
    const deskB = (await exported({ desk: 'DESK-B' })).text.trim().split('\r\n').slice(1);
    expect(deskB).toHaveLength(4);
    expect(deskB.every((line) => line.startsWith('DESK-B,') && line.includes(BEN))).toBe(true);
  });

  it('stops when cancelled, between pages, and keeps no file', async () => {
    const before = readdirSync(lead.exportsDir).length;
    const started = await lead.call<Job>('jobs:start', { kind: 'team-export', filter: {} });
    // Counted before it starts; nothing written yet (the first page is a query away).
    expect(started.progress).toEqual({ done: 0, total: 12 + 4 * BUSY_CALLS });
    const cancelled = await lead.call<Job>('jobs:cancel', { jobId: started.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', result: null, error: null });
    expect(cancelled.progress.done).toBeLessThan(12 + 4 * BUSY_CALLS);
    expect((await lead.ended(started.id)).state).toBe('cancelled');
    expect(readdirSync(lead.exportsDir)).toHaveLength(before);
  });

  it("refuses an agent without a team lead's role, naming the roles that may", async () => {
    const helpdesk = await createJobsHarness(t, 'helpdesk', { demoWorkspace: true });
    try {
      const refused = await helpdesk.refused('jobs:start', { kind: 'team-export', filter: {} });
      expect(refused.code).toBe('not_allowed');
      expect(refused.message).toContain(TEAM_READER_NAMES);
    } finally {
      helpdesk.dispose();
    }
  });
});
