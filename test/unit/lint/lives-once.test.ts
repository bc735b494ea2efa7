// Lint proves two "lives once" rules: role template ids only in src/shared/roles.ts (and the demo tenant's
// own copy), the browser host's wire constants only in src/shared/wire.ts.
import { describe, expect, it } from 'vitest';
import { refusedLines } from './lintFixture';

const refused = (fixture: string, virtualPath: string) => refusedLines(fixture, virtualPath, 'no-restricted-syntax');

// Type-aware linting builds a TypeScript program first: slow on a loaded machine, never a wait.
describe('lint: role template ids live in shared/roles.ts', { timeout: 120_000 }, () => {
  it('refuses role ids written elsewhere in src, in either case, and not other ids', async () => {
    expect(await refused('role-id-literals.ts', 'src/main/core/reset/service.ts')).toEqual([5, 6]);
    expect(await refused('role-id-literals.ts', 'src/renderer/src/format.ts')).toEqual([5, 6]);
  });

  it('refuses them in core/graph too (the owner of another rule)', async () => {
    expect(await refused('role-id-literals.ts', 'src/main/core/graph/roles.ts')).toEqual([5, 6]);
    expect(await refused('role-id-literals.ts', 'src/shared/wire.ts')).toEqual([5, 6]);
  });

  it('allows them in shared/roles.ts and in the demo tenant', async () => {
    expect(await refused('role-id-literals.ts', 'src/shared/roles.ts')).toEqual([]);
    expect(await refused('role-id-literals.ts', 'src/demo-tenant/roles.ts')).toEqual([]);
  });
});

describe('lint: the HTTP wire constants live in shared/wire.ts', { timeout: 120_000 }, () => {
  it('refuses the secret header and the host paths elsewhere in src, and not other URLs', async () => {
    expect(await refused('wire-literals.ts', 'src/main/core/host/httpHost.ts')).toEqual([6, 7, 8, 9, 10]);
    expect(await refused('wire-literals.ts', 'src/renderer/src/api/transport.ts')).toEqual([6, 7, 8, 9, 10]);
    expect(await refused('wire-literals.ts', 'src/shared/roles.ts')).toEqual([6, 7, 8, 9, 10]);
    expect(await refused('wire-literals.ts', 'src/demo-tenant/cli.ts')).toEqual([6, 7, 8, 9, 10]);
  });

  it('allows them in shared/wire.ts', async () => {
    expect(await refused('wire-literals.ts', 'src/shared/wire.ts')).toEqual([]);
  });
});
