// $search on directory objects: `"property:term"` clauses joined by AND/OR, matched as Entra's
// tokenized prefix search (each word of the value, split on spaces, punctuation and case changes).
import { unsupportedQuery } from './odata';
import { assertNever } from '../never';

export type SearchNode = { t: 'and' | 'or'; l: SearchNode; r: SearchNode } | { t: 'term'; prop: string; term: string };

export function parseSearch(src: string, searchable: readonly string[]): SearchNode {
  const re = /\s*(?:"([^"]*)"|(AND|OR)\b)\s*/giy;
  const parts: (string | { clause: string })[] = [];
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(src)) !== null) {
    if (m[0] === '') break;
    last = re.lastIndex;
    if (m[1] !== undefined) parts.push({ clause: m[1] });
    else if (m[2] !== undefined) parts.push(m[2].toUpperCase());
  }
  if (last !== src.length || parts.length === 0) throw syntax(src);
  const clause = (p: string | { clause: string } | undefined): SearchNode => {
    if (p === undefined || typeof p === 'string') throw syntax(src);
    const colon = p.clause.indexOf(':');
    if (colon <= 0) throw syntax(src);
    const prop = p.clause.slice(0, colon).trim();
    const term = p.clause.slice(colon + 1).trim();
    const known = searchable.find((s) => s.toLowerCase() === prop.toLowerCase());
    if (!known)
      throw unsupportedQuery(
        `Unsupported or invalid query filter clause specified for property '${prop}' of resource 'User'. $search is not supported on this property.`,
      );
    return { t: 'term', prop: known, term };
  };
  // AND binds tighter than OR, as in Graph.
  let i = 0;
  const andExpr = (): SearchNode => {
    let l = clause(parts[i++]);
    while (parts[i] === 'AND') {
      i++;
      l = { t: 'and', l, r: clause(parts[i++]) };
    }
    return l;
  };
  let node = andExpr();
  while (parts[i] === 'OR') {
    i++;
    node = { t: 'or', l: node, r: andExpr() };
  }
  if (i !== parts.length) throw syntax(src);
  return node;
}

function syntax(src: string): Error {
  return unsupportedQuery(`Syntax error: invalid $search expression '${src}'. Use "property:value" clauses.`);
}

/** Splits into lower-cased tokens on non-alphanumerics and lower→upper case changes. */
export function tokens(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function matchesSearch(node: SearchNode, get: (prop: string) => unknown): boolean {
  switch (node.t) {
    case 'and':
      return matchesSearch(node.l, get) && matchesSearch(node.r, get);
    case 'or':
      return matchesSearch(node.l, get) || matchesSearch(node.r, get);
    case 'term': {
      const v = get(node.prop);
      if (typeof v !== 'string') return false;
      const want = tokens(node.term);
      if (want.length === 0) return true;
      const have = tokens(v);
      // Every word of the term must prefix-match some word of the value, in order-insensitive fashion.
      return (
        want.every((w) => have.some((h) => h.startsWith(w))) || v.toLowerCase().startsWith(node.term.toLowerCase())
      );
    }
    default:
      return assertNever(node, 'search node');
  }
}
