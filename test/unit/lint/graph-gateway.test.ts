// Lint keeps every Graph request inside src/main/core/graph, where the request catalogue names it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** Lints the fixture as if it lived at `virtualPath`; returns the lines no-restricted-syntax refuses. */
async function refusedLines(virtualPath: string): Promise<number[]> {
  const code = readFileSync(join(root, 'test/lint-fixtures/graph-outside-gateway.ts'), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, virtualPath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax' && m.severity === 2)
    .map((m) => m.line);
}

describe('lint: Graph requests only in core/graph', () => {
  it('refuses .api( and Graph client construction elsewhere in main', async () => {
    expect(await refusedLines('src/main/core/registration/leak.ts')).toEqual([6, 7, 8]);
    expect(await refusedLines('src/main/core/policy/leak.ts')).toEqual([6, 7, 8]);
  });

  it('refuses them in the other source trees too', async () => {
    expect(await refusedLines('src/main/app/leak.ts')).toEqual([6, 7, 8]);
    expect(await refusedLines('src/shared/leak.ts')).toEqual([6, 7, 8]);
  });

  it('allows them in src/main/core/graph', async () => {
    expect(await refusedLines('src/main/core/graph/registration.ts')).toEqual([]);
  });
});
