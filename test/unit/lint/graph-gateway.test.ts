// Lint keeps every Graph request inside src/main/core/graph, where the request catalogue names it.
import { describe, expect, it } from 'vitest';
import { refusedLines as refused } from './lintFixture';

/** Lints the fixture as if it lived at `virtualPath`; returns the lines no-restricted-syntax refuses. */
const refusedLines = (virtualPath: string) => refused('graph-outside-gateway.ts', virtualPath, 'no-restricted-syntax');

// Type-aware linting builds a TypeScript program first: slow on a loaded machine, never a wait.
describe('lint: Graph requests only in core/graph', { timeout: 120_000 }, () => {
  it('refuses .api( and Graph client construction elsewhere in main', async () => {
    expect(await refusedLines('src/main/core/registration/ingest.ts')).toEqual([6, 7, 8]);
    expect(await refusedLines('src/main/core/policy/fetch.ts')).toEqual([6, 7, 8]);
  });

  it('refuses them in the other source trees too', async () => {
    expect(await refusedLines('src/main/app/fuses.ts')).toEqual([6, 7, 8]);
    expect(await refusedLines('src/shared/result.ts')).toEqual([6, 7, 8]);
  });

  it('still refuses them in the files that own the other lives-once rules', async () => {
    expect(await refusedLines('src/shared/roles.ts')).toEqual([6, 7, 8]);
    expect(await refusedLines('src/shared/wire.ts')).toEqual([6, 7, 8]);
    expect(await refusedLines('src/demo-tenant/cli.ts')).toEqual([6, 7, 8]);
  });

  it('allows them in src/main/core/graph', async () => {
    expect(await refusedLines('src/main/core/graph/registration.ts')).toEqual([]);
  });
});
