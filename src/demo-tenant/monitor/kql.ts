// The KQL the demo workspace answers: only the subset Resetline sends, nothing more. Anything else is
// a syntax error, which the query endpoint turns into the service's 400 (articles/azure-monitor/logs/api/errors.md).
//
//   query   := Table ( '|' op )*
//   op      := where cond ( 'and' cond )*
//            | ( order | sort ) by Col [asc|desc] ( ',' Col [asc|desc] )*
//            | ( take | limit ) N  |  top N by Col [asc|desc]
//            | summarize count() [ by group ( ',' group )* ]  |  project Col ( ',' Col )*
//            | summarize Name = agg ( ',' Name = agg )* [ by group ( ',' group )* ]
//            | summarize arg_min( Col, * ) by Col  |  serialize Name = row_number()
//            | extend Name = prev( Col ) ( ',' Name = prev( Col ) )*      (a serialized row set only)
//   agg     := count() | countif( pred ) | sum( Col ) | sumif( Col, pred ) | min( Col ) | max( Col )
//            | minif( Col, pred )
//   pred    := cond ( 'and' cond )*
//   group   := Col  |  bin( Col, N(d|h|m|s) )
//   cond    := Col ( == | != | >= | <= | > | < | =~ ) ( literal | Col [ '+' N ] )  |  Col in ( literal, … )
//            | Col ( has | hasprefix | startswith ) "term"  |  set_has_element( Col.name, literal )
//            | Col.name == literal  |  '(' cond ( 'or' cond )* ')'
//   literal := "string" | 'string' | number | datetime(ISO-8601) | true | false
//
// Rules taken from the KQL reference (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/):
// `order by` sorts descending unless told (sort-operator.md); `has` matches a whole term, case-insensitively
// (has-operator.md); `hasprefix` a term's start, case-insensitively (hasprefix-operator.md); `startswith` the
// value's start, case-insensitively (startswith-operator.md); `=~` is equality in any case, `==` on strings
// is case-sensitive (datatypes-string-operators.md); `count()` names its column `count_` (response-format.md's
// example); `arg_min(Expr, *)` keeps, per group, the row with the least Expr (arg-min-aggregation-function.md);
// `bin(value, 1d)` rounds down to the span (bin-function.md) and names the group by its column;
// `row_number()` numbers a serialized row set from 1 (row-number-function.md, serialize-operator.md);
// `set_has_element(array, value)` (set-has-element-function.md) over a dynamic column's property.
// The desk checks (Team History's anchor, src/main/core/forwarding/anchorQueries.ts) add: named aggregates in
// `summarize` (summarize-operator.md: `Column = Aggregation`; count-aggregation-function.md,
// countif-aggregation-function.md, sum-aggregation-function.md, sumif-aggregation-function.md,
// min-aggregation-function.md, max-aggregation-function.md, minif-aggregation-function.md: an aggregate over
// no matching row is null, except the counts and sums, 0); `extend Name = prev(Col)` (extend-operator.md,
// prev-function.md: the previous row's value in a serialized row set, null before the first row; `sort by`
// serializes its output, serialize-operator.md, and `summarize` does not); and a comparison with another
// column, maybe plus a number (datatypes-string-operators.md, numerical-operators.md). With null on either
// side a comparison is false (null-values.md), except `!=`, kept as before for a missing value.
import { KqlSyntaxError, tokenize, type Token } from './kqlLex';

export { KqlSyntaxError, tokenize, type Column, type ColumnType, type Row } from './kqlLex';

export type Literal = string | number | boolean | { datetime: number };
/** Another column of the same row, maybe plus a number (`PrevRow + 1`). */
export type ColumnRef = { ref: string; plus: number };
export type Cond =
  | { op: '==' | '!=' | '>=' | '<=' | '>' | '<'; col: string; value: Literal | ColumnRef; path?: string[] }
  | { op: '=~'; col: string; value: Literal }
  | { op: 'in'; col: string; values: Literal[] }
  | { op: 'has' | 'hasprefix' | 'startswith'; col: string; term: string }
  | { op: 'set_has_element'; col: string; path: string[]; value: Literal }
  | { op: 'or'; conds: Cond[] };
type Key = { col: string; desc: boolean };
/** A summarize group: a column, or a column rounded down to `bin` (ms for datetimes, units otherwise). */
type Group = { col: string; bin?: number };
/** One aggregate of a `summarize`: its output column, the function, its column and its predicate. */
export type Agg =
  | { name: string; fn: 'count' }
  | { name: string; fn: 'countif'; pred: Cond[] }
  | { name: string; fn: 'sum' | 'min' | 'max'; col: string }
  | { name: string; fn: 'sumif' | 'minif'; col: string; pred: Cond[] };
type Op =
  | { kind: 'where'; conds: Cond[] }
  | { kind: 'order'; keys: Key[]; top?: number }
  | { kind: 'take'; n: number }
  | { kind: 'summarize'; aggs: Agg[]; by: Group[] }
  | { kind: 'prev'; cols: { name: string; of: string }[] }
  | { kind: 'arg_min'; of: string; by: string }
  | { kind: 'serialize'; name: string }
  | { kind: 'project'; cols: string[] };

const SPAN_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

export interface ParsedQuery {
  table: string;
  ops: Op[];
}

class Parser {
  private i = 0;
  constructor(private readonly t: Token[]) {}

  private peek(): Token | undefined {
    return this.t[this.i];
  }
  private next(what: string): Token {
    const tok = this.t[this.i++];
    if (!tok) throw new KqlSyntaxError(`Expected ${what} at the end of the query`);
    return tok;
  }
  private word(expected?: string): string {
    const tok = this.next(expected ?? 'a name');
    if (tok.kind !== 'word' || (expected && tok.text.toLowerCase() !== expected))
      throw new KqlSyntaxError(`Expected ${expected ?? 'a name'}, found '${tok.text}'`);
    return tok.text;
  }
  private punct(p: string): void {
    const tok = this.next(`'${p}'`);
    if (tok.kind !== 'punct' || tok.text !== p) throw new KqlSyntaxError(`Expected '${p}', found '${tok.text}'`);
  }
  private isWord(w: string): boolean {
    const tok = this.peek();
    return tok?.kind === 'word' && tok.text.toLowerCase() === w;
  }
  private isPunct(p: string): boolean {
    const tok = this.peek();
    return tok?.kind === 'punct' && tok.text === p;
  }
  private count(): number {
    const tok = this.next('a number');
    if (tok.kind !== 'number' || !Number.isInteger(tok.value) || (tok.value as number) < 0)
      throw new KqlSyntaxError(`Expected a row count, found '${tok.text}'`);
    return tok.value as number;
  }

  parse(): ParsedQuery {
    const table = this.word();
    const ops: Op[] = [];
    while (this.peek()) {
      this.punct('|');
      ops.push(this.op());
    }
    return { table, ops };
  }

  private op(): Op {
    const name = this.word().toLowerCase();
    switch (name) {
      case 'where':
        return { kind: 'where', conds: this.pred() };
      case 'order':
      case 'sort':
        this.word('by');
        return { kind: 'order', keys: this.keys() };
      case 'take':
      case 'limit':
        return { kind: 'take', n: this.count() };
      case 'top': {
        const n = this.count();
        this.word('by');
        const [key] = this.keys(true);
        return { kind: 'order', keys: key ? [key] : [], top: n };
      }
      case 'summarize': {
        if (this.isWord('arg_min')) {
          this.i++;
          this.punct('(');
          const of = this.word();
          this.punct(',');
          this.punct('*');
          this.punct(')');
          this.word('by');
          return { kind: 'arg_min', of, by: this.word() };
        }
        const aggs = [this.agg()];
        while (this.isPunct(',')) {
          this.i++;
          aggs.push(this.agg());
        }
        const by: Group[] = [];
        if (this.isWord('by')) {
          do {
            this.i++;
            by.push(this.group());
          } while (this.isPunct(','));
        }
        return { kind: 'summarize', aggs, by };
      }
      case 'extend': {
        const cols: { name: string; of: string }[] = [];
        do {
          if (cols.length) this.i++;
          const name = this.word();
          this.punct('=');
          this.word('prev');
          this.punct('(');
          const of = this.word();
          this.punct(')');
          cols.push({ name, of });
        } while (this.isPunct(','));
        return { kind: 'prev', cols };
      }
      case 'serialize': {
        const name = this.word();
        this.punct('=');
        this.word('row_number');
        this.punct('(');
        this.punct(')');
        return { kind: 'serialize', name };
      }
      case 'project':
        return { kind: 'project', cols: this.names() };
      default:
        throw new KqlSyntaxError(`The operator '${name}' is not supported here`);
    }
  }

  /** `count()` (named count_), or `Name = fn(…)` of the aggregates the grammar lists. */
  private agg(): Agg {
    if (this.isWord('count')) {
      this.i++;
      this.punct('(');
      this.punct(')');
      return { name: 'count_', fn: 'count' };
    }
    const name = this.word();
    this.punct('=');
    const fn = this.word().toLowerCase();
    this.punct('(');
    let agg: Agg;
    switch (fn) {
      case 'count':
        agg = { name, fn };
        break;
      case 'countif':
        agg = { name, fn, pred: this.pred() };
        break;
      case 'sum':
      case 'min':
      case 'max':
        agg = { name, fn, col: this.word() };
        break;
      case 'sumif':
      case 'minif': {
        const col = this.word();
        this.punct(',');
        agg = { name, fn, col, pred: this.pred() };
        break;
      }
      default:
        throw new KqlSyntaxError(`The aggregation '${fn}' is not supported here`);
    }
    this.punct(')');
    return agg;
  }

  private pred(): Cond[] {
    const conds = [this.cond()];
    while (this.isWord('and')) {
      this.i++;
      conds.push(this.cond());
    }
    return conds;
  }

  private names(): string[] {
    const out = [this.word()];
    while (this.isPunct(',')) {
      this.i++;
      out.push(this.word());
    }
    return out;
  }

  private group(): Group {
    if (!this.isWord('bin')) return { col: this.word() };
    this.i++;
    this.punct('(');
    const col = this.word();
    this.punct(',');
    const n = this.next('a span');
    const unit = this.next('a span unit');
    const per = unit.kind === 'word' ? SPAN_MS[unit.text] : undefined;
    if (n.kind !== 'number' || per === undefined || (n.value as number) <= 0)
      throw new KqlSyntaxError(`Expected a span such as 1d, found '${n.text}${unit.text}'`);
    this.punct(')');
    return { col, bin: (n.value as number) * per };
  }

  private keys(single = false): Key[] {
    const out: Key[] = [];
    do {
      if (out.length) this.i++;
      const col = this.word();
      let desc = true;
      if (this.isWord('asc') || this.isWord('desc')) desc = this.word().toLowerCase() === 'desc';
      out.push({ col, desc });
    } while (!single && this.isPunct(','));
    return out;
  }

  private literal(): Literal {
    const tok = this.next('a value');
    if (tok.kind === 'string' || tok.kind === 'number') return tok.value as string | number;
    if (tok.kind === 'word' && (tok.text === 'true' || tok.text === 'false')) return tok.text === 'true';
    if (tok.kind === 'word' && tok.text.toLowerCase() === 'datetime') {
      this.punct('(');
      const s = this.next('a date');
      // datetime("2026-01-01T00:00:00Z") or datetime(2026-01-01T…) is not tokenised bare: strings only.
      if (s.kind !== 'string') throw new KqlSyntaxError('Write the datetime as datetime("ISO-8601")');
      this.punct(')');
      const ms = Date.parse(s.value as string);
      if (Number.isNaN(ms)) throw new KqlSyntaxError(`Not a date: ${s.text}`);
      return { datetime: ms };
    }
    throw new KqlSyntaxError(`Expected a value, found '${tok.text}'`);
  }

  private cond(): Cond {
    if (this.isPunct('(')) {
      this.i++;
      const conds = [this.cond()];
      while (this.isWord('or')) {
        this.i++;
        conds.push(this.cond());
      }
      this.punct(')');
      return { op: 'or', conds };
    }
    if (this.isWord('set_has_element')) {
      this.i++;
      this.punct('(');
      const col = this.word();
      const path: string[] = [];
      while (this.isPunct('.')) {
        this.i++;
        path.push(this.word());
      }
      this.punct(',');
      const value = this.literal();
      this.punct(')');
      return { op: 'set_has_element', col, path, value };
    }
    const col = this.word();
    if (this.isPunct('.')) {
      const path: string[] = [];
      while (this.isPunct('.')) {
        this.i++;
        path.push(this.word());
      }
      this.punct('==');
      return { op: '==', col, path, value: this.literal() };
    }
    if (this.isWord('in')) {
      this.i++;
      this.punct('(');
      const values = [this.literal()];
      while (this.isPunct(',')) {
        this.i++;
        values.push(this.literal());
      }
      this.punct(')');
      return { op: 'in', col, values };
    }
    for (const op of ['has', 'hasprefix', 'startswith'] as const) {
      if (!this.isWord(op)) continue;
      this.i++;
      const term = this.literal();
      if (typeof term !== 'string') throw new KqlSyntaxError(`${op} takes a string`);
      return { op, col, term };
    }
    const op = this.next('a comparison');
    if (op.kind !== 'punct' || !['==', '!=', '>=', '<=', '>', '<', '=~'].includes(op.text))
      throw new KqlSyntaxError(`Expected a comparison after ${col}, found '${op.text}'`);
    if (op.text === '=~') return { op: '=~', col, value: this.literal() };
    return { op: op.text as '==', col, value: this.operand() };
  }

  /** A comparison's right side: a literal, or another column maybe plus a number. */
  private operand(): Literal | ColumnRef {
    const tok = this.peek();
    const isColumn = tok?.kind === 'word' && !['true', 'false', 'datetime'].includes(tok.text.toLowerCase());
    if (!isColumn) return this.literal();
    const ref = this.word();
    if (!this.isPunct('+')) return { ref, plus: 0 };
    this.i++;
    const n = this.next('a number');
    if (n.kind !== 'number') throw new KqlSyntaxError(`Expected a number after '+', found '${n.text}'`);
    return { ref, plus: n.value as number };
  }
}

export function parseKql(query: string): ParsedQuery {
  return new Parser(tokenize(query)).parse();
}
