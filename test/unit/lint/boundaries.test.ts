import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** Lints a fixture as if it lived at `virtualPath`; returns the restricted-import errors by line. */
async function restrictedImports(fixture: string, virtualPath: string): Promise<number[]> {
  const code = readFileSync(join(root, 'test/lint-fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, virtualPath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.line);
}

describe('lint boundaries', () => {
  it('refuses electron, node:*, better-sqlite3, main and demo-tenant imports in the renderer', async () => {
    expect(await restrictedImports('renderer-imports.tsx', 'src/renderer/src/features/leak.tsx')).toEqual([
      3, 4, 5, 6, 7,
    ]);
  });

  it('refuses electron in src/main/core', async () => {
    expect(await restrictedImports('core-imports-electron.ts', 'src/main/core/leak.ts')).toEqual([2]);
  });

  it('allows electron in src/main/app and src/preload', async () => {
    expect(await restrictedImports('core-imports-electron.ts', 'src/main/app/ok.ts')).toEqual([]);
    expect(await restrictedImports('core-imports-electron.ts', 'src/preload/ok.ts')).toEqual([]);
  });

  it('refuses node:* and electron in src/shared', async () => {
    expect(await restrictedImports('shared-imports-node.ts', 'src/shared/leak.ts')).toEqual([2, 3]);
  });
});
