// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules' Node build
// alone: tests and the browser host load the Node build, the Electron app passes this one to
// better-sqlite3's `nativeBinding` option. Needs Electron's headers (internet) the first time.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const target = join(root, '.electron-native');
const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));

rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, 'node_modules'), { recursive: true });
cpSync(sqliteDir, join(target, 'node_modules/better-sqlite3'), {
  recursive: true,
  filter: (src) => !/better-sqlite3[\\/]build([\\/]|$)/.test(src),
});
writeFileSync(
  join(target, 'package.json'),
  JSON.stringify({ name: 'resetline-electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }),
);

const { rebuild } = await import('@electron/rebuild');
console.log(`Building better-sqlite3 for Electron ${electronVersion} into .electron-native/ …`);
await rebuild({ buildPath: target, electronVersion, onlyModules: ['better-sqlite3'], force: true });
console.log(
  'Done: the Electron app will load .electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
);
