// The demo workspace kept in a SQLite file: two demo tenants (two app instances on two data folders, two
// processes) naming the same file share one workspace, so the team lead's Team History sees both desks;
// another tenant's workspace in the same file stays apart; the rows outlive the process.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TABLE, DemoWorkspace } from '../../../src/demo-tenant/monitor';
import { tempDir } from '../../unit/store/tempDb';

const ROOT = resolve(__dirname, '../../..');
const CHILD = join(__dirname, 'fixtures', 'append-workspace-rows.ts');

function appendInChild(file: string, tenantId: string, desk: string, count: number): Promise<void> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, tenantId, desk, String(count)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? done() : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

const open: DemoWorkspace[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  for (const c of cleanups.splice(0)) c();
});

function workspaceFile(): string {
  const t = tempDir();
  cleanups.push(t.dispose);
  return join(t.dir, 'shared', 'workspace.sqlite');
}

function workspace(tenantId: string, file: string): DemoWorkspace {
  const ws = new DemoWorkspace(tenantId, { file });
  open.push(ws);
  return ws;
}

const desks = (ws: DemoWorkspace) =>
  (ws.table(DEMO_TABLE)?.rows ?? []).map((r) => `${String(r.Desk)}-${String(r.RowId)}`);

describe('the demo workspace in a shared file', () => {
  it('shows each desk the rows every process appended, in order, while both keep appending', async () => {
    const file = workspaceFile();
    const mine = workspace('tenant-a', file);
    mine.append(DEMO_TABLE, [{ Desk: 'one', RowId: 1 }]);
    // Another process appends at the same time as this one.
    const other = appendInChild(file, 'tenant-a', 'two', 200);
    for (let i = 2; i <= 200; i++) {
      mine.append(DEMO_TABLE, [{ Desk: 'one', RowId: i }]);
      if (i % 50 === 0) mine.table(DEMO_TABLE);
    }
    await other;
    const seen = desks(mine);
    expect(seen).toHaveLength(400);
    for (const desk of ['one', 'two'])
      expect(seen.filter((s) => s.startsWith(`${desk}-`))).toEqual(
        Array.from({ length: 200 }, (_, i) => `${desk}-${i + 1}`),
      );
    expect(mine.totalRows()).toBe(400);
  }, 60_000);

  it('keeps another tenant’s workspace apart, and the rows after every process closed', () => {
    const file = workspaceFile();
    const a = workspace('tenant-a', file);
    const b = workspace('tenant-b', file);
    a.append(DEMO_TABLE, [{ Desk: 'a', RowId: 1 }]);
    b.append(DEMO_TABLE, [{ Desk: 'b', RowId: 1, Detail: { nested: [1, 'x'] } }]);
    expect(desks(a)).toEqual(['a-1']);
    expect(desks(b)).toEqual(['b-1']);
    a.close();
    b.close();
    const again = workspace('tenant-b', file);
    expect(again.table(DEMO_TABLE)?.rows).toEqual([{ Desk: 'b', RowId: 1, Detail: { nested: [1, 'x'] } }]);
    expect(again.workspaceId).toBe(b.workspaceId);
  });

  it('keeps rows in memory without a file, each workspace its own', () => {
    const a = new DemoWorkspace('tenant-a');
    const b = new DemoWorkspace('tenant-a');
    a.append(DEMO_TABLE, [{ Desk: 'a', RowId: 1 }]);
    expect(desks(a)).toEqual(['a-1']);
    expect(desks(b)).toEqual([]);
  });
});
