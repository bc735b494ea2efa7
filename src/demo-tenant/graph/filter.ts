// An OData $filter parser and evaluator for the subset Graph supports on the resources we serve:
// eq/ne/gt/ge/lt/le, in, startswith/endswith, and/or/not, parentheses, and any() lambdas.
import { GraphError } from './errors';
import { assertNever } from '../never';

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type Literal = string | number | boolean | null;

export type FilterNode =
  | { t: 'and' | 'or'; l: FilterNode; r: FilterNode }
  | { t: 'not'; e: FilterNode }
  | { t: 'cmp'; op: CompareOp; path: string[]; value: Literal }
  | { t: 'in'; path: string[]; values: Literal[] }
  | { t: 'fn'; name: 'startswith' | 'endswith'; path: string[]; value: string }
  | { t: 'any'; path: string[]; variable: string; body: FilterNode };

export class FilterSyntaxError extends GraphError {
  constructor(message: string) {
    super(400, 'BadRequest', `Invalid filter clause: ${message}`);
    this.name = 'FilterSyntaxError';
  }
}

type Token = { k: 'punct'; v: '(' | ')' | ',' | ':' | '/' } | { k: 'str'; v: string } | { k: 'word'; v: string };

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === ',' || c === ':' || c === '/') {
      out.push({ k: 'punct', v: c });
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError('unterminated string literal');
        const d = src.charAt(i);
        if (d === "'") {
          // OData escapes a quote by doubling it.
          if (src.charAt(i + 1) === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += d;
        i++;
      }
      out.push({ k: 'str', v: s });
    } else {
      // Dates/numbers may contain ':' '-' '+' '.', identifiers may contain '.' (casts) and '$'.
      const numeric = /[0-9-]/.test(c);
      const re = numeric ? /[0-9A-Za-z:.+-]/ : /[A-Za-z0-9_.$]/;
      let j = i;
      while (j < src.length && re.test(src.charAt(j))) j++;
      if (j === i) throw new FilterSyntaxError(`unexpected character '${c}'`);
      out.push({ k: 'word', v: src.slice(i, j) });
      i = j;
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  parse(): FilterNode {
    const n = this.or();
    if (this.pos !== this.toks.length) throw new FilterSyntaxError(`unexpected '${this.show(this.peek())}'`);
    return n;
  }

  private peek(): Token | undefined {
    return this.toks[this.pos];
  }
  private show(t: Token | undefined): string {
    return t === undefined ? 'end of input' : t.v;
  }
  private isWord(w: string): boolean {
    const t = this.peek();
    return t?.k === 'word' && t.v.toLowerCase() === w;
  }
  private expect(v: string): void {
    const t = this.peek();
    if (!t || t.k !== 'punct' || t.v !== v) throw new FilterSyntaxError(`expected '${v}' but found '${this.show(t)}'`);
    this.pos++;
  }

  private or(): FilterNode {
    let l = this.and();
    while (this.isWord('or')) {
      this.pos++;
      l = { t: 'or', l, r: this.and() };
    }
    return l;
  }
  private and(): FilterNode {
    let l = this.unary();
    while (this.isWord('and')) {
      this.pos++;
      l = { t: 'and', l, r: this.unary() };
    }
    return l;
  }
  private unary(): FilterNode {
    if (this.isWord('not')) {
      this.pos++;
      return { t: 'not', e: this.unary() };
    }
    const t = this.peek();
    if (t?.k === 'punct' && t.v === '(') {
      this.pos++;
      const e = this.or();
      this.expect(')');
      return e;
    }
    return this.primary();
  }

  private path(): string[] {
    const t = this.peek();
    if (t?.k !== 'word') throw new FilterSyntaxError(`expected a property but found '${this.show(t)}'`);
    this.pos++;
    const parts = [t.v];
    while (this.peek()?.k === 'punct' && this.peek()?.v === '/') {
      const next = this.toks[this.pos + 1];
      if (next?.k !== 'word') throw new FilterSyntaxError('expected a property after /');
      if (next.v.toLowerCase() === 'any' || next.v.toLowerCase() === 'all') break;
      this.pos += 2;
      parts.push(next.v);
    }
    return parts;
  }

  private literal(): Literal {
    const t = this.peek();
    if (!t) throw new FilterSyntaxError('expected a value');
    this.pos++;
    if (t.k === 'str') return t.v;
    if (t.k === 'punct') throw new FilterSyntaxError(`expected a value but found '${t.v}'`);
    const w = t.v;
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
    // Unquoted DateTimeOffset literals, as Graph accepts for activityDateTime.
    if (/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(w)) return w;
    throw new FilterSyntaxError(`'${w}' is not a valid literal`);
  }

  private primary(): FilterNode {
    const t = this.peek();
    const next = this.toks[this.pos + 1];
    if (t?.k === 'word' && next?.k === 'punct' && next.v === '(') {
      const name = t.v.toLowerCase();
      if (name !== 'startswith' && name !== 'endswith') throw new FilterSyntaxError(`unsupported function '${t.v}'`);
      this.pos += 2;
      const path = this.path();
      this.expect(',');
      const v = this.literal();
      if (typeof v !== 'string') throw new FilterSyntaxError(`${name} needs a string`);
      this.expect(')');
      return { t: 'fn', name, path, value: v };
    }
    const path = this.path();
    const after = this.peek();
    if (after?.k === 'punct' && after.v === '/') {
      // path/any(x: body)
      this.pos++;
      const kw = this.peek();
      if (kw?.k !== 'word' || kw.v.toLowerCase() !== 'any')
        throw new FilterSyntaxError('only any() lambdas are supported');
      this.pos++;
      this.expect('(');
      const v = this.peek();
      if (v?.k !== 'word') throw new FilterSyntaxError('expected a lambda variable');
      this.pos++;
      this.expect(':');
      const body = this.or();
      this.expect(')');
      return { t: 'any', path, variable: v.v, body };
    }
    const opTok = this.peek();
    if (opTok?.k !== 'word') throw new FilterSyntaxError(`expected an operator after '${path.join('/')}'`);
    const op = opTok.v.toLowerCase();
    this.pos++;
    if (op === 'in') {
      this.expect('(');
      const values: Literal[] = [this.literal()];
      while (this.peek()?.k === 'punct' && this.peek()?.v === ',') {
        this.pos++;
        values.push(this.literal());
      }
      this.expect(')');
      return { t: 'in', path, values };
    }
    if (op === 'eq' || op === 'ne' || op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') {
      return { t: 'cmp', op, path, value: this.literal() };
    }
    throw new FilterSyntaxError(`unsupported operator '${opTok.v}'`);
  }
}

export function parseFilter(src: string): FilterNode {
  if (src.trim() === '') throw new FilterSyntaxError('empty filter');
  return new Parser(lex(src)).parse();
}

/** Reads a (possibly nested) property; `scope` holds lambda variables. */
export type Getter = (record: unknown, path: string[], scope: ReadonlyMap<string, unknown>) => unknown;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;

function compare(a: unknown, op: CompareOp, b: Literal): boolean {
  if (op === 'eq') return eqValue(a, b);
  if (op === 'ne') return !eqValue(a, b);
  if (a === null || a === undefined || b === null) return false;
  const dates = typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b);
  // Timestamps compare as instants, so "…:00.123Z" and "…:00Z" order correctly.
  const x = dates ? Date.parse(a) : typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() : a;
  const y = dates ? Date.parse(b) : typeof a === 'string' && typeof b === 'string' ? b.toLowerCase() : b;
  if (typeof x !== typeof y) return false;
  switch (op) {
    case 'gt':
      return (x as string | number) > (y as string | number);
    case 'ge':
      return (x as string | number) >= (y as string | number);
    case 'lt':
      return (x as string | number) < (y as string | number);
    case 'le':
      return (x as string | number) <= (y as string | number);
    default:
      return assertNever(op, 'comparison');
  }
}

function eqValue(a: unknown, b: Literal): boolean {
  if (b === null) return a === null || a === undefined;
  // Directory string comparisons are case-insensitive.
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

export function evaluate(
  node: FilterNode,
  record: unknown,
  get: Getter,
  scope: ReadonlyMap<string, unknown> = new Map(),
): boolean {
  switch (node.t) {
    case 'and':
      return evaluate(node.l, record, get, scope) && evaluate(node.r, record, get, scope);
    case 'or':
      return evaluate(node.l, record, get, scope) || evaluate(node.r, record, get, scope);
    case 'not':
      return !evaluate(node.e, record, get, scope);
    case 'cmp': {
      const v = get(record, node.path, scope);
      // A bare collection property compared with eq means "any element equals" (e.g. businessPhones).
      if (Array.isArray(v))
        return node.op === 'eq' ? v.some((x) => eqValue(x, node.value)) : !v.some((x) => eqValue(x, node.value));
      return compare(v, node.op, node.value);
    }
    case 'in': {
      const v = get(record, node.path, scope);
      return node.values.some((x) => eqValue(v, x));
    }
    case 'fn': {
      const v = get(record, node.path, scope);
      const test = (s: unknown): boolean =>
        typeof s === 'string' &&
        (node.name === 'startswith'
          ? s.toLowerCase().startsWith(node.value.toLowerCase())
          : s.toLowerCase().endsWith(node.value.toLowerCase()));
      return Array.isArray(v) ? v.some(test) : test(v);
    }
    case 'any': {
      const coll = get(record, node.path, scope);
      if (!Array.isArray(coll)) return false;
      return coll.some((el) => evaluate(node.body, record, get, new Map([...scope, [node.variable, el]])));
    }
    default:
      return assertNever(node, 'filter node');
  }
}

/** Every leaf of the tree with the lambda path it sits under, for per-property validation. */
export function leaves(
  node: FilterNode,
  under: string[] = [],
): { node: Extract<FilterNode, { t: 'cmp' | 'in' | 'fn' }>; under: string[]; negated: boolean }[] {
  const walk = (n: FilterNode, negated: boolean, u: string[]): ReturnType<typeof leaves> => {
    switch (n.t) {
      case 'and':
      case 'or':
        return [...walk(n.l, negated, u), ...walk(n.r, negated, u)];
      case 'not':
        return walk(n.e, true, u);
      case 'any':
        return walk(n.body, negated, [...n.path]);
      case 'cmp':
      case 'in':
      case 'fn':
        return [{ node: n, under: u, negated }];
      default:
        return assertNever(n, 'filter node');
    }
  };
  return walk(node, false, under);
}

export function usesNot(node: FilterNode): boolean {
  switch (node.t) {
    case 'not':
      return true;
    case 'and':
    case 'or':
      return usesNot(node.l) || usesNot(node.r);
    case 'any':
      return usesNot(node.body);
    case 'cmp':
    case 'in':
    case 'fn':
      return false;
    default:
      return assertNever(node, 'filter node');
  }
}
