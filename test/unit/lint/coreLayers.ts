// The directory-level import graph of src/main/core: each area (core/<area>, or a file at the top of
// core) is a node, and an area imports another when any of its files does (`import type` and
// re-exports included: a cycle of types is still a cycle). Read with TypeScript's own import scanner,
// so what counts as an import is what the compiler sees. Cycles are its strongly connected components.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import that crosses areas: the importing file and what it names, as written. */
export interface CrossImport {
  file: string;
  specifier: string;
}

/** from area → to area → the imports that make the edge. */
export type AreaGraph = Map<string, Map<string, CrossImport[]>>;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The area of a path under `coreDir`: its first folder, or the file itself at the top of core. */
function areaOf(coreDir: string, path: string): string | null {
  const rel = relative(coreDir, path);
  if (rel.startsWith('..') || rel === '') return null;
  const [first, ...rest] = rel.split(sep);
  if (!first) return null;
  return rest.length > 0 ? first : first.replace(/\.tsx?$/, '');
}

/** Every import of every file under `coreDir` that names another area of it. */
export function coreAreaGraph(coreDir: string): AreaGraph {
  const root = resolve(coreDir);
  const graph: AreaGraph = new Map();
  for (const file of tsFiles(root)) {
    const from = areaOf(root, file);
    if (!from) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const to = areaOf(root, resolve(dirname(file), specifier));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, CrossImport[]>();
      graph.set(from, edges);
      const list = edges.get(to) ?? [];
      edges.set(to, list);
      list.push({ file: relative(root, file).split(sep).join('/'), specifier });
    }
  }
  return graph;
}

/** The graph without the given edges ("from->to"). */
export function withoutEdges(graph: AreaGraph, edges: Iterable<string>): AreaGraph {
  const drop = new Set(edges);
  return new Map(
    [...graph].map(([from, tos]) => [from, new Map([...tos].filter(([to]) => !drop.has(`${from}->${to}`)))]),
  );
}

/** Areas that import each other, directly or round a loop: each strongly connected component of 2+ areas, sorted. */
export function areaCycles(graph: AreaGraph): string[][] {
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => a.join().localeCompare(b.join()));
}

/** A cycle said for a person: each edge inside it with the first import that makes it. */
export function describeCycle(graph: AreaGraph, cycle: readonly string[]): string {
  const inside = new Set(cycle);
  const lines = cycle.flatMap((from) =>
    [...(graph.get(from) ?? [])]
      .filter(([to]) => inside.has(to))
      .map(([to, imports]) => {
        const first = imports[0]!;
        const more = imports.length > 1 ? ` and ${imports.length - 1} more` : '';
        return `  ${from} -> ${to} (${first.file} imports '${first.specifier}'${more})`;
      }),
  );
  return `core/{${cycle.join(', ')}} import each other:\n${lines.join('\n')}`;
}
