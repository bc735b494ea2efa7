// The areas of src/main/core import one another one way only: read from the code itself (every import
// of every file, `import type` included), the directory-level graph of core/<area> has no cycle. The
// cycles the code still has are listed below, each by the import that goes back up, with the number of
// its entry in docs/architecture.md "Known deviations": the list may only shrink (an entry whose
// import is gone fails too, so it is deleted when the deviation is fixed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { areaCycles, coreAreaGraph, describeCycle, withoutEdges, type AreaGraph } from './coreLayers';

/** The imports that still go back up, as "from->to" between areas, with why each is allowed for now. */
const ALLOWED_BACK_EDGES: Record<string, string> = {
  // Deviation 3: the gateway calls back into auth (graph/client.ts imports auth/agentAuth.ts
  // `mapMsalError`, while auth/session.ts builds the Graph client).
  'graph->auth': 'deviation 3',
  // Deviation 4: the gateway imports a service rule (graph/callerCard.ts and graph/users.ts import
  // verify/cardFields.ts).
  'graph->verify': 'deviation 4',
  // Deviation 14: a call's state and CallerCore hold verification's parts (call/state.ts, call/core.ts,
  // call/service.ts import core/verify), while verification acts within a call (verify → call).
  'call->verify': 'deviation 14',
  // Deviation 15: tenant/connection.ts reads the clouds' endpoints from auth/clouds.ts, while
  // auth/session.ts connects the tenant.
  'tenant->auth': 'deviation 15',
  // Deviation 16: the registry of job kinds (jobs/kinds.ts) imports core/registration, which imports
  // core/policy, whose refresh job imports core/jobs.
  'jobs->registration': 'deviation 16',
};

const coreDir = join(__dirname, '../../../src/main/core');

function cyclesOf(graph: AreaGraph): string[] {
  return areaCycles(graph).map((cycle) => describeCycle(graph, cycle));
}

describe('core areas import one way only', () => {
  const graph = coreAreaGraph(coreDir);

  it('has no cycle between areas but the listed deviations', () => {
    expect(cyclesOf(withoutEdges(graph, Object.keys(ALLOWED_BACK_EDGES))).join('\n')).toBe('');
  });

  it('lists only back edges the code still has (the list only shrinks)', () => {
    const gone = Object.keys(ALLOWED_BACK_EDGES).filter((edge) => {
      const [from, to] = edge.split('->') as [string, string];
      return !graph.get(from)?.has(to);
    });
    expect(gone, 'fixed: delete these from ALLOWED_BACK_EDGES and mark their deviation resolved').toEqual([]);
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
