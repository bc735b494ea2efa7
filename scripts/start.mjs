// `npm start`: build, then launch the Electron app — or, where the Electron binary is not installed
// (machines without internet install with ELECTRON_SKIP_BINARY_DOWNLOAD=1), the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, found without require('electron') (which would try to download it). */
function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json', { paths: [root] }));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const viteBin = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
);
run(viteBin, ['build', '--logLevel', 'warn']);

const binary = electronBinary();
const extra = process.argv.slice(2);
let child;
if (binary) {
  if (!existsSync(join(root, '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) {
    run(process.execPath, [join(root, 'scripts/rebuild-electron.mjs')]);
  }
  child = spawn(binary, ['.', ...extra], { cwd: root, stdio: 'inherit' });
} else {
  console.log('Electron binary not installed here; starting the browser host instead (open the URL below).');
  child = spawn(process.execPath, [join(root, 'out/main/browser-host.js'), ...extra], { cwd: root, stdio: 'inherit' });
}
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
