// History's issue-6 filters (verification type and result, text, target prefix) narrow exactly as a
// plain-TypeScript reference says, alone, combined with the older filters, and across pages.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, listAuditEvents, searchTokens, type AuditEventInput } from '../../../src/main/core/audit';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  AuditListInput,
  VERIFICATION_TYPES,
  type AuditListFilter,
  type AuditVerification,
  type VerificationType,
} from '../../../src/shared/audit';
import { tempDb, type TempDb } from '../store/tempDb';
import { MINUTE, sampleEvent, T0 } from './events';

const N = 180;
const NAMES = ['Ada Lovelace', 'adam Smith', 'Grace Hopper', 'Zoë Ørsted', null] as const;
const NOTES = ['caller locked out after travel', 'Manager confirmed by Teams', 'password expired; "urgent"', null];
let t: TempDb;
let inputs: AuditEventInput[];

function verification(i: number): AuditVerification | null {
  if (i % 7 === 0) return null;
  const pick = (k: number): VerificationType[] => VERIFICATION_TYPES.filter((_, j) => (k >> j) & 1);
  return { required: 2, passed: pick(i % 16), failed: pick((i * 5) % 16) };
}

beforeAll(() => {
  t = tempDb();
  inputs = Array.from({ length: N }, (_, i) =>
    sampleEvent(i, {
      occurredAt: T0 + Math.floor(((i * 37) % N) / 3) * MINUTE,
      targetName: NAMES[i % NAMES.length] ?? null,
      targetUpn: i % 11 === 0 ? null : `${['ada', 'adam', 'grace', 'zoe'][i % 4]}.${i % 9}@contoso.com`,
      verification: verification(i),
      notes: NOTES[i % NOTES.length] ?? null,
      ticketRef: i % 3 === 0 ? `INC-${1000 + i}` : i % 3 === 1 ? `CHG${2000 + i}` : null,
    }),
  );
  appendAuditEvents(t.db, inputs);
});
afterAll(() => t.dispose());

function reference(filter: AuditListFilter): number[] {
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from);
  const to = filter.to === undefined ? Infinity : Date.parse(filter.to);
  const words = filter.text === undefined ? [] : searchTokens(filter.text);
  const starts = (value: string | null | undefined, prefix: string): boolean =>
    (value ?? null) !== null && (value as string).toLowerCase().startsWith(prefix.toLowerCase());
  return inputs
    .map((e, i) => ({ e, id: i + 1, at: e.occurredAt as number }))
    .filter(({ e, at }) => {
      if (at < from || at > to) return false;
      if (filter.agentUpn && e.agentUpn.toLowerCase() !== filter.agentUpn.toLowerCase()) return false;
      if (filter.targetUpn && (e.targetUpn ?? '').toLowerCase() !== filter.targetUpn.toLowerCase()) return false;
      if (filter.action && e.action !== filter.action) return false;
      if (filter.outcome && e.outcome !== filter.outcome) return false;
      if (filter.verificationType) {
        const v = e.verification;
        if (!v) return false;
        const passed = v.passed.includes(filter.verificationType);
        const failed = v.failed.includes(filter.verificationType);
        if (
          filter.verificationResult === 'passed'
            ? !passed
            : filter.verificationResult === 'failed'
              ? !failed
              : !passed && !failed
        )
          return false;
      }
      if (filter.text !== undefined) {
        const tokens = [...searchTokens(e.ticketRef ?? ''), ...searchTokens(e.notes ?? '')];
        if (!words.every((w) => tokens.some((tok) => tok.startsWith(w)))) return false;
      }
      if (filter.target !== undefined && !starts(e.targetUpn, filter.target) && !starts(e.targetName, filter.target))
        return false;
      return true;
    })
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map((r) => r.id);
}

function allPages(filter: AuditListFilter): number[] {
  const ids: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages <= N + 1; pages++) {
    const page = listAuditEvents(t.db, { ...filter, cursor });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor ?? undefined;
    if (!cursor) return ids;
  }
  throw new Error('paging did not end');
}

const iso = (ms: number): string => new Date(ms).toISOString();

describe('History search, verification and ticket filters', () => {
  it.each<[string, AuditListFilter]>([
    ['a check type named in the summary', { verificationType: 'manager' }],
    ['a check type that passed', { verificationType: 'sms', verificationResult: 'passed' }],
    ['a check type that failed', { verificationType: 'knowledge', verificationResult: 'failed' }],
    ['a ticket reference prefix', { text: 'INC-10' }],
    ['a word in the notes, any case', { text: 'LOCKED' }],
    ['two words, both required', { text: 'manager teams' }],
    ['a quote typed by the user stays text', { text: '"urgent"' }],
    ['FTS operators typed by the user stay text', { text: 'locked OR NEAR(' }],
    ['a UPN prefix', { target: 'adam.' }],
    ['a display-name prefix, any case', { target: 'GRACE h' }],
    ['a prefix matching names and UPNs', { target: 'ad' }],
    ['non-ASCII name prefix', { target: 'Zoë Ø' }],
    ['verification + agent', { verificationType: 'email', agentUpn: 'agent2@contoso.com' }],
    [
      'verification + action + range',
      {
        verificationType: 'sms',
        verificationResult: 'failed',
        action: 'call.opened',
        from: iso(T0),
        to: iso(T0 + 30 * MINUTE),
      },
    ],
    ['text + outcome + range', { text: 'chg', outcome: 'success', from: iso(T0 + 10 * MINUTE) }],
    ['target + verification', { target: 'grace', verificationType: 'manager', verificationResult: 'passed' }],
    ['target + UPN equality', { target: 'ada', targetUpn: 'adam.3@contoso.com' }],
    [
      'everything at once',
      { text: 'inc', target: 'a', verificationType: 'sms', agentUpn: 'agent0@contoso.com', to: iso(T0 + 50 * MINUTE) },
    ],
  ])('narrows by %s, across pages', (_name, filter) => {
    const expected = reference(filter);
    expect(expected.length).toBeLessThan(N);
    expect(allPages({ ...filter, limit: 3 })).toEqual(expected);
  });

  it('finds something for most of those filters (the test data exercises them)', () => {
    expect(reference({ verificationType: 'sms', verificationResult: 'failed' }).length).toBeGreaterThan(10);
    expect(reference({ text: 'INC-10' }).length).toBeGreaterThan(5);
    expect(reference({ target: 'GRACE h' }).length).toBeGreaterThan(5);
    expect(reference({ target: 'adam.' }).length).toBeGreaterThan(5);
  });

  it('matches the reference for any combination with the older filters', () => {
    const times = fc.integer({ min: T0 - MINUTE, max: T0 + 60 * MINUTE }).map(iso);
    const filter = fc
      .record(
        {
          from: times,
          to: times,
          agentUpn: fc.constantFrom('agent0@contoso.com', 'AGENT1@contoso.com'),
          action: fc.constantFrom(...AUDIT_ACTIONS),
          outcome: fc.constantFrom(...AUDIT_OUTCOMES),
          verificationType: fc.constantFrom(...VERIFICATION_TYPES),
          text: fc.constantFrom('inc', 'CHG2', 'travel', 'confirmed teams', 'nothing'),
          target: fc.constantFrom('a', 'ADAM', 'grace.', 'Zo', 'x'),
          limit: fc.integer({ min: 1, max: 40 }),
        },
        { requiredKeys: [] },
      )
      .chain((f) =>
        fc.constantFrom<AuditListFilter>(
          f,
          f.verificationType ? { ...f, verificationResult: 'passed' } : f,
          f.verificationType ? { ...f, verificationResult: 'failed' } : f,
        ),
      )
      .filter((f) => f.from === undefined || f.to === undefined || f.from <= f.to);
    fc.assert(
      fc.property(filter, (f) => {
        expect(allPages(f)).toEqual(reference(f));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a verification result without a type, and text with no word in it', () => {
    expect(AuditListInput.safeParse({ verificationResult: 'passed' }).success).toBe(false);
    expect(() => listAuditEvents(t.db, { text: '!!! --' })).toThrow(/letter or a digit/);
  });

  it('indexes rows appended after the first ones (the triggers keep the side tables current)', () => {
    const before = listAuditEvents(t.db, { text: 'zebracrossing', limit: 5 }).events;
    expect(before).toHaveLength(0);
    const [id] = appendAuditEvents(t.db, [
      sampleEvent(0, {
        occurredAt: T0 - 10 * MINUTE,
        notes: 'ZebraCrossing incident',
        targetName: 'Quentin Late',
        verification: { required: 1, passed: ['manager'], failed: ['manager'] },
      }),
    ]);
    expect(listAuditEvents(t.db, { text: 'zebra' }).events.map((e) => e.id)).toEqual([id]);
    expect(listAuditEvents(t.db, { target: 'quen' }).events.map((e) => e.id)).toEqual([id]);
    for (const verificationResult of ['passed', 'failed'] as const) {
      expect(
        listAuditEvents(t.db, { verificationType: 'manager', verificationResult, to: iso(T0 - MINUTE) }).events.map(
          (e) => e.id,
        ),
      ).toEqual([id]);
    }
  });
});
