// The areas of src/main/core import one another one way only: read from the code itself (every import
// of every file, `import type` included), the directory-level graph of core/<area> has no cycle. The
// cycles the code still has are listed below, each by the import that goes back up, with the number of
// its entry in docs/architecture.md "Known deviations": the list may only shrink (an entry whose
// import is gone fails too, so it is deleted when the deviation is fixed).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { areaCycles, coreAreaGraph, describeCycle, withoutEdges, type AreaGraph } from './coreLayers';

/**
 * The imports that still go back up, as "from->to" between areas: the deviation that lists them, and
 * exactly the files that import that way (a new file taking the way back up fails as surely as a cycle).
 */
const ALLOWED_BACK_EDGES: Record<string, { deviation: number; files: string[] }> = {};

const coreDir = join(__dirname, '../../../src/main/core');

function cyclesOf(graph: AreaGraph): string[] {
  return areaCycles(graph).map((cycle) => describeCycle(graph, cycle));
}

describe('core areas import one way only', () => {
  const graph = coreAreaGraph(coreDir);

  it('has no cycle between areas but the listed deviations', () => {
    expect(cyclesOf(withoutEdges(graph, Object.keys(ALLOWED_BACK_EDGES))).join('\n')).toBe('');
  });

  it('lists exactly the files that still go back up (the list only shrinks)', () => {
    const importing = Object.fromEntries(
      Object.keys(ALLOWED_BACK_EDGES).map((edge) => {
        const [from, to] = edge.split('->') as [string, string];
        return [edge, [...new Set((graph.get(from)?.get(to) ?? []).map((i) => i.file))].sort()];
      }),
    );
    const listed = Object.fromEntries(Object.entries(ALLOWED_BACK_EDGES).map(([edge, { files }]) => [edge, files]));
    // A file gone from an edge: delete it here (and the edge, its deviation resolved, once none is left).
    // A file new on an edge: it takes a way back up; import the other way instead.
    expect(importing).toEqual(listed);
  });

  it('names for each a deviation docs/architecture.md lists as open', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/architecture.md'), 'utf8');
    const known = doc.slice(doc.indexOf('## Known deviations'));
    const entries = Object.values(ALLOWED_BACK_EDGES).map(({ deviation }) => {
      const entry = new RegExp(`^ ?${deviation}\\. \\*\\*(.*)`, 'm').exec(known);
      return { deviation, listed: entry !== null, resolved: entry?.[1]?.startsWith('(Resolved)') ?? false };
    });
    expect(entries.filter((e) => !e.listed || e.resolved)).toEqual([]);
  });

  it('lists only edges that close a cycle (an allowed edge is a way back up, not a way down)', () => {
    const needless = Object.keys(ALLOWED_BACK_EDGES).filter((edge) => {
      const others = Object.keys(ALLOWED_BACK_EDGES).filter((e) => e !== edge);
      return areaCycles(withoutEdges(graph, others)).length === 0;
    });
    expect(needless).toEqual([]);
  });

  it('keeps call, reset and eligibility, and verify and settings, one way', () => {
    const edge = (from: string, to: string) => graph.get(from)?.has(to) ?? false;
    expect({
      'call->reset': edge('call', 'reset'),
      'reset->call': edge('reset', 'call'),
      'eligibility->call': edge('eligibility', 'call'),
      'eligibility->reset': edge('eligibility', 'reset'),
      'settings->verify': edge('settings', 'verify'),
      'verify->settings': edge('verify', 'settings'),
      'settings->forwarding': edge('settings', 'forwarding'),
    }).toEqual({
      'call->reset': false,
      'reset->call': true,
      'eligibility->call': false,
      'eligibility->reset': false,
      'settings->verify': false,
      'verify->settings': true,
      'settings->forwarding': false,
    });
  });
});

describe('the cycle check itself', () => {
  const root = mkdtempSync(join(tmpdir(), 'resetline-core-layers-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function tree(files: Record<string, string>): string {
    const dir = mkdtempSync(join(root, 'core-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it('finds two areas that import each other, even by a type only, and names the imports', () => {
    const dir = tree({
      'reset/service.ts': "import { withinCloud } from '../call/service';\nexport const run = withinCloud;\n",
      'call/service.ts': "import type { GuardTarget } from '../reset/guard';\nexport const withinCloud = 1;\n",
      'reset/guard.ts': 'export interface GuardTarget { id: string }\n',
    });
    const graph = coreAreaGraph(dir);
    expect(areaCycles(graph)).toEqual([['call', 'reset']]);
    expect(cyclesOf(graph)).toEqual([
      "core/{call, reset} import each other:\n  call -> reset (call/service.ts imports '../reset/guard')\n" +
        "  reset -> call (reset/service.ts imports '../call/service')",
    ]);
  });

  it('finds a cycle round three areas, and none once the way back is removed', () => {
    const dir = tree({
      'a/x.ts': "export * from '../b/y';\n",
      'b/y.ts': "import '../c/z';\nexport const y = 1;\n",
      'c/z.ts': "import { x } from '../a/x';\nimport { top } from '../top';\nexport const z = [x, top];\n",
      'top.ts': 'export const top = 1;\n',
      'a/inner.ts': "import { x } from './x';\nexport const inner = x;\n",
    });
    const graph = coreAreaGraph(dir);
    expect(areaCycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(areaCycles(withoutEdges(graph, ['c->a']))).toEqual([]);
    // A file at the top of core is an area of its own; an import within an area is no edge.
    expect([...(graph.get('c')?.keys() ?? [])].sort()).toEqual(['a', 'top']);
    expect(graph.get('a')?.has('a')).toBe(false);
  });

  it('finds no cycle where imports go one way', () => {
    const dir = tree({
      'reset/service.ts': "import { withinCloud } from '../eligibility/caller';\nimport '../call/state';\n",
      'call/state.ts': "import type { GuardTarget } from '../eligibility/guard';\n",
      'eligibility/caller.ts': "import type { GuardTarget } from './guard';\n",
      'eligibility/guard.ts': 'export interface GuardTarget { id: string }\n',
    });
    expect(areaCycles(coreAreaGraph(dir))).toEqual([]);
  });
});
