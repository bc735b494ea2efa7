// `npm run demo:reset`: forgets everything the demo left behind — demo mode's database (calls, audit
// trail, registration snapshots), its exports and audit key (`<data>/demo/`) and the demo tenant's own
// state (`<data>/demo-tenant/`: its CA, keys and directory changes). A real tenant's data, the tenant
// choice and the logs stay. Stop Resetline first: a running app would keep the files it has open.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../src/main/core/dataDir';

const dataDir = defaultDataDir();
const removed = ['demo', 'demo-tenant']
  .map((name) => join(dataDir, name))
  .filter((dir) => existsSync(dir))
  .map((dir) => {
    rmSync(dir, { recursive: true, force: true });
    return dir;
  });
process.stdout.write(
  removed.length === 0
    ? `Nothing to reset: no demo data in ${dataDir}.\n`
    : `Removed the demo's data:\n${removed.map((d) => `  ${d}\n`).join('')}The next start begins a fresh demo.\n`,
);
