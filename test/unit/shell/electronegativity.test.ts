// The Electronegativity gate (scripts/electronegativity.mjs) fails on what it should: run for real over
// a window with Node integration and no isolation, against an accepted list that explains none of it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('Electronegativity gate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resetline-eng-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on unexplained findings and on explanations that match nothing', () => {
    const app = join(dir, 'app');
    const accepted = join(dir, 'accepted.json');
    mkdirSync(app);
    writeFileSync(
      join(app, 'main.js'),
      [
        "const { BrowserWindow } = require('electron');",
        'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
        "win.loadURL('https://example.com/');",
      ].join('\n'),
    );
    writeFileSync(
      accepted,
      JSON.stringify({
        excludedChecks: [{ check: 'AvailableSecurityFixesGlobalCheck', reason: 'offline' }],
        findings: [{ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'src/gone.ts', reason: 'no longer there' }],
        parseErrors: [],
      }),
    );

    const run = spawnSync(process.execPath, ['scripts/electronegativity.mjs', `--accepted=${accepted}`, app], {
      encoding: 'utf8',
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Electron 45.');
    expect(run.stderr).toMatch(/NODE_INTEGRATION_JS_CHECK \S*main\.js:2/);
    expect(run.stderr).toMatch(/CONTEXT_ISOLATION_JS_CHECK \S*main\.js:2/);
    expect(run.stderr).toContain('stale explanation (nothing matches it any more): OPEN_EXTERNAL_JS_CHECK src/gone.ts');
  });
});
