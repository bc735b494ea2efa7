// History's CSV export: the file holds exactly the filter's rows (all pages), quoted per RFC 4180
// with formula-like cells defused; a cancelled export leaves no file; the browser host hands the
// finished file out once, to the session key only.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appendAuditEvents,
  AuditExports,
  CSV_BOM,
  CSV_COLUMNS,
  csvCell,
  listAuditEvents,
  writeAuditCsv,
} from '../../../src/main/core/audit';
import { startHttpHost } from '../../../src/main/core/host/httpHost';
import { startRuntime } from '../../integration/core/runtimeHarness';
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
    const page = listAuditEvents(t.db, { ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
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

  it('reports progress to the total and hands the finished file out once by token', async () => {
    const exports = new AuditExports({ db: t.db, dir: join(dir, 'downloads'), pageSize: 100 });
    const started = await exports.start({ outcome: 'success' });
    expect(started).toMatchObject({ total: allIds({ outcome: 'success' }).length, done: false });
    const done = await exports.settled(started.jobId);
    expect(done).toMatchObject({ rowsWritten: started.total, total: started.total, done: true, cancelled: false });
    expect(done.error).toBeUndefined();
    const file = exports.takeDownload(done.downloadToken as string);
    expect(file?.fileName).toMatch(/^resetline-history-.*\.csv$/);
    const rows = parseCsv(readFileSync(file?.path as string, 'utf8').slice(1)).slice(1);
    expect(rows.map((r) => Number(r[0]))).toEqual(allIds({ outcome: 'success' }));
    expect(exports.takeDownload(done.downloadToken as string)).toBeNull();
  });

  it('stops when cancelled and leaves no partial file', async () => {
    const out = join(dir, 'cancel');
    const exports = new AuditExports({ db: t.db, dir: out, pageSize: 10 });
    const started = await exports.start({});
    exports.cancel(started.jobId);
    const done = await exports.settled(started.jobId);
    expect(done).toMatchObject({ done: true, cancelled: true });
    expect(done.rowsWritten).toBeLessThan(N);
    expect(done.downloadToken).toBeUndefined();
    expect(readdirSync(out)).toEqual([]);
  });

  it('writes where the Electron shell’s save dialog says, and refuses when the agent cancels the dialog', async () => {
    const chosen = join(dir, 'chosen.csv');
    const exports = new AuditExports({
      db: t.db,
      dir,
      chooseExportPath: async (name) => (name.endsWith('.csv') ? chosen : null),
    });
    const done = await exports.settled((await exports.start({ action: 'reset.tap' })).jobId);
    expect(done).toMatchObject({ done: true, path: chosen, rowsWritten: allIds({ action: 'reset.tap' }).length });
    expect(existsSync(`${chosen}.part`)).toBe(false);
    const refusing = new AuditExports({ db: t.db, dir, chooseExportPath: async () => null });
    await expect(refusing.start({})).rejects.toMatchObject({ code: 'invalid_input' });
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
        ).json()) as { ok: boolean; value: { jobId: string; done: boolean; downloadToken?: string } };
      const started = await call('audit:start-export', { filter: { text: 'downloadable' } });
      expect(started.ok).toBe(true);
      let job = started.value;
      while (!job.done) job = (await call('audit:get-export', { jobId: job.jobId })).value;
      const url = `${host.origin}/download/${job.downloadToken}`;
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
