// Evaluates a parsed query of the demo workspace's KQL subset (kql.ts: the grammar, the tokenizer, the
// parser and the KQL reference pages each rule follows) over a table's rows.
import {
  KqlSyntaxError,
  type Agg,
  type Column,
  type ColumnType,
  type ColumnRef,
  type Cond,
  type Literal,
  type ParsedQuery,
  type Row,
} from './kql';
import { assertNever } from '../never';

function comparable(v: unknown, type: ColumnType | undefined): unknown {
  if (type === 'datetime' && typeof v === 'string') return Date.parse(v);
  return v;
}
function literalValue(l: Literal): unknown {
  return typeof l === 'object' ? l.datetime : l;
}
/** A comparison's right side in this row: a literal, or another column's value (plus a number). */
function operandValue(o: Literal | ColumnRef, row: Row, columns: Column[]): unknown {
  if (typeof o !== 'object' || !('ref' in o)) return literalValue(o);
  const c = need(columns, o.ref);
  const v = comparable(row[o.ref], c.type);
  if (o.plus === 0) return v;
  return typeof v === 'number' ? v + o.plus : null;
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

const BY_NAME = new WeakMap<Column[], Map<string, Column>>();
function need(columns: Column[], name: string): Column {
  // Looked up for every row a condition reads: the columns by name, built once per column list.
  let byName = BY_NAME.get(columns);
  if (!byName) {
    byName = new Map(columns.map((c) => [c.name, c]));
    BY_NAME.set(columns, byName);
  }
  const c = byName.get(name);
  if (!c) throw new KqlSyntaxError(`'${name}' is not a column here`);
  return c;
}

function matches(row: Row, cond: Cond, columns: Column[]): boolean {
  if (cond.op === 'or') return cond.conds.some((c) => matches(row, c, columns));
  const type = need(columns, cond.col).type;
  if (cond.op === '==' && cond.path) {
    if (type !== 'dynamic') throw new KqlSyntaxError(`'${cond.col}' is not a dynamic column`);
    return property(row[cond.col], cond.path) === operandValue(cond.value, row, columns);
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
    case '==':
    case '!=':
    case '>=':
    case '<=':
    case '>':
    case '<': {
      const w = operandValue(cond.value, row, columns);
      if (v === null || v === undefined || w === null || w === undefined) return cond.op === '!=';
      const c = compare(v, w);
      return holds(cond.op, c);
    }
    default:
      return assertNever(cond, 'condition');
  }
}

/** Whether a comparison holds, given compare()'s answer (no object per row: where runs over every row). */
function holds(op: '==' | '!=' | '>=' | '<=' | '>' | '<', c: number): boolean {
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    default:
      return assertNever(op, 'comparison');
  }
}

/** A group value rounded down to its bin: a datetime to the span (ms), a number to a multiple of it. */
function binned(v: unknown, type: ColumnType, bin: number | undefined): unknown {
  if (bin === undefined || v === null) return v;
  if (type === 'datetime') {
    const at = typeof v === 'string' ? Date.parse(v) : v instanceof Date ? v.getTime() : Number.NaN;
    if (Number.isNaN(at)) throw new KqlSyntaxError('bin() takes a number or a datetime');
    return new Date(Math.floor(at / bin) * bin).toISOString();
  }
  if (typeof v === 'number') return Math.floor(v / bin) * bin;
  throw new KqlSyntaxError('bin() takes a number or a datetime');
}

/** An aggregate's output column: the counts and sums are longs, min/max/minif keep their column's type. */
function aggColumn(a: Agg, columns: Column[]): Column {
  switch (a.fn) {
    case 'count':
    case 'countif':
      return { name: a.name, type: 'long' };
    case 'sum':
    case 'sumif': {
      const c = need(columns, a.col);
      if (c.type !== 'long' && c.type !== 'real') throw new KqlSyntaxError(`sum() takes a number, not '${a.col}'`);
      return { name: a.name, type: c.type };
    }
    case 'min':
    case 'max':
    case 'minif':
      return { name: a.name, type: need(columns, a.col).type };
    default:
      return assertNever(a, 'aggregate');
  }
}

/**
 * An aggregate computed over a group's rows one row at a time: its state starts at `init` and each row
 * steps it (one kernel per aggregate, plain values per group: a million groups make no closures).
 */
interface Kernel {
  init: unknown;
  step(state: unknown, row: Row): unknown;
}

/** A count, a sum (0 over no row), or a least/greatest value (null over no row). */
function kernel(a: Agg, columns: Column[]): Kernel {
  const picks = 'pred' in a ? (r: Row) => a.pred.every((c) => matches(r, c, columns)) : () => true;
  if (a.fn === 'count' || a.fn === 'countif') return { init: 0, step: (n, r) => (picks(r) ? (n as number) + 1 : n) };
  const col = a.col;
  if (a.fn === 'sum' || a.fn === 'sumif') {
    return {
      init: 0,
      step: (sum, r) => {
        const v = r[col];
        return v !== null && v !== undefined && picks(r) ? (sum as number) + Number(v) : sum;
      },
    };
  }
  const type = need(columns, col).type;
  const sign = a.fn === 'max' ? 1 : -1;
  return {
    init: null,
    step: (best, r) => {
      const v = r[col];
      if (v === null || v === undefined || !picks(r)) return best;
      return best === null || compare(comparable(v, type), comparable(best, type)) * sign > 0 ? v : best;
    },
  };
}

/** Runs a parsed query over the rows of `table` (whose columns are given); throws KqlSyntaxError on a bad name. */
export function runKql(q: ParsedQuery, columns: Column[], input: readonly Row[]): QueryResult {
  let cols = columns;
  let rows: Row[] = [...input];
  // Whether the rows have an order prev() may use: after `sort`/`order` or `serialize`, not after a summarize.
  let serialized = false;
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
          // An index loop: a sort of 1,000,000 rows compares ~20,000,000 times, an iterator each would be garbage.
          for (let i = 0; i < op.keys.length; i++) {
            const c = compare(a.keys[i], b.keys[i]);
            if (c !== 0) return op.keys[i]?.desc ? -c : c;
          }
          return 0;
        });
        rows = keyed.map((x) => x.row);
        if (op.top !== undefined) rows = rows.slice(0, op.top);
        serialized = true;
        break;
      }
      case 'take':
        rows = rows.slice(0, op.n);
        break;
      case 'summarize': {
        const by = op.by.map((g) => ({ ...g, column: need(cols, g.col) }));
        const value = (r: Row, g: (typeof by)[number]): unknown => binned(r[g.col] ?? null, g.column.type, g.bin);
        const before = cols;
        const aggCols = op.aggs.map((a) => aggColumn(a, before));
        const kernels = op.aggs.map((a) => kernel(a, before));
        const groups = new Map<string, { values: unknown[]; states: unknown[] }>();
        for (const r of rows) {
          const values = by.map((g) => value(r, g));
          const key = JSON.stringify(values);
          let g = groups.get(key);
          if (!g) {
            g = { values, states: kernels.map((k) => k.init) };
            groups.set(key, g);
          }
          for (let i = 0; i < kernels.length; i++) g.states[i] = (kernels[i] as Kernel).step(g.states[i], r);
        }
        rows = [...groups.values()].map((g) => {
          const out: Row = {};
          by.forEach((b, i) => (out[b.col] = g.values[i]));
          op.aggs.forEach((a, i) => (out[a.name] = g.states[i] ?? null));
          return out;
        });
        cols = [...by.map((g) => g.column), ...aggCols];
        serialized = false;
        break;
      }
      case 'prev': {
        if (!serialized)
          throw new KqlSyntaxError("The function 'prev' needs a serialized row set: sort the rows before it.");
        const of = op.cols.map((c) => ({ ...c, column: need(cols, c.of) }));
        // Plain rows of the columns in scope and the new ones (a prototype chain here makes every later read slow).
        const keep = cols.map((c) => c.name);
        const input = rows;
        rows = input.map((r, i) => {
          const before = i === 0 ? undefined : input[i - 1];
          const out: Row = {};
          for (const name of keep) out[name] = r[name];
          for (const c of of) out[c.name] = before === undefined ? null : (before[c.of] ?? null);
          return out;
        });
        const names = new Set(of.map((c) => c.name));
        cols = [...cols.filter((c) => !names.has(c.name)), ...of.map((c) => ({ name: c.name, type: c.column.type }))];
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
        serialized = false;
        break;
      }
      case 'serialize':
        // A copy of each row with its number. Not Object.create(row): V8 turns an object used as a prototype
        // into a slow one for good, and these are the workspace's stored rows (every later query slowed 2-6×).
        rows = rows.map((r, i) => ({ ...r, [op.name]: i + 1 }));
        cols = [...cols.filter((c) => c.name !== op.name), { name: op.name, type: 'long' }];
        serialized = true;
        break;
      case 'project':
        cols = op.cols.map((n) => need(cols, n));
        break;
      default:
        assertNever(op, 'operator');
    }
  }
  return { columns: cols, rows: rows.map((r) => cols.map((c) => r[c.name] ?? null)) };
}
