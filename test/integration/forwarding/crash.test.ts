// A forwarding run killed with SIGKILL mid-way resumes with no row lost and none duplicated in the team
// view: the outbox's watermark moves only after the service's 2xx, so a batch accepted but not yet marked is
// sent again, and the reader drops it by RecordId (the row's chain hash).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../../../src/main/core/audit';
import { monitorScopes } from '../../../src/main/core/auth/monitorCredential';
import { AuditForwarder } from '../../../src/main/core/forwarding';
import { teamCountQuery, teamPageQuery } from '../../../src/main/core/forwarding/teamQueries';
import { closeDatabase, openDatabase } from '../../../src/main/core/store';
import { sampleEvent } from '../../unit/audit/events';
import { startTestTenant, type TestTenant } from '../demo-tenant/identity-helpers';
import { ALL_TIME, auditDb, signedInClients, type MonitorClients } from './harness';

const ROOT = resolve(__dirname, '../../..');
const CHILD = join(__dirname, 'fixtures', 'forward-until-killed.ts');

let t: TestTenant;
let c: MonitorClients;
beforeAll(async () => {
  t = await startTestTenant({ users: 120 });
  c = await signedInClients(t);
}, 60_000);
afterAll(async () => {
  await t.close();
});

/**
 * Runs the child until it reported `batches` accepted batches; then the service starts failing (503), and
 * once the child has seen a few failures it is SIGKILLed mid-run. The failing service is back after.
 */
function forwardUntilKilled(file: string, token: string, batches: number): Promise<number[]> {
  return new Promise((resolvePromise, reject) => {
    const m = t.tenant.monitor;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, file, m.ingestionEndpoint, m.dcrImmutableId, m.streamName, t.tenant.caCertPath],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RESETLINE_TEST_TOKEN: token } },
    );
    const sent: number[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    let failing = false;
    const faults = t.tenant.monitor.faults;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const id = /^sent (\d+)$/.exec(line)?.[1];
        if (id) sent.push(Number(id));
        if (line === 'idle' && !killed) reject(new Error('the child finished before it was killed'));
      }
      if (!failing && sent.length >= batches) {
        failing = true;
        faults.failNext(1_000_000, 503);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && failing && (stderr.match(/^failed:/gm) ?? []).length >= 3) {
        killed = true;
        child.kill('SIGKILL');
        faults.failNext(0, 503);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited (${code ?? signal}) before being killed:\n${stderr}`));
      else resolvePromise(sent);
    });
  });
}

describe('forwarding across a SIGKILL', () => {
  it('resumes where the service last accepted: nothing lost, nothing twice in the team view', async () => {
    const d = auditDb();
    try {
      for (let k = 0; k < 10; k++)
        appendAuditEvents(
          d.db,
          Array.from({ length: 200 }, (_, i) =>
            sampleEvent(k * 200 + i, { notes: `row ${k * 200 + i} ${'n'.repeat(120)}` }),
          ),
        );
      closeDatabase(d.db);
      const { token } = await c.session.resourceToken([monitorScopes('global').ingestion]);

      const sent = await forwardUntilKilled(d.file, token, 5);
      expect(sent.length).toBeGreaterThanOrEqual(5);

      const db = openDatabase(d.file);
      try {
        const fwd = new AuditForwarder({ db, config: c.config, client: c.ingestion, desk: 'desk-crash', minGapMs: 0 });
        // The watermark is at least where the child's last reported batch ended, and short of the end.
        const resumedFrom = fwd.status().lastSentRowId;
        expect(resumedFrom).toBeGreaterThanOrEqual(sent.at(-1) ?? 0);
        expect(resumedFrom).toBeLessThan(2_000);
        await fwd.drain();

        // The team view's own queries (Team History's page and count): each row once, none lost.
        const table = t.tenant.monitor.tableName;
        const page = await c.query.queryWorkspace(
          t.tenant.monitor.workspaceId,
          teamPageQuery(table, { desk: 'desk-crash' }, 0, 2_500),
          ALL_TIME,
        );
        if (page.status !== 'Success') throw new Error('query failed');
        const [rowsTable] = page.tables;
        const idx = (name: string): number => rowsTable?.columnDescriptors.findIndex((col) => col.name === name) ?? -1;
        const unique = (rowsTable?.rows ?? [])
          .map((r) => ({ RecordId: r[idx('RecordId')] as string, RowId: r[idx('RowId')] as number }))
          .sort((a, b) => a.RowId - b.RowId);
        const count = await c.query.queryWorkspace(
          t.tenant.monitor.workspaceId,
          teamCountQuery(table, { desk: 'desk-crash' }),
          ALL_TIME,
        );
        if (count.status !== 'Success') throw new Error('query failed');
        expect(count.tables[0]?.rows).toEqual([['desk-crash', 2_000]]);
        const hashes = (db.prepare('SELECT hash FROM audit_events ORDER BY id').pluck().all() as Buffer[]).map((b) =>
          b.toString('hex'),
        );
        expect(unique.map((r) => r.RecordId)).toEqual(hashes);
        expect(unique.map((r) => r.RowId)).toEqual(Array.from({ length: 2_000 }, (_, i) => i + 1));
        expect(fwd.status()).toMatchObject({ backlog: 0, lastSentRowId: 2_000 });
      } finally {
        closeDatabase(db);
      }
    } finally {
      d.dispose();
    }
  }, 120_000);
});
