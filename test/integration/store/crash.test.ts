// A process killed with SIGKILL mid-append (no chance to clean up) must leave a database that
// opens, passes integrity_check, verifies, and holds every row whose append had returned.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/main/core/audit';
import { closeDatabase, openDatabase } from '../../../src/main/core/store';
import { tempDir } from '../../unit/store/tempDb';

const ROOT = resolve(__dirname, '../../..');
const CHILD = join(__dirname, 'fixtures', 'append-forever.ts');

/** Runs the child until it has reported `atLeast` ids, kills it with SIGKILL, returns those ids. */
function appendUntilKilled(file: string, atLeast: number): Promise<number[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ids: number[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (/^\d+$/.test(line)) ids.push(Number(line));
      if (!killed && ids.length >= atLeast) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited (${code ?? signal}) before being killed:\n${stderr}`));
      // Anything still in the pipe was printed after a returned append, so it counts too.
      else {
        for (const line of buffered.split('\n')) if (/^\d+$/.test(line)) ids.push(Number(line));
        resolvePromise(ids);
      }
    });
  });
}

describe('crash safety', () => {
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((d) => d()));

  it('keeps every returned append, and a verifiable chain, across repeated SIGKILLs', async () => {
    const t = tempDir();
    disposers.push(t.dispose);
    const file = join(t.dir, 'crash.sqlite');
    const reported = new Set<number>();

    for (let round = 0; round < 3; round++) {
      const ids = await appendUntilKilled(file, 150 + round * 97);
      expect(ids.length).toBeGreaterThan(0);
      ids.forEach((id) => reported.add(id));

      const db = openDatabase(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const result = verifyAuditChain(db);
        expect(result.intact).toBe(true);
        const present = new Set(db.prepare('SELECT id FROM audit_events').pluck().all() as number[]);
        const lost = [...reported].filter((id) => !present.has(id));
        expect(lost).toEqual([]);
        // Batches are all or nothing: the row count is the last id (ids are consecutive).
        expect(result.rowsChecked).toBe(Math.max(...present));
      } finally {
        closeDatabase(db);
      }
    }
  }, 120_000);
});
