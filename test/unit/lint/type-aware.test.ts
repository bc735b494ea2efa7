// Every source tree (src/shared, src/main, src/preload, the renderer and the demo tenant) is linted with
// typescript-eslint's recommendedTypeChecked rules (eslint.config.mjs): an `any` from JSON.parse cannot flow
// into the contract's, main's or a screen's types unnoticed. The renderer and the demo tenant also get the
// switch rules: every switch over a union handles each member and ends in assertNever.
import { describe, expect, it } from 'vitest';
import { refusedLines } from './lintFixture';

// Type-aware linting builds a TypeScript program first: slow on a loaded machine, never a wait.
describe('type-aware lint', { timeout: 120_000 }, () => {
  it('refuses an unchecked any in src/shared', async () => {
    expect(
      await refusedLines('shared-unsafe-any.ts', 'src/shared/result.ts', '@typescript-eslint/no-unsafe-assignment'),
    ).toEqual([3]);
    expect(
      await refusedLines('shared-unsafe-any.ts', 'src/shared/result.ts', '@typescript-eslint/no-unsafe-return'),
    ).toEqual([4]);
  });

  it('refuses an unchecked any in src/main, src/preload, the renderer and the demo tenant', async () => {
    for (const file of [
      'src/main/core/log.ts',
      'src/preload/events.ts',
      'src/renderer/src/components/errorTitles.ts',
      'src/demo-tenant/never.ts',
    ]) {
      expect(await refusedLines('shared-unsafe-any.ts', file, '@typescript-eslint/no-unsafe-assignment')).toEqual([3]);
      expect(await refusedLines('shared-unsafe-any.ts', file, '@typescript-eslint/no-unsafe-return')).toEqual([4]);
    }
  });

  it('refuses a switch over a union that misses a member or does not end in assertNever (renderer, demo tenant)', async () => {
    for (const file of ['src/renderer/src/components/errorTitles.ts', 'src/demo-tenant/never.ts']) {
      const fixture = 'switch-without-assert-never.ts';
      expect(await refusedLines(fixture, file, '@typescript-eslint/switch-exhaustiveness-check')).toEqual([6]);
      expect(await refusedLines(fixture, file, 'resetline/switch-ends-in-assert-never')).toEqual([6, 17, 28]);
    }
  });
});
