// src/shared, src/main and src/preload are linted with typescript-eslint's recommendedTypeChecked rules
// (eslint.config.mjs): an `any` from JSON.parse cannot flow into the contract's or main's types unnoticed.
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

  it('refuses an unchecked any in src/main and src/preload', async () => {
    for (const file of ['src/main/core/log.ts', 'src/preload/events.ts']) {
      expect(await refusedLines('shared-unsafe-any.ts', file, '@typescript-eslint/no-unsafe-assignment')).toEqual([3]);
      expect(await refusedLines('shared-unsafe-any.ts', file, '@typescript-eslint/no-unsafe-return')).toEqual([4]);
    }
  });
});
