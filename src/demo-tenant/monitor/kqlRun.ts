// Evaluates a parsed query of the demo workspace's KQL subset (kql.ts: the grammar, the tokenizer, the
// parser and the KQL reference pages each rule follows) over a table's rows.
import {
  KqlSyntaxError,
  type Column,
  type ColumnType,
  type Cond,
  type Literal,
  type ParsedQuery,
  type Row,
} from './kql';

function comparable(v: unknown, type: ColumnType | undefined): unknown {
  if (type === 'datetime' && typeof v === 'string') return Date.parse(v);
  return v;
}
function literalValue(l: Literal): unknown {
  return typeof l === 'object' ? l.datetime : l;
}
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}
function hasTerm(value: unknown, term: string): boolean {
  if (value === null || value === undefined) return false;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const escaped = term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text.toLowerCase());
}

const IN_SETS = new WeakMap<object, Set<unknown>>();
/** An `in` list's values as a set, built once per parsed condition. */
function inSet(cond: { values: Literal[] }): Set<unknown> {
  let set = IN_SETS.get(cond);
  if (!set) {
    set = new Set(cond.values.map(literalValue));
    IN_SETS.set(cond, set);
  }
  return set;
}

/** Whether a term of `value` (letters and digits) starts with `prefix`, in any case. */
function hasPrefix(value: unknown, prefix: string): boolean {
  if (value === null || value === undefined) return false;
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).toLowerCase();
  const p = prefix.toLowerCase();
  return text.split(/[^\p{L}\p{N}]+/u).some((t) => t.startsWith(p));
}

/** A dynamic column's property: stored as JSON or as its text. */
function property(value: unknown, path: readonly string[]): unknown {
  let v: unknown = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return undefined;
    }
  }
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

export interface QueryResult {
  columns: Column[];
  rows: unknown[][];
}

function need(columns: Column[], name: string): Column {
  const c = columns.find((x) => x.name === name);
  if (!c) throw new KqlSyntaxError(`'${name}' is not a column here`);
  return c;
}

function matches(row: Row, cond: Cond, columns: Column[]): boolean {
  if (cond.op === 'or') return cond.conds.some((c) => matches(row, c, columns));
  const type = need(columns, cond.col).type;
  if (cond.op === '==' && cond.path) {
    if (type !== 'dynamic') throw new KqlSyntaxError(`'${cond.col}' is not a dynamic column`);
    return property(row[cond.col], cond.path) === literalValue(cond.value);
  }
  const v = comparable(row[cond.col], type);
  switch (cond.op) {
    case 'in':
      return inSet(cond).has(v);
    case 'has':
      return hasTerm(row[cond.col], cond.term);
    case 'hasprefix':
      return hasPrefix(row[cond.col], cond.term);
    case 'startswith':
      return typeof v === 'string' && v.toLowerCase().startsWith(cond.term.toLowerCase());
    case '=~':
      return typeof v === 'string' && typeof cond.value === 'string' && v.toLowerCase() === cond.value.toLowerCase();
    case 'set_has_element': {
      if (type !== 'dynamic') throw new KqlSyntaxError(`'${cond.col}' is not a dynamic column`);
      const set = property(row[cond.col], cond.path);
      return Array.isArray(set) && set.some((x) => x === literalValue(cond.value));
    }
    default: {
      if (v === null || v === undefined) return cond.op === '!=';
      const c = compare(v, literalValue(cond.value));
      const ops = { '==': c === 0, '!=': c !== 0, '>=': c >= 0, '<=': c <= 0, '>': c > 0, '<': c < 0 };
      return ops[cond.op];
    }
  }
}

/** A group value rounded down to its bin: a datetime to the span (ms), a number to a multiple of it. */
function binned(v: unknown, type: ColumnType, bin: number | undefined): unknown {
  if (bin === undefined || v === null) return v;
  if (type === 'datetime') return new Date(Math.floor(Date.parse(String(v)) / bin) * bin).toISOString();
  if (typeof v === 'number') return Math.floor(v / bin) * bin;
  throw new KqlSyntaxError('bin() takes a number or a datetime');
}

/** Runs a parsed query over the rows of `table` (whose columns are given); throws KqlSyntaxError on a bad name. */
export function runKql(q: ParsedQuery, columns: Column[], input: readonly Row[]): QueryResult {
  let cols = columns;
  let rows: Row[] = [...input];
  for (const op of q.ops) {
    switch (op.kind) {
      case 'where':
        rows = rows.filter((r) => op.conds.every((c) => matches(r, c, cols)));
        break;
      case 'order': {
        const types = op.keys.map((k) => need(cols, k.col).type);
        // Each row's sort keys read once (a datetime parsed once, not at every comparison).
        const keyed = rows.map((row) => ({ row, keys: op.keys.map((k, i) => comparable(row[k.col], types[i])) }));
        keyed.sort((a, b) => {
          for (const [i, k] of op.keys.entries()) {
            const c = compare(a.keys[i], b.keys[i]);
            if (c !== 0) return k.desc ? -c : c;
          }
          return 0;
        });
        rows = keyed.map((x) => x.row);
        if (op.top !== undefined) rows = rows.slice(0, op.top);
        break;
      }
      case 'take':
        rows = rows.slice(0, op.n);
        break;
      case 'summarize': {
        const by = op.by.map((g) => ({ ...g, column: need(cols, g.col) }));
        const value = (r: Row, g: (typeof by)[number]): unknown => binned(r[g.col] ?? null, g.column.type, g.bin);
        const groups = new Map<string, { row: Row; n: number }>();
        for (const r of rows) {
          const values = by.map((g) => value(r, g));
          const key = JSON.stringify(values);
          const g = groups.get(key) ?? { row: Object.fromEntries(by.map((b, i) => [b.col, values[i]])), n: 0 };
          g.n++;
          groups.set(key, g);
        }
        rows = [...groups.values()].map((g) => ({ ...g.row, count_: g.n }));
        cols = [...by.map((g) => g.column), { name: 'count_', type: 'long' }];
        break;
      }
      case 'arg_min': {
        const key = need(cols, op.by);
        const of = need(cols, op.of);
        const best = new Map<unknown, Row>();
        for (const r of rows) {
          const k = r[key.name] ?? null;
          const held = best.get(k);
          if (!held || compare(comparable(r[of.name], of.type), comparable(held[of.name], of.type)) < 0) best.set(k, r);
        }
        rows = [...best.values()];
        cols = [key, of, ...cols.filter((c) => c.name !== key.name && c.name !== of.name)];
        break;
      }
      case 'serialize':
        // The row number over the row itself (its prototype): no copy of every column per row.
        rows = rows.map((r, i) => Object.assign(Object.create(r) as Row, { [op.name]: i + 1 }));
        cols = [...cols.filter((c) => c.name !== op.name), { name: op.name, type: 'long' }];
        break;
      case 'project':
        cols = op.cols.map((n) => need(cols, n));
        break;
    }
  }
  return { columns: cols, rows: rows.map((r) => cols.map((c) => r[c.name] ?? null)) };
}
