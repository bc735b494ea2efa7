// The $filter parser/evaluator: the syntax Graph accepts on the resources we serve, and
// properties over generated filters (round trip, quoting, boolean algebra).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseFilter, type FilterNode, type Getter } from '../../../src/demo-tenant/graph/filter';
import { objectGetter } from '../../../src/demo-tenant/graph/odata';

const get: Getter = objectGetter((rec, name) => (rec as Record<string, unknown>)[name]);

describe('parseFilter', () => {
  it('parses comparisons, functions, in, not and precedence (and binds tighter than or)', () => {
    expect(parseFilter("a eq 'x' or b eq 'y' and c eq true")).toEqual({
      t: 'or',
      l: { t: 'cmp', op: 'eq', path: ['a'], value: 'x' },
      r: {
        t: 'and',
        l: { t: 'cmp', op: 'eq', path: ['b'], value: 'y' },
        r: { t: 'cmp', op: 'eq', path: ['c'], value: true },
      },
    });
    expect(parseFilter("startsWith(displayName,'Al')")).toEqual({
      t: 'fn',
      name: 'startswith',
      path: ['displayName'],
      value: 'Al',
    });
    expect(parseFilter("id in ('1','2')")).toEqual({ t: 'in', path: ['id'], values: ['1', '2'] });
    expect(parseFilter('NOT (x eq null)')).toEqual({ t: 'not', e: { t: 'cmp', op: 'eq', path: ['x'], value: null } });
  });

  it('parses lambdas and unquoted timestamps as Graph writes them for audit logs', () => {
    const n = parseFilter("targetResources/any(t:t/id eq 'abc') and activityDateTime ge 2026-10-01T00:00:00Z");
    expect(n).toEqual({
      t: 'and',
      l: {
        t: 'any',
        path: ['targetResources'],
        variable: 't',
        body: { t: 'cmp', op: 'eq', path: ['t', 'id'], value: 'abc' },
      },
      r: { t: 'cmp', op: 'ge', path: ['activityDateTime'], value: '2026-10-01T00:00:00Z' },
    });
  });

  it('unescapes doubled quotes', () => {
    expect(parseFilter("displayName eq 'O''Brien'")).toEqual({
      t: 'cmp',
      op: 'eq',
      path: ['displayName'],
      value: "O'Brien",
    });
  });

  it.each([
    "displayName eq 'x",
    'displayName eq',
    "displayName like 'x'",
    "contains(displayName,'x')",
    "(a eq 'b'",
    "a eq 'b')",
  ])("rejects %s with Graph's 400", (src) => {
    expect(() => parseFilter(src)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('evaluate', () => {
  const rec = {
    displayName: 'Alex Cloud',
    accountEnabled: true,
    otherMails: ['a@x.example'],
    when: '2026-10-05T10:00:00.500Z',
    tr: [{ id: 'T1' }, { id: 'T2' }],
    empty: null,
  };
  const ok = (f: string): boolean => evaluate(parseFilter(f), rec, get);

  it('compares strings case-insensitively and booleans exactly', () => {
    expect(ok("displayName eq 'alex cloud'")).toBe(true);
    expect(ok("startswith(displayName,'ALE')")).toBe(true);
    expect(ok('accountEnabled eq false')).toBe(false);
    expect(ok('empty eq null')).toBe(true);
  });

  it('compares timestamps as instants', () => {
    expect(ok('when ge 2026-10-05T10:00:00Z')).toBe(true);
    expect(ok('when le 2026-10-05T10:00:00Z')).toBe(false);
  });

  it('evaluates any() over collections of objects and of strings', () => {
    expect(ok("tr/any(t:t/id eq 't2')")).toBe(true);
    expect(ok("tr/any(t:t/id eq 't3')")).toBe(false);
    expect(ok("otherMails/any(m:m eq 'A@x.example')")).toBe(true);
  });
});

// ---- properties -----------------------------------------------------------------------------

const prop = fc.constantFrom('displayName', 'mail', 'department');
const str = fc.string({ maxLength: 8 });
const leaf: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({
    t: fc.constant('cmp' as const),
    op: fc.constantFrom('eq' as const, 'ne' as const),
    path: prop.map((p) => [p]),
    value: str,
  }),
  fc.record({
    t: fc.constant('fn' as const),
    name: fc.constantFrom('startswith' as const, 'endswith' as const),
    path: prop.map((p) => [p]),
    value: str,
  }),
);
const tree: fc.Arbitrary<FilterNode> = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ t: fc.constantFrom('and' as const, 'or' as const), l: tie('node'), r: tie('node') }),
    fc.record({ t: fc.constant('not' as const), e: tie('node') }),
  ),
})).node;

function print(n: FilterNode): string {
  const lit = (s: unknown): string => `'${String(s).replace(/'/g, "''")}'`;
  switch (n.t) {
    case 'and':
    case 'or':
      return `(${print(n.l)}) ${n.t} (${print(n.r)})`;
    case 'not':
      return `not (${print(n.e)})`;
    case 'cmp':
      return `${n.path.join('/')} ${n.op} ${lit(n.value)}`;
    case 'fn':
      return `${n.name}(${n.path.join('/')},${lit(n.value)})`;
    default:
      throw new Error('not generated');
  }
}

function reference(n: FilterNode, r: Record<string, string>): boolean {
  switch (n.t) {
    case 'and':
      return reference(n.l, r) && reference(n.r, r);
    case 'or':
      return reference(n.l, r) || reference(n.r, r);
    case 'not':
      return !reference(n.e, r);
    case 'cmp': {
      const same = (r[n.path[0] ?? ''] ?? '').toLowerCase() === String(n.value).toLowerCase();
      return n.op === 'eq' ? same : !same;
    }
    case 'fn': {
      const v = (r[n.path[0] ?? ''] ?? '').toLowerCase();
      return n.name === 'startswith' ? v.startsWith(n.value.toLowerCase()) : v.endsWith(n.value.toLowerCase());
    }
    default:
      throw new Error('not generated');
  }
}

describe('filter properties', () => {
  it('parses what it prints (any quoting)', () => {
    fc.assert(
      fc.property(tree, (n) => {
        expect(parseFilter(print(n))).toEqual(n);
      }),
    );
  });

  it('evaluates like a plain reference implementation', () => {
    const record = fc.record({ displayName: str, mail: str, department: str });
    fc.assert(fc.property(tree, record, (n, r) => evaluate(parseFilter(print(n)), r, get) === reference(n, r)));
  });

  it('never throws anything but Graph errors on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          parseFilter(s);
        } catch (err) {
          expect((err as { status?: number }).status).toBe(400);
        }
      }),
    );
  });
});
