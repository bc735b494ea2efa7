// The anchor outside the PC against the demo tenant: desks forward real audit trails (real SQLite with its
// chain and signed checkpoints, the real AuditForwarder and LogsIngestionClient), then a team lead's desk
// checks (`TeamHistory.checkDesks`, the real LogsQueryClient and the KQL aggregates of anchorQueries.ts)
// tell the untouched desks from a desk whose trail was rewritten on the PC after it was forwarded (the
// attacker drops the audit triggers, deletes the last rows and appends others in their place) and from
// desks whose rows never arrived.
import type { LogsIngestionClient } from '@azure/monitor-ingestion';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../../../src/main/core/audit';
import type { AuditEventInput } from '../../../src/main/core/audit/rows';
import { AuditForwarder } from '../../../src/main/core/forwarding/forwarder';
import {
  checkpointRecord,
  eventRecord,
  type CheckpointRow,
  type EventRow,
} from '../../../src/main/core/forwarding/records';
import { TeamHistory } from '../../../src/main/core/forwarding/team';
import type { ForwardingConfig } from '../../../src/shared/forwarding';
import type { DeskCheck } from '../../../src/shared/team';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { auditDb, signedInClients, type MonitorClients } from './harness';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const ROWS = 120;

let t: TestTenant;
let writer: MonitorClients;
let lead: MonitorClients;
const desks = new Map<string, ReturnType<typeof auditDb>>();

function events(n: number, tag: string, from = 0): AuditEventInput[] {
  return Array.from({ length: n }, (_, i) => ({
    occurredAt: T0 + (from + i) * 60_000,
    callId: `${tag}-${Math.floor((from + i) / 4)}`,
    agentUpn: 'anna@contoso.com',
    targetUpn: 'zoe.quote@contoso.com',
    targetName: 'Zoe Quote',
    action: 'reset.password',
    outcome: 'success',
    notes: `${tag} row ${from + i + 1}`,
  }));
}

function desk(name: string): ReturnType<typeof auditDb> {
  const d = desks.get(name) ?? auditDb();
  desks.set(name, d);
  return d;
}

/** Forwards the desk's pending rows with the real forwarder (what the app does). */
async function forward(name: string): Promise<void> {
  const fwd = new AuditForwarder({
    db: desk(name).db,
    config: writer.config,
    client: writer.ingestion,
    desk: name,
    minGapMs: 0,
  });
  const result = await fwd.drain({ untilFailure: true });
  if (result.kind === 'failed' || result.kind === 'blocked') throw new Error(`forwarding failed: ${result.message}`);
}

const EVENT_COLUMNS = `id, occurred_at, call_id, agent_upn, agent_id, target_id, target_upn, target_name, action,
  outcome, verification, ticket_ref, notes, detail, tenant, prev_hash, hash`;

/** Uploads some of a desk's records straight through LogsIngestionClient: rows lost on the way. */
async function uploadSome(
  ingestion: LogsIngestionClient,
  config: ForwardingConfig,
  name: string,
  keepEvent: (id: number) => boolean,
): Promise<void> {
  const { db } = desk(name);
  const rows = db.prepare(`SELECT ${EVENT_COLUMNS} FROM audit_events ORDER BY id`).all() as EventRow[];
  const cps = db
    .prepare('SELECT id, row_id, row_hash, signed_at, verified, signature FROM audit_checkpoints ORDER BY id')
    .all() as CheckpointRow[];
  const records = [
    ...rows.filter((r) => keepEvent(r.id)).map((r) => eventRecord(r, name)),
    ...cps.map((c) => checkpointRecord(c, name, 'demo')),
  ];
  await ingestion.upload(config.dcrImmutableId, config.streamName, records as unknown as Record<string, unknown>[]);
}

/**
 * What someone with the PC does: drops the triggers that keep the trail append-only, deletes the rows after
 * `keep` (and what hangs off them), and winds the chain's anchor back so new rows chain on from `keep`.
 * `resetOutbox`: also winds the forwarding watermark back, so the rewritten rows are sent again.
 */
function rewriteTail(name: string, keep: number, resetOutbox: boolean): void {
  const { db } = desk(name);
  const triggers = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_events_no_delete',
        'audit_anchor_forward_only', 'audit_checkpoints_no_delete', 'audit_forwarding_forward_only')`,
    )
    .pluck()
    .all() as string[];
  expect(triggers).toHaveLength(4);
  for (const name of triggers) db.exec(`DROP TRIGGER ${name}`);
  db.prepare('DELETE FROM audit_checkpoints WHERE row_id > ?').run(keep);
  db.prepare('DELETE FROM audit_text WHERE rowid > ?').run(keep);
  db.prepare('DELETE FROM audit_verification WHERE event_id > ?').run(keep);
  db.prepare('DELETE FROM audit_events WHERE id > ?').run(keep);
  const hash = db.prepare('SELECT hash FROM audit_events WHERE id = ?').pluck().get(keep) as Buffer;
  db.prepare('UPDATE audit_anchor SET last_id = ?, last_hash = ? WHERE id = 1').run(keep, hash);
  if (resetOutbox) db.prepare('UPDATE audit_forwarding SET sent_event_id = ?').run(keep);
}

const checkpointsOf = (name: string) =>
  desk(name).db.prepare('SELECT count(*) FROM audit_checkpoints WHERE row_id > 0').pluck().get() as number;

const team = () =>
  new TeamHistory({
    session: lead.session,
    workspace: () => ({
      workspaceId: t.tenant.monitor.workspaceId,
      table: t.tenant.monitor.tableName,
      queryEndpoint: t.tenant.monitor.queryEndpoint,
    }),
  });

async function checks(): Promise<Map<string, DeskCheck>> {
  const result = await team().checkDesks();
  return new Map(result.desks.map((d) => [d.desk, d]));
}

beforeAll(async () => {
  t = await startTestTenant({ users: 40 });
  writer = await signedInClients(t, 'helpdesk');
  lead = await signedInClients(t, 'team-lead');
  for (const name of ['DESK-OK', 'DESK-R1', 'DESK-R2']) {
    appendAuditEvents(desk(name).db, events(ROWS, name));
    await forward(name);
  }
  appendAuditEvents(desk('DESK-GAP').db, events(ROWS, 'gap'));
  await uploadSome(writer.ingestion, writer.config, 'DESK-GAP', (id) => id < 40 || id > 49);
  appendAuditEvents(desk('DESK-TAIL').db, events(ROWS, 'tail'));
  await uploadSome(writer.ingestion, writer.config, 'DESK-TAIL', (id) => id <= 95);
}, 120_000);

afterAll(async () => {
  for (const d of desks.values()) d.dispose();
  await t?.close();
});

describe('desk checks over the demo workspace', () => {
  it('finds every forwarded trail intact before anyone touches a PC, duplicates of a resend included', async () => {
    // At-least-once delivery: DESK-OK's rows arrive a second time, unchanged.
    await uploadSome(writer.ingestion, writer.config, 'DESK-OK', () => true);
    const c = await checks();
    for (const name of ['DESK-OK', 'DESK-R1', 'DESK-R2']) {
      expect(c.get(name), name).toEqual({
        desk: name,
        status: 'intact',
        events: ROWS,
        firstRow: 1,
        lastRow: ROWS,
        checkpoints: checkpointsOf(name),
        findings: [],
      });
    }
    expect(checkpointsOf('DESK-OK')).toBeGreaterThan(0);
  });

  it('flags a desk whose middle rows never arrived as a gap, with where and how many', async () => {
    const gap = (await checks()).get('DESK-GAP');
    expect(gap).toMatchObject({ status: 'gap', events: ROWS - 10, firstRow: 1, lastRow: ROWS });
    expect(gap?.findings).toEqual([{ kind: 'missing-rows', firstRow: 40, rows: 10 }]);
  });

  it('flags a checkpoint vouching for rows past the last one forwarded as a gap', async () => {
    const tail = (await checks()).get('DESK-TAIL');
    expect(tail).toMatchObject({ status: 'gap', events: 95, lastRow: 95 });
    expect(tail?.findings.map((f) => f.kind)).toEqual(['unarrived']);
    expect(tail?.findings[0]?.firstRow).toBeGreaterThan(95);
  });

  it('flags a trail rewritten on the PC once its next row is forwarded: the link to the forwarded rows breaks', async () => {
    rewriteTail('DESK-R1', ROWS - 3, false);
    appendAuditEvents(desk('DESK-R1').db, events(4, 'rewrite', ROWS - 3));
    await forward('DESK-R1');
    const r1 = (await checks()).get('DESK-R1');
    expect(r1).toMatchObject({ status: 'rewritten', events: ROWS + 1, lastRow: ROWS + 1 });
    expect(r1?.findings).toEqual([{ kind: 'broken-link', firstRow: ROWS + 1, rows: 1 }]);
  });

  it('flags rows forwarded again with different content as rewritten at the first of them', async () => {
    rewriteTail('DESK-R2', ROWS - 3, true);
    appendAuditEvents(desk('DESK-R2').db, events(3, 'rewrite', ROWS - 3));
    await forward('DESK-R2');
    const c = await checks();
    const r2 = c.get('DESK-R2');
    expect(r2).toMatchObject({ status: 'rewritten', events: ROWS, firstRow: 1, lastRow: ROWS });
    expect(r2?.findings[0]).toEqual({ kind: 'changed-rows', firstRow: ROWS - 2, rows: 3 });
    // The untouched desk stays intact; flagged desks come first.
    expect(c.get('DESK-OK')?.status).toBe('intact');
    const order = [...c.values()].map((d) => d.status);
    expect(order.indexOf('intact')).toBeGreaterThan(order.lastIndexOf('gap'));
    expect(order.lastIndexOf('rewritten')).toBeLessThan(order.indexOf('gap'));
  });

  it('answers in one row per desk: the figures are aggregated in the workspace', async () => {
    const m = t.tenant.monitor;
    const { deskEventsQuery, deskCheckpointsQuery } = await import('../../../src/main/core/forwarding/anchorQueries');
    const span = { startTime: new Date(Date.UTC(2000, 0, 1)), endTime: new Date(Date.UTC(2100, 0, 1)) };
    for (const query of [deskEventsQuery(m.tableName), deskCheckpointsQuery(m.tableName)]) {
      const result = await lead.query.queryWorkspace(m.workspaceId, query, span);
      const rows = 'tables' in result ? (result.tables[0]?.rows ?? []) : [];
      expect(rows.length).toBeLessThanOrEqual(5);
    }
  });
});
