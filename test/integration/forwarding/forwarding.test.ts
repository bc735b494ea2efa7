// Forwarding the audit trail with the real LogsIngestionClient and LogsQueryClient against the demo
// tenant's Azure Monitor endpoints: order, hashes, checkpoints, throttling, the call limit, a day offline.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendAuditEvents } from '../../../src/main/core/audit';
import { fetch as undiciFetch } from 'undici';
import { MonitorCredential, monitorScopes } from '../../../src/main/core/auth/monitorCredential';
import {
  AuditForwarder,
  createIngestionClient,
  dedupeRecords,
  ForwardingService,
  kqlString,
  MAX_CALL_BYTES,
} from '../../../src/main/core/forwarding';
import { teamCountQuery } from '../../../src/main/core/forwarding/teamQueries';
import { sampleEvent, sampleEvents, T0 } from '../../unit/audit/events';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { ALL_TIME, auditDb, signedInClients, type MonitorClients } from './harness';

let t: TestTenant;
let c: MonitorClients;
const disposers: (() => void)[] = [];

beforeAll(async () => {
  t = await startTestTenant({ users: 120 });
  c = await signedInClients(t);
}, 60_000);
afterAll(async () => {
  await t.close();
});
afterEach(() => disposers.splice(0).forEach((d) => d()));

function freshDb(): ReturnType<typeof auditDb> {
  const d = auditDb();
  disposers.push(d.dispose);
  return d;
}

/** Records a sleep's length and sleeps it for real (capped: the demo's Retry-After is a second). */
function recordingSleep(into: number[]): (ms: number) => Promise<void> {
  return (ms) => {
    into.push(ms);
    return new Promise((r) => setTimeout(r, Math.min(ms, 1_500)));
  };
}

/**
 * The desk's records as the workspace stored them, every column and every duplicate (the team view's
 * queries drop duplicates and keep History's columns; these tests check what went over the wire).
 */
async function storedRows(desk: string, kind: 'event' | 'checkpoint' = 'event'): Promise<Record<string, unknown>[]> {
  const query = `${t.tenant.monitor.tableName} | where Kind == ${kqlString(kind)} and Desk == ${kqlString(desk)} | order by RowId asc`;
  const result = await c.query.queryWorkspace(t.tenant.monitor.workspaceId, query, ALL_TIME);
  if (result.status !== 'Success') throw new Error(`query answered ${result.status}`);
  const [table] = result.tables;
  if (!table) throw new Error('no table');
  return table.rows.map((row) => Object.fromEntries(table.columnDescriptors.map((col, i) => [col.name, row[i]])));
}

/** The desk's rows as Team History counts them (teamQueries.ts: each forwarded row once). */
async function teamCount(desk: string): Promise<number> {
  const result = await c.query.queryWorkspace(
    t.tenant.monitor.workspaceId,
    teamCountQuery(t.tenant.monitor.tableName, { desk }),
    ALL_TIME,
  );
  if (result.status !== 'Success') throw new Error(`query answered ${result.status}`);
  return Number(result.tables[0]?.rows[0]?.[1] ?? 0);
}

const hashesOf = (db: ReturnType<typeof auditDb>['db']): string[] =>
  (db.prepare('SELECT hash FROM audit_events ORDER BY id').pluck().all() as Buffer[]).map((b) => b.toString('hex'));

describe('forwarding to Azure Monitor Logs (demo)', () => {
  it('sends every row in order with its chain hash, and the signed checkpoints after their rows', async () => {
    const d = freshDb();
    const events250 = sampleEvents(250);
    // Three appends: each crossing of a hundred rows signs a checkpoint (plus the one at the start).
    for (const part of [events250.slice(0, 100), events250.slice(100, 200), events250.slice(200)])
      appendAuditEvents(d.db, part);
    const fwd = new AuditForwarder({
      db: d.db,
      config: c.config,
      client: c.ingestion,
      desk: 'desk-order',
      minGapMs: 0,
    });
    expect(fwd.status()).toMatchObject({ configured: true, backlog: expect.any(Number) as number, lastSentAt: null });
    expect(await fwd.drain()).toMatchObject({ kind: 'sent' });

    const events = dedupeRecords((await storedRows('desk-order')) as { RecordId: string }[]);
    expect(events.map((r) => (r as unknown as { Hash: string }).Hash)).toEqual(hashesOf(d.db));
    expect(events.map((r) => (r as unknown as { RowId: number }).RowId)).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
    const first = events[0] as unknown as Record<string, unknown>;
    expect(first).toMatchObject({ Kind: 'event', AgentUpn: 'agent0@contoso.com', Tenant: 'demo' });
    expect((first.TimeGenerated as Date).getTime()).toBe(T0);

    const checkpoints = await storedRows('desk-order', 'checkpoint');
    const stored = d.db.prepare('SELECT row_id, signature FROM audit_checkpoints ORDER BY id').all() as {
      row_id: number;
      signature: Buffer;
    }[];
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(checkpoints.map((r) => [r.RowId, r.Signature])).toEqual(
      stored.map((s) => [s.row_id, s.signature.toString('hex')]),
    );
    expect(fwd.status()).toMatchObject({ backlog: 0, lastSentRowId: 250, lastError: null });
    // The order on the wire: no call carried a checkpoint ahead of the row it vouches for.
    expect(t.tenant.monitor.ingestions().every((r) => r.status === 204)).toBe(true);
  });

  it('waits out a 429 for its Retry-After, then sends the batch once', async () => {
    const d = freshDb();
    appendAuditEvents(d.db, sampleEvents(40));
    const slept: number[] = [];
    const before = t.tenant.monitor.ingestions().length;
    t.tenant.monitor.faults.throttleNext(1, 1);
    const fwd = new AuditForwarder({
      db: d.db,
      config: c.config,
      client: c.ingestion,
      desk: 'desk-429',
      minGapMs: 0,
      sleep: recordingSleep(slept),
    });
    expect(await fwd.drain()).toMatchObject({ kind: 'sent' });
    const calls = t.tenant.monitor.ingestions().slice(before);
    expect(calls.map((r) => r.status)).toEqual([429, 204]);
    expect(slept).toContain(1_000);
    expect((await storedRows('desk-429')).length).toBe(40);
  });

  it('never sends a call over the 1 MB limit: big backlogs go in several calls, an oversized record is held', async () => {
    const d = freshDb();
    appendAuditEvents(
      d.db,
      Array.from({ length: 2_500 }, (_, i) => sampleEvent(i, { notes: `n${i} ${'x'.repeat(400)}` })),
    );
    const before = t.tenant.monitor.ingestions().length;
    const fwd = new AuditForwarder({ db: d.db, config: c.config, client: c.ingestion, desk: 'desk-big', minGapMs: 0 });
    let uploads = 0;
    for (let r = await fwd.sendOnce(); r.kind !== 'idle'; r = await fwd.sendOnce()) {
      expect(r.kind).toBe('sent');
      uploads++;
    }
    const calls = t.tenant.monitor.ingestions().slice(before);
    // Each batch the forwarder marks is exactly one call the service accepted, under the limit.
    expect(calls.length).toBe(uploads);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((r) => r.status === 204 && r.jsonBytes < MAX_CALL_BYTES)).toBe(true);
    expect(dedupeRecords((await storedRows('desk-big')) as { RecordId: string }[]).length).toBe(2_500);
    expect(await teamCount('desk-big')).toBe(2_500);

    // A record alone over the limit (here a limit lowered to 2,000 bytes) is never put on the wire.
    const small = freshDb();
    appendAuditEvents(small.db, [sampleEvent(1, { notes: 'y'.repeat(3_000) }), sampleEvent(2)]);
    const held = new AuditForwarder({
      db: small.db,
      config: c.config,
      client: c.ingestion,
      desk: 'desk-held',
      minGapMs: 0,
      maxCallBytes: 2_000,
    });
    const n = t.tenant.monitor.ingestions().length;
    expect(await held.drain()).toMatchObject({ kind: 'blocked' });
    // Only the checkpoint of the empty trail (row 0) went ahead of it, in a call under the limit.
    const sent = t.tenant.monitor.ingestions().slice(n);
    expect(sent.map((r) => r.rows)).toEqual([1]);
    expect(sent.every((r) => r.jsonBytes < 2_000)).toBe(true);
    expect(await storedRows('desk-held')).toEqual([]);
    expect(held.status()).toMatchObject({ backlog: 2, lastSentRowId: 0, lastError: expect.stringMatching(/larger/) });
  });

  it('the demo refuses a call over 1 MB with 413, as the service documents the limit', async () => {
    const err = await c.ingestion
      .upload(c.config.dcrImmutableId, c.config.streamName, [{ RecordId: 'x', Notes: 'z'.repeat(1_100_000) }])
      .catch((e: unknown) => e);
    const cause = (err as { errors?: { cause: { statusCode?: number } }[] }).errors?.[0]?.cause;
    expect(cause?.statusCode).toBe(413);
  });

  it('after a day offline, catches up in order with nothing lost or repeated', async () => {
    const d = freshDb();
    const HOUR = 3_600_000;
    appendAuditEvents(
      d.db,
      Array.from({ length: 12 }, (_, i) => sampleEvent(i, { occurredAt: T0 + i * HOUR })),
    );
    const slept: number[] = [];
    const fwd = new AuditForwarder({
      db: d.db,
      config: c.config,
      client: c.ingestion,
      desk: 'desk-offline',
      minGapMs: 0,
      sleep: recordingSleep(slept),
    });
    t.tenant.monitor.faults.setUnreachable(true);
    try {
      const failed = await fwd.drain({ untilFailure: true });
      expect(failed).toMatchObject({ kind: 'failed' });
      appendAuditEvents(
        d.db,
        Array.from({ length: 12 }, (_, i) => sampleEvent(i, { occurredAt: T0 + (12 + i) * HOUR })),
      );
      expect(await fwd.drain({ untilFailure: true })).toMatchObject({ kind: 'failed' });
      const status = fwd.status();
      expect(status.lastError).toMatch(/Could not reach Azure Monitor/);
      expect(status.lastSentRowId).toBe(0);
      expect(status.backlog).toBeGreaterThanOrEqual(24);
      expect(status.nextAttemptAt).toEqual(expect.any(Number));
    } finally {
      t.tenant.monitor.faults.setUnreachable(false);
    }
    await fwd.drain();
    const rows = dedupeRecords((await storedRows('desk-offline')) as { RecordId: string }[]);
    expect(rows.map((r) => (r as unknown as { Hash: string }).Hash)).toEqual(hashesOf(d.db));
    expect(await teamCount('desk-offline')).toBe(24);
    expect(fwd.status()).toMatchObject({ backlog: 0, lastError: null, lastSentRowId: 24 });
  });

  it('refuses a token for another audience, and KQL outside the subset with the documented 400', async () => {
    const wrong = createIngestionClient(
      c.config.ingestionEndpoint,
      new MonitorCredential(c.session, 'global', 'query'),
      { caPem: t.tenant.caCertPem },
    );
    const err = await wrong
      .upload(c.config.dcrImmutableId, c.config.streamName, [{ RecordId: 'a' }])
      .catch((e: unknown) => e);
    expect((err as { errors?: { cause: { statusCode?: number } }[] }).errors?.[0]?.cause.statusCode).toBe(401);

    const bad = await c.query
      .queryWorkspace(t.tenant.monitor.workspaceId, `${t.tenant.monitor.tableName} | extend x = 1`, ALL_TIME)
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ statusCode: 400, code: 'BadArgumentError' });
  });

  it('the service is off until configured, then forwards in the background as the signed-in agent', async () => {
    const d = freshDb();
    appendAuditEvents(d.db, sampleEvents(30));
    const service = new ForwardingService({ db: d.db, session: c.session, desk: 'desk-service', pollMs: 50 });
    expect(service.status()).toMatchObject({ configured: false, backlog: 0 });
    await service.configure(c.config);
    try {
      await vi.waitFor(() => expect(service.status()).toMatchObject({ configured: true, backlog: 0 }), {
        timeout: 10_000,
        interval: 50,
      });
      appendAuditEvents(d.db, sampleEvents(5));
      await vi.waitFor(() => expect(service.status()).toMatchObject({ backlog: 0, lastSentRowId: 35 }), {
        timeout: 10_000,
        interval: 50,
      });
      expect(dedupeRecords((await storedRows('desk-service')) as { RecordId: string }[]).length).toBe(35);
    } finally {
      await service.stop();
    }
    expect(service.status().configured).toBe(false);
  });

  it('answers in the documented shapes: errors.md for the query API, 204 or an error body for ingestion', async () => {
    const m = t.tenant.monitor;
    const scopes = monitorScopes('global');
    const ingestToken = (await c.session.resourceToken([scopes.ingestion])).token;
    const queryToken = (await c.session.resourceToken([scopes.query])).token;
    const post = async (url: string, token: string | null, body: string, headers: Record<string, string> = {}) => {
      const res = await undiciFetch(url, {
        method: 'POST',
        dispatcher: t.dispatcher,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body,
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    };
    const queryUrl = `${m.queryEndpoint}/workspaces/${m.workspaceId}/query`;
    const q = JSON.stringify({ query: `${m.tableName} | take 1` });
    expect(await post(queryUrl, null, q)).toMatchObject({
      status: 401,
      body: { error: { code: 'AuthenticationFailed' } },
    });
    expect(await post(queryUrl, ingestToken, q)).toMatchObject({
      status: 403,
      body: { error: { code: 'InvalidAuthenticationTokenAudience' } },
    });
    expect(
      await post(`${m.queryEndpoint}/workspaces/00000000-0000-4000-8000-000000000000/query`, queryToken, q),
    ).toMatchObject({
      status: 404,
      body: { error: { code: 'PathNotFoundError' } },
    });
    expect(
      await post(queryUrl, queryToken, JSON.stringify({ query: `${m.tableName} | take 1; print 1` })),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'BadArgumentError', innererror: { code: 'SyntaxError' } } },
    });
    expect(await post(queryUrl, queryToken, '', { 'content-type': 'text/plain' })).toEqual({ status: 200, body: null });
    const ok = await post(
      queryUrl,
      queryToken,
      JSON.stringify({ query: `${m.tableName} | summarize count() by Kind` }),
    );
    expect(ok).toMatchObject({
      status: 200,
      body: {
        tables: [
          {
            name: 'PrimaryResult',
            columns: [
              { name: 'Kind', type: 'string' },
              { name: 'count_', type: 'long' },
            ],
          },
        ],
      },
    });

    const ingestUrl = (v: string) =>
      `${m.ingestionEndpoint}/dataCollectionRules/${m.dcrImmutableId}/streams/${m.streamName}?api-version=${v}`;
    expect(await post(ingestUrl('2023-01-01'), queryToken, '[]')).toMatchObject({ status: 401 });
    expect(await post(ingestUrl('2021-11-01-preview'), ingestToken, '[]')).toMatchObject({ status: 400 });
    expect(await post(ingestUrl('2023-01-01'), ingestToken, '{"RecordId":"a"}')).toMatchObject({
      status: 400,
      body: { error: { code: 'InvalidPayload' } },
    });
    expect(await post(ingestUrl('2023-01-01'), ingestToken, '[{"Nope":1}]')).toMatchObject({ status: 400 });
    expect(
      await post(ingestUrl('2023-01-01'), ingestToken, '[{"RecordId":"raw","Kind":"event","Desk":"raw"}]'),
    ).toEqual({
      status: 204,
      body: null,
    });
  });
});
