// The `node` vitest project runs its files one after another in shared worker processes
// (vitest.config.mts, `isolate: false`): a file that mocked a module or stubbed the environment through
// vitest would change the files after it. A module mock reaches only modules loaded after it (so it
// depends on running first) and stays for the next file; vitest puts stubbed variables back only when
// asked to. Watch a real function with vi.spyOn instead, and set variables in a try/finally.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const SHARED = ['test/unit', 'test/integration', 'test/support', 'test/setup.ts'];
const REFUSED = /\bvi\s*\.\s*(mock|doMock|unmock|doUnmock|hoisted|resetModules|stubEnv|stubGlobal)\s*\(/g;

function tsFiles(path: string): string[] {
  const full = join(root, path);
  if (path.endsWith('.ts')) return [full];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** `file:line vi.mock(` for every refused call in the code the node project shares. */
function refusedCalls(sources: { file: string; text: string }[]): string[] {
  return sources.flatMap(({ file, text }) =>
    [...text.matchAll(REFUSED)].map((m) => `${file}:${text.slice(0, m.index).split('\n').length} ${m[0]}`),
  );
}

describe('the node project shares modules between files', () => {
  it('has no test file or helper that mocks a module or stubs the environment through vitest', () => {
    const sources = SHARED.flatMap(tsFiles)
      .filter((f) => f !== __filename)
      .map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));
    expect(sources.length).toBeGreaterThan(100);
    expect(refusedCalls(sources)).toEqual([]);
  });

  it('finds each refused call, with its line', () => {
    const text = [
      "vi.mock('node:crypto', () => ({}));",
      'vi.spyOn(crypto, "timingSafeEqual");',
      "vi .doMock('x');",
      "vi.stubEnv('CI', 'true');",
    ].join('\n');
    expect(refusedCalls([{ file: 'a.test.ts', text }])).toEqual([
      'a.test.ts:1 vi.mock(',
      'a.test.ts:3 vi .doMock(',
      'a.test.ts:4 vi.stubEnv(',
    ]);
  });
});
