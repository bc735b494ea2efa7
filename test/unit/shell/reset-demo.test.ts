// `npm run demo:reset` removes demo mode's data and the demo tenant's state, and nothing else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

it('removes <data>/demo and <data>/demo-tenant and keeps the tenant choice, a real tenant and the logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'resetline-reset-demo-'));
  try {
    for (const dir of ['demo/exports', 'demo-tenant', 'logs']) mkdirSync(join(dataDir, dir), { recursive: true });
    for (const file of [
      'demo/resetline.sqlite',
      'demo/audit-key.bin',
      'demo-tenant/ca.pem',
      'logs/resetline.log',
      'resetline.sqlite',
    ])
      writeFileSync(join(dataDir, file), 'x');
    const run = () =>
      spawnSync(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/reset-demo.ts'], {
        encoding: 'utf8',
        env: { ...process.env, RESETLINE_DATA_DIR: dataDir },
        timeout: 60_000,
      });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(join(dataDir, 'demo-tenant'));
    expect(existsSync(join(dataDir, 'demo'))).toBe(false);
    expect(existsSync(join(dataDir, 'demo-tenant'))).toBe(false);
    expect(existsSync(join(dataDir, 'resetline.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'logs/resetline.log'))).toBe(true);
    expect(run().stdout).toContain('Nothing to reset');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
