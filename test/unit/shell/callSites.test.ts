// Where the shell's sensitive calls may appear, read from the source: every system-browser hand-off
// goes through the allow-list, the renderer is never loaded from file://, and the dev server address
// is read in one place (policy.ts, which ignores it in a packaged app).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SHELL_DIRS = ['src/main/app', 'src/preload'];

function filesMatching(pattern: RegExp): string[] {
  return SHELL_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(dir, name))
      .filter((file) => pattern.test(readFileSync(file, 'utf8'))),
  );
}

describe('shell call sites', () => {
  it('calls shell.openExternal only in systemBrowser.ts, right after the allow-list check', () => {
    expect(filesMatching(/openExternal\s*\(/)).toEqual(['src/main/app/systemBrowser.ts']);
    const source = readFileSync('src/main/app/systemBrowser.ts', 'utf8');
    expect(source.indexOf('isAllowedExternal(url')).toBeGreaterThan(-1);
    expect(source.indexOf('isAllowedExternal(url')).toBeLessThan(source.indexOf('shell.openExternal('));
  });

  it('never loads the renderer from file://', () => {
    expect(filesMatching(/loadFile\s*\(|pathToFileURL|['"`]file:/)).toEqual([]);
  });

  it('reads the dev server address only in policy.ts', () => {
    expect(filesMatching(/ELECTRON_RENDERER_URL/)).toEqual(['src/main/app/policy.ts']);
  });

  it('sets the permission handlers and the keychain choice through the policy functions', () => {
    const index = readFileSync('src/main/app/index.ts', 'utf8');
    expect(index.match(/isPermissionGranted\(/g)).toHaveLength(2);
    expect(index).toMatch(/isKeychainUsable\(/);
    expect(index).toMatch(/getSelectedStorageBackend\(\)/);
    expect(index).toMatch(/Menu\.setApplicationMenu\(null\)/);
    expect(readFileSync('src/main/app/window.ts', 'utf8')).toMatch(
      /devTools: productionLockdown\(app\.isPackaged\)\.devTools/,
    );
  });
});
