// What Resetline keeps on disk is its owner's alone: the data folder 0700, the SQLite file with its
// -wal and -shm, and the exports 0600, whatever the umask and however old the folder is; and an export
// an earlier run left behind (a crash mid-export, a download never collected) is gone at the next start.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditExportSource } from '../../../src/main/core/audit';
import { ExportFiles } from '../../../src/main/core/exports';
import { createRuntime, DEMO_DATA_FOLDER } from '../../../src/main/core/runtime';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let parent: string;
let umask: number;
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'resetline-private-'));
  // The most permissive umask: every mode below must come from Resetline itself, not the environment.
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
  rmSync(parent, { recursive: true, force: true });
});

/** Every SQLite file under the data folder (the settings store, the demo tenant's own store), with its folder. */
function databaseFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /(^|\/)resetline\.sqlite(-wal|-shm)?$/.test(name))
    .map((name) => join(dir, name));
}

async function expectPrivate(dataDir: string): Promise<void> {
  const runtime = createRuntime({ dataDir, host: 'browser', version: '0.0.0-test' });
  try {
    const db = runtime.db; // the selected tenant's store, opened now
    const files = databaseFiles(dataDir);
    expect(files.filter((f) => f.endsWith('-wal')).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.endsWith('-shm')).length).toBeGreaterThan(0);
    const exports = new ExportFiles({ dir: join(dataDir, 'exports') });
    const writing = await exports.write(auditExportSource(db, {}, new Date()), new AbortController().signal);
    const download = exports.takeDownload((await writing.done).downloadToken!)!;
    const modes = (paths: string[]) => Object.fromEntries(paths.map((p) => [p, modeOf(p)]));
    const folders = [...new Set([dataDir, ...files.map((f) => dirname(f)), dirname(download.path)])];
    expect(modes(folders)).toEqual(Object.fromEntries(folders.map((f) => [f, 0o700])));
    expect(modes([...files, download.path])).toEqual(
      Object.fromEntries([...files, download.path].map((f) => [f, 0o600])),
    );
    exports.dispose();
  } finally {
    await runtime.close();
  }
}

describe('files at rest', () => {
  it('creates a new data folder 0700 with every file in it 0600', async () => {
    await expectPrivate(join(parent, 'fresh'));
  });

  it('makes a data folder an older version left open to everyone private again', async () => {
    const dataDir = join(parent, 'older');
    const first = createRuntime({ dataDir, host: 'browser', version: '0.0.0-test' });
    void first.db;
    await first.close();
    for (const file of databaseFiles(dataDir)) {
      chmodSync(file, 0o644);
      chmodSync(dirname(file), 0o755);
    }
    mkdirSync(join(dataDir, 'exports'), { mode: 0o755 });
    await expectPrivate(dataDir);
  });
});

describe('leftover exports', () => {
  function leave(exportsDir: string) {
    mkdirSync(exportsDir, { recursive: true });
    const files = {
      finished: join(exportsDir, `${randomUUID()}.csv`),
      partial: join(exportsDir, `${randomUUID()}.csv.part`),
      other: join(exportsDir, 'notes.txt'),
    };
    for (const path of Object.values(files)) writeFileSync(path, 'upn,action\nalex@contoso.com,reset\n');
    return () => Object.fromEntries(Object.entries(files).map(([k, path]) => [k, existsSync(path)]));
  }
  const onlyOthersLeft = { finished: false, partial: false, other: true };

  it("removes an earlier run's exports when the export runner starts, and nothing else", async () => {
    const dataDir = join(parent, 'runner');
    const left = leave(join(dataDir, 'exports'));
    const runtime = createRuntime({ dataDir, host: 'browser', version: '0.0.0-test' });
    try {
      const exports = new ExportFiles({ dir: join(dataDir, 'exports') });
      expect(left()).toEqual(onlyOthersLeft);
      exports.dispose();
    } finally {
      await runtime.close();
    }
  });

  it('removes them when the app starts', async () => {
    const dataDir = join(parent, 'app');
    const probe = createRuntime({ dataDir, host: 'browser', version: '0.0.0-test' });
    const folder = probe.info().tenantMode === 'demo' ? join(dataDir, DEMO_DATA_FOLDER) : dataDir;
    await probe.close();
    const left = leave(join(folder, 'exports'));
    const runtime = createRuntime({ dataDir, host: 'browser', version: '0.0.0-test' });
    try {
      expect(left()).toEqual(onlyOthersLeft);
    } finally {
      await runtime.close();
    }
  });
});
