// History's CSV export: the file holds exactly the filter's rows (all pages), quoted per RFC 4180
// with formula-like cells defused; as a job (core/jobs) it reports progress, a cancelled one stops and
// leaves no file, another agent is told there is no such job; the browser host hands the finished
// file out once, to the session key only.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appendAuditEvents,
  auditExportKind,
  CSV_BOM,
  CSV_COLUMNS,
  csvCell,
  listAuditEvents,
  writeAuditCsv,
} from '../../../src/main/core/audit';
import { ExportFiles } from '../../../src/main/core/exports';
import { startHttpHost } from '../../../src/main/core/host/httpHost';
import { JobRunner, type JobAgent } from '../../../src/main/core/jobs';
import { JobStartInput, type Job } from '../../../src/shared/jobs';
import { startRuntime } from '../../support/runtimeHarness';
import type { AuditListFilter } from '../../../src/shared/audit';
import { SECRET_HEADER } from '../../../src/shared/wire';
import { tempDb, type TempDb } from '../store/tempDb';
import { sampleEvent } from './events';

const N = 1_200;
let t: TempDb;

beforeAll(() => {
  t = tempDb();
  appendAuditEvents(
    t.db,
    Array.from({ length: N }, (_, i) =>
      sampleEvent(i, {
        notes: i % 50 === 0 ? `=HYPERLINK("http://evil","x"), line\nbreak ${i}` : i % 7 === 0 ? `-2+3 ${i}` : null,
        targetName: i % 9 === 0 ? '@Ada, "Countess"' : `User ${i % 5}`,
      }),
    ),
  );
});
afterAll(() => t.dispose());

/** A strict RFC 4180 reader, so the test does not trust the writer's own idea of quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else if (ch === '"' || ch === '\n' || ch === '\r') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    else cell += ch;
    i += 1;
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}

function allIds(filter: AuditListFilter): number[] {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = listAuditEvents(t.db, { ...filter, limit: 500, cursor });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function toText(filter: AuditListFilter, pageSize = 97): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeAuditCsv(t.db, filter, out, { pageSize });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('CSV cells', () => {
  it.each<[string | number | null, string]>([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['\tTab', "'\tTab"],
    ['', ''],
    [null, ''],
    [-5, '-5'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('writeAuditCsv', () => {
  it.each<[string, AuditListFilter]>([
    ['everything (every page, not just one)', {}],
    ['an agent and an outcome', { agentUpn: 'agent1@contoso.com', outcome: 'failure' }],
    ['a text search', { text: 'line break' }],
    ['a verification type', { verificationType: 'email', action: 'call.opened' }],
    ['a target prefix, ignoring the caller’s cursor and limit', { target: '@ada', limit: 3, cursor: undefined }],
  ])('writes exactly the rows of %s, newest first', async (_name, filter) => {
    const text = await toText(filter);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(CSV_BOM.length));
    expect(header).toEqual([...CSV_COLUMNS]);
    const expected = allIds(filter);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => Number(r[0]))).toEqual(expected);
  });

  it('keeps each value intact through quoting, and defuses formulas', async () => {
    const [, ...rows] = parseCsv((await toText({ text: 'hyperlink' })).slice(CSV_BOM.length));
    const row = rows.find((r) => r[0] === '1');
    expect(row?.[CSV_COLUMNS.indexOf('notes')]).toBe(`'=HYPERLINK("http://evil","x"), line\nbreak 0`);
    expect(row?.[CSV_COLUMNS.indexOf('target_name')]).toBe(`'@Ada, "Countess"`);
    expect(row?.[CSV_COLUMNS.indexOf('occurred_at_utc')]).toBe(
      new Date(sampleEvent(0).occurredAt as number).toISOString(),
    );
    expect(row?.[CSV_COLUMNS.indexOf('verification_passed')]).toBe('sms email');
  });
});

describe('export jobs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'resetline-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ADA: JobAgent = { agentId: 'ada', tenantKey: 'demo:contoso' };

  /** The job runner with History's export, its files as `files` keeps them, for whoever `agent` is now. */
  function auditJobs(files: ExportFiles, pageSize: number) {
    const who = { agent: ADA };
    const runner = new JobRunner({
      kinds: { 'audit-export': auditExportKind({ db: t.db, files, pageSize }) },
      authorize: () => who.agent,
    });
    const start = (filter: AuditListFilter): Promise<Job> =>
      runner.start(JobStartInput.parse({ kind: 'audit-export', filter }));
    return { runner, who, start };
  }
  const fileOf = (job: Job) => (job.result?.type === 'file' ? job.result : null);

  it('reports progress to the total and hands the finished file out once by token', async () => {
    const files = new ExportFiles({ dir: join(dir, 'downloads') });
    const { runner, start } = auditJobs(files, 100);
    const total = allIds({ outcome: 'success' }).length;
    const started = await start({ outcome: 'success' });
    expect(started).toMatchObject({ kind: 'audit-export', state: 'running', progress: { total } });
    const done = await runner.settled(started.id);
    expect(done).toMatchObject({ state: 'done', progress: { done: total, total }, error: null, etaSeconds: null });
    expect(fileOf(done)).toMatchObject({ rows: total, downloadToken: expect.any(String) });
    const file = files.takeDownload(fileOf(done)!.downloadToken!);
    expect(file?.fileName).toMatch(/^resetline-history-.*\.csv$/);
    const rows = parseCsv(readFileSync(file?.path as string, 'utf8').slice(1)).slice(1);
    expect(rows.map((r) => Number(r[0]))).toEqual(allIds({ outcome: 'success' }));
    expect(files.takeDownload(fileOf(done)!.downloadToken!)).toBeNull();
  });

  it('stops when cancelled, answering once it has stopped, and leaves no partial file', async () => {
    const out = join(dir, 'cancel');
    const { runner, start } = auditJobs(new ExportFiles({ dir: out }), 10);
    const started = await start({});
    const cancelled = await runner.cancel(started.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', result: null, error: null });
    expect(cancelled.progress.done).toBeLessThan(N);
    expect(cancelled.finishedAt).not.toBeNull();
    expect(readdirSync(out)).toEqual([]);
    // Cancelling a finished job changes nothing.
    expect(await runner.cancel(started.id)).toEqual(cancelled);
  });

  it('answers only the agent who started the job: another agent, or the same id in another tenant, finds none', async () => {
    const files = new ExportFiles({ dir: join(dir, 'owners') });
    const { runner, who, start } = auditJobs(files, 10);
    const started = await start({});
    const notFound = { code: 'not_found', message: expect.stringMatching(/no such job/i) };
    for (const other of [
      { agentId: 'grace', tenantKey: ADA.tenantKey },
      { agentId: ADA.agentId, tenantKey: 'global:fabrikam' },
    ]) {
      who.agent = other;
      expect(() => runner.get(started.id)).toThrow(expect.objectContaining(notFound));
      await expect(runner.cancel(started.id)).rejects.toMatchObject(notFound);
      expect(runner.list('audit-export')).toEqual([]);
    }
    who.agent = ADA;
    expect(runner.list('audit-export').map((j) => j.id)).toEqual([started.id]);
    expect((await runner.settled(started.id)).state).toBe('done');
  });

  it('writes where the Electron shell’s save dialog says, and refuses when the agent cancels the dialog', async () => {
    const chosen = join(dir, 'chosen.csv');
    const files = new ExportFiles({ dir, chooseExportPath: async (name) => (name.endsWith('.csv') ? chosen : null) });
    const { runner, start } = auditJobs(files, 100);
    const done = await runner.settled((await start({ action: 'reset.tap' })).id);
    expect(fileOf(done)).toEqual({ type: 'file', path: chosen, rows: allIds({ action: 'reset.tap' }).length });
    expect(existsSync(`${chosen}.part`)).toBe(false);
    const refusing = auditJobs(new ExportFiles({ dir, chooseExportPath: async () => null }), 100);
    await expect(refusing.start({})).rejects.toMatchObject({ code: 'invalid_input' });
    expect(refusing.runner.list('audit-export')).toEqual([]);
  });
});

describe('browser host download', () => {
  it('serves a finished export once, only with the session key, then deletes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'resetline-download-'));
    // Exports are for a signed-in agent (handlers/guards.ts): one signs in through the demo tenant's page.
    const app = await startRuntime({ dataDir });
    await app.signInAs('helpdesk');
    const runtime = app.runtime;
    const host = await startHttpHost({ router: runtime.router, rendererDir: dataDir, downloads: runtime.exports });
    try {
      appendAuditEvents(runtime.db, [sampleEvent(1, { notes: 'downloadable' })]);
      const call = async (channel: string, input: unknown) =>
        (await (
          await fetch(`${host.origin}/api/${channel}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SECRET_HEADER]: host.secret },
            body: JSON.stringify({ input }),
          })
        ).json()) as { ok: boolean; value: Job };
      const started = await call('jobs:start', { kind: 'audit-export', filter: { text: 'downloadable' } });
      expect(started.ok).toBe(true);
      let job = started.value;
      while (job.state === 'running') job = (await call('jobs:get', { jobId: job.id })).value;
      expect(job).toMatchObject({ state: 'done', result: { type: 'file', rows: 1 } });
      const url = `${host.origin}/download/${(job.result as { downloadToken: string }).downloadToken}`;
      expect((await fetch(url)).status).toBe(401);
      const res = await fetch(url, { headers: { [SECRET_HEADER]: host.secret } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="resetline-history-/);
      const body = await res.text();
      expect(body).toContain('downloadable');
      expect((await fetch(url, { headers: { [SECRET_HEADER]: host.secret } })).status).toBe(404);
      // Deleted once the response has been sent.
      await vi.waitFor(() => expect(readdirSync(join(dataDir, 'demo', 'exports'))).toEqual([]));
    } finally {
      await host.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
