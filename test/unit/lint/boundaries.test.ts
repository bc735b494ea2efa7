// Lint proves the layer boundaries: each fixture, linted as if it lived in a layer, is refused line by line.
import { describe, expect, it } from 'vitest';
import { refusedLines } from './lintFixture';

/** Lints a fixture as if it lived at `virtualPath`; returns the restricted-import errors by line. */
const restrictedImports = (fixture: string, virtualPath: string) =>
  refusedLines(fixture, virtualPath, 'no-restricted-imports');

// Type-aware linting builds a TypeScript program first: slow on a loaded machine, never a wait.
describe('lint boundaries', { timeout: 120_000 }, () => {
  it('refuses electron, node:*, better-sqlite3, main and demo-tenant imports in the renderer', async () => {
    expect(await restrictedImports('renderer-imports.tsx', 'src/renderer/src/App.tsx')).toEqual([3, 4, 5, 6, 7]);
  });

  it('refuses electron in src/main/core', async () => {
    expect(await restrictedImports('core-imports-electron.ts', 'src/main/core/runtime.ts')).toEqual([2]);
  });

  it('allows electron in src/main/app and src/preload', async () => {
    expect(await restrictedImports('core-imports-electron.ts', 'src/main/app/window.ts')).toEqual([]);
    expect(await restrictedImports('core-imports-electron.ts', 'src/preload/events.ts')).toEqual([]);
  });

  it('refuses node:* and electron in src/shared', async () => {
    expect(await restrictedImports('shared-imports-node.ts', 'src/shared/result.ts')).toEqual([2, 3]);
  });

  it('refuses core/handlers in a service, but not in the handler layer', async () => {
    expect(await restrictedImports('service-imports-handlers.ts', 'src/main/core/registration/service.ts')).toEqual([
      4,
    ]);
    expect(await restrictedImports('service-imports-handlers.ts', 'src/main/core/handlers/team.ts')).toEqual([]);
  });

  it('refuses src/main/core in the preload, but not the contract', async () => {
    expect(await restrictedImports('preload-imports-core.ts', 'src/preload/index.ts')).toEqual([4]);
  });

  it('refuses in the Graph gateway every import of the app but shared, log, net and itself', async () => {
    expect(await restrictedImports('gateway-imports-above.ts', 'src/main/core/graph/users.ts')).toEqual([
      9, 10, 11, 12,
    ]);
    // Elsewhere in core (here core/auth) the same imports are not the gateway rule's business.
    expect(await restrictedImports('gateway-imports-above.ts', 'src/main/core/auth/session.ts')).toEqual([]);
  });

  it('refuses src/main/app in src/main/core, but not core itself', async () => {
    expect(await restrictedImports('core-imports-app.ts', 'src/main/core/host/router.ts')).toEqual([4, 5]);
  });
});
