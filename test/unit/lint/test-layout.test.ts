// Tests mirror src/ (CONTRIBUTING.md): a unit or integration test lives in the folder named after the
// src area it tests (src/main/core/<area>, or one of the few areas outside core below), so a module's
// tests are found by its path; shared helpers live in test/support/.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Areas outside src/main/core, and what each holds. */
const OTHER_AREAS: Record<string, string> = {
  'demo-tenant': 'src/demo-tenant',
  shared: 'src/shared',
  shell: 'src/main/app, src/preload, scripts/ and bench/',
  lint: 'eslint.config.mjs rules',
};
/** Modules at the top of src/main/core, tested at the top of a suite. */
const TOP_LEVEL_TESTS = ['log.test.ts'];

const dirs = (path: string) =>
  readdirSync(path, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
const coreAreas = dirs(join('src', 'main', 'core'));

describe.each(['unit', 'integration'])('test/%s', (suite) => {
  const root = join('test', suite);
  const entries = readdirSync(root, { withFileTypes: true });

  it('has a folder per src area and nothing else', () => {
    const misplaced = entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .filter((name) => !coreAreas.includes(name) && !(name in OTHER_AREAS));
    expect(misplaced, `folders that name no src area (src/main/core has: ${coreAreas.join(', ')})`).toEqual([]);
  });

  it('keeps no test file at its top but those of modules at the top of src/main/core', () => {
    const loose = entries.filter((e) => e.isFile() && !TOP_LEVEL_TESTS.includes(e.name)).map((e) => e.name);
    expect(loose).toEqual([]);
  });
});

describe('the layout rule itself', () => {
  it('knows the areas it checks against', () => {
    // A rule that knew no areas would pass anything: src/main/core must list its areas.
    expect(coreAreas).toEqual(expect.arrayContaining(['audit', 'call', 'forwarding', 'reset', 'verify']));
  });
});
