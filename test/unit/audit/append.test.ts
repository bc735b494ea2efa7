import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendAuditEvent,
  appendAuditEvents,
  AuditInputError,
  AuditSecretKeyError,
  listAuditEvents,
  verifyAuditChain,
  type AuditEventInput,
} from '../../../src/main/core/audit';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, VERIFICATION_TYPES, type AuditDetail } from '../../../src/shared/audit';
import { closeDatabase, openDatabase } from '../../../src/main/core/store';
import { tempDb, type TempDb } from '../store/tempDb';
import { sampleEvent, T0 } from './events';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.dispose());

const count = (): number => (t.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;

describe('appendAuditEvent', () => {
  it('stores the event and returns it as History will show it', () => {
    const event = appendAuditEvent(t.db, sampleEvent(0, { occurredAt: new Date('2026-03-04T05:06:07.089Z') }));
    expect(event).toEqual({
      id: 1,
      occurredAt: '2026-03-04T05:06:07.089Z',
      callId: 'call-0',
      agentUpn: 'agent0@contoso.com',
      agentId: 'agent-id-0',
      targetId: 'user-id-0',
      targetUpn: 'user0@contoso.com',
      targetName: 'User 0',
      action: 'call.opened',
      outcome: 'success',
      verification: { required: 2, passed: ['sms', 'email'], failed: [] },
      ticketRef: 'INC1000',
      notes: 'note 0',
      detail: { attempt: 0, channel: 'phone', escalated: false, graphRequestId: null },
    });
    // History's list adds how the event's call was closed (this one is still open).
    expect(listAuditEvents(t.db, {}).events).toEqual([{ ...event, callOutcome: null }]);
  });

  it('numbers rows 1, 2, 3… and links each to the one before', () => {
    const ids = [0, 1, 2].map((i) => appendAuditEvent(t.db, sampleEvent(i)).id);
    expect(ids).toEqual([1, 2, 3]);
    const rows = t.db.prepare('SELECT id, prev_hash, hash FROM audit_events ORDER BY id').all() as {
      prev_hash: Buffer;
      hash: Buffer;
    }[];
    expect(rows[0]?.prev_hash.equals(Buffer.alloc(32))).toBe(true);
    expect(rows[1]?.prev_hash.equals(rows[0]?.hash as Buffer)).toBe(true);
    expect(rows[2]?.prev_hash.equals(rows[1]?.hash as Buffer)).toBe(true);
    const anchor = t.db.prepare('SELECT last_id, last_hash FROM audit_anchor').get() as {
      last_id: number;
      last_hash: Buffer;
    };
    expect(anchor.last_id).toBe(3);
    expect(anchor.last_hash.equals(rows[2]?.hash as Buffer)).toBe(true);
  });

  it('stamps the current time when none is given', () => {
    const before = Date.now();
    const { occurredAt: _given, ...untimed } = sampleEvent(0);
    const event = appendAuditEvent(t.db, untimed);
    const at = Date.parse(event.occurredAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    'password',
    'newPassword',
    'Pass',
    'clientSecret',
    'accessToken',
    'verificationCode',
    'code',
    'TAP',
    'temporaryAccessPass',
    'otp',
    'smsOtpValue',
  ])('refuses a detail key that looks like a secret: %s', (key) => {
    expect(() => appendAuditEvent(t.db, sampleEvent(0, { detail: { [key]: 'hunter2' } }))).toThrow(AuditSecretKeyError);
    expect(count()).toBe(0);
  });

  it.each(['123456', '0042', 'hunter2', '0.AXYAbc-def'])(
    'refuses a code key holding a value shaped like a code: %s',
    (code) => {
      expect(() => appendAuditEvent(t.db, sampleEvent(0, { detail: { code } }))).toThrow(AuditSecretKeyError);
      expect(() => appendAuditEvent(t.db, sampleEvent(0, { detail: { errorCode: code } }))).toThrow(
        AuditSecretKeyError,
      );
      expect(count()).toBe(0);
    },
  );

  it('accepts a Graph or MSAL error code: the same pattern the log uses keeps them', () => {
    const detail = { code: 'Request_ResourceNotFound', errorCode: 'invalid_grant' };
    expect(appendAuditEvent(t.db, sampleEvent(0, { detail })).detail).toEqual(detail);
  });

  it('accepts ordinary detail keys', () => {
    const detail = { channel: 'sms', attempts: 2, locked: false, graphRequestId: null, lifetimeMinutes: 60 };
    expect(appendAuditEvent(t.db, sampleEvent(0, { detail })).detail).toEqual(detail);
  });

  it('refuses detail values that are not flat scalars', () => {
    const bad: unknown[] = [
      { nested: { a: 1 } },
      { list: [1, 2] },
      { n: Number.NaN },
      { n: Infinity },
      { u: undefined },
    ];
    for (const detail of bad) {
      expect(() => appendAuditEvent(t.db, sampleEvent(0, { detail: detail as AuditDetail }))).toThrow(AuditInputError);
    }
    expect(count()).toBe(0);
  });

  it('refuses an unknown action or outcome, an empty agent, a bad time or verification type', () => {
    const bad: Partial<AuditEventInput>[] = [
      { action: 'reset.everything' as AuditEventInput['action'] },
      { outcome: 'maybe' as AuditEventInput['outcome'] },
      { agentUpn: '  ' },
      { occurredAt: Number.NaN },
      { occurredAt: new Date('nope') },
      { verification: { required: 1, passed: ['carrier-pigeon' as 'sms'], failed: [] } },
      { verification: { required: -1, passed: [], failed: [] } },
    ];
    for (const overrides of bad) {
      expect(() => appendAuditEvent(t.db, sampleEvent(0, overrides))).toThrow(AuditInputError);
    }
    expect(count()).toBe(0);
  });
});

describe('appendAuditEvents', () => {
  it('appends a batch in order and returns consecutive ids', () => {
    appendAuditEvent(t.db, sampleEvent(0));
    expect(appendAuditEvents(t.db, [sampleEvent(1), sampleEvent(2), sampleEvent(3)])).toEqual([2, 3, 4]);
    expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: 4 });
    expect(appendAuditEvents(t.db, [])).toEqual([]);
  });

  it('writes all or nothing: one bad event refuses the whole batch', () => {
    expect(() =>
      appendAuditEvents(t.db, [sampleEvent(1), sampleEvent(2, { detail: { password: 'x' } }), sampleEvent(3)]),
    ).toThrow(AuditSecretKeyError);
    expect(count()).toBe(0);
  });

  it('rolls back the rows already inserted when the database refuses one mid-batch', () => {
    appendAuditEvent(t.db, sampleEvent(0));
    // Make SQLite itself refuse the third row of the batch (the first two are already inserted).
    t.db.exec(`CREATE TEMP TRIGGER fail_third BEFORE INSERT ON main.audit_events WHEN NEW.id = 4
               BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    expect(() => appendAuditEvents(t.db, [sampleEvent(1), sampleEvent(2), sampleEvent(3)])).toThrow(/injected/);
    t.db.exec('DROP TRIGGER temp.fail_third');
    expect(count()).toBe(1);
    expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: 1 });
    expect(appendAuditEvents(t.db, [sampleEvent(1)])).toEqual([2]);
  });

  it('keeps one chain when two connections append in turn', () => {
    const other = openDatabase(t.file);
    try {
      const ids = Array.from({ length: 40 }, (_, i) => appendAuditEvent(i % 2 === 0 ? t.db : other, sampleEvent(i)).id);
      expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(verifyAuditChain(other)).toEqual({ intact: true, rowsChecked: 40 });
    } finally {
      closeDatabase(other);
    }
  });

  it('runs inside a caller’s transaction and rolls back with it', () => {
    const tx = t.db.transaction(() => {
      appendAuditEvent(t.db, sampleEvent(0));
      throw new Error('reset failed after the audit row was staged');
    });
    expect(() => tx()).toThrow(/reset failed/);
    expect(count()).toBe(0);
    expect(appendAuditEvent(t.db, sampleEvent(0)).id).toBe(1);
  });
});

describe('append-only', () => {
  beforeEach(() => {
    appendAuditEvents(t.db, [sampleEvent(0), sampleEvent(1), sampleEvent(2)]);
  });

  it('refuses UPDATE and DELETE on audit_events (triggers)', () => {
    expect(() => t.db.prepare("UPDATE audit_events SET notes = 'edited' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit_events WHERE id = 3').run()).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(count()).toBe(3);
  });

  it('refuses a raw INSERT that does not extend the chain', () => {
    const insert = t.db.prepare(
      "INSERT INTO audit_events (id, occurred_at, agent_upn, action, outcome, prev_hash, hash) VALUES (?, 0, 'x', 'call.opened', 'info', ?, zeroblob(32))",
    );
    const tail = (t.db.prepare('SELECT hash FROM audit_events WHERE id = 3').get() as { hash: Buffer }).hash;
    expect(() => insert.run(10, tail)).toThrow(/does not extend the chain/); // skips ids
    expect(() => insert.run(4, Buffer.alloc(32))).toThrow(/does not extend the chain/); // wrong link
    expect(count()).toBe(3);
  });

  it('refuses rewinding or deleting the anchor', () => {
    expect(() => t.db.prepare('UPDATE audit_anchor SET last_id = 2').run()).toThrow(/only advances/);
    expect(() => t.db.prepare('UPDATE audit_anchor SET last_hash = zeroblob(32)').run()).toThrow(/only advances/);
    expect(() => t.db.prepare('DELETE FROM audit_anchor').run()).toThrow(/cannot be deleted/);
    expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: 3 });
  });
});

describe('any valid event round-trips and keeps the chain intact', () => {
  // Any UTF-16 code unit, lone surrogates and NUL included: SQLite stores UTF-8, so whatever the
  // driver does to unpaired surrogates must not make a freshly written row fail verification.
  const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  const anyText = (maxLength: number, minLength = 0): fc.Arbitrary<string> =>
    fc.string({ unit: codeUnit, minLength, maxLength });
  const nullableText = fc.option(anyText(40), { nil: null });
  const input: fc.Arbitrary<AuditEventInput> = fc.record({
    occurredAt: fc.integer({ min: T0, max: T0 + 10 * 365 * 86_400_000 }),
    callId: nullableText,
    agentUpn: anyText(40, 1).filter((s) => s.trim() !== ''),
    agentId: nullableText,
    targetId: nullableText,
    targetUpn: nullableText,
    targetName: nullableText,
    action: fc.constantFrom(...AUDIT_ACTIONS),
    outcome: fc.constantFrom(...AUDIT_OUTCOMES),
    verification: fc.option(
      fc.record({
        required: fc.nat(4),
        passed: fc.subarray([...VERIFICATION_TYPES]),
        failed: fc.subarray([...VERIFICATION_TYPES]),
      }),
      { nil: null },
    ),
    ticketRef: nullableText,
    notes: nullableText,
    detail: fc.dictionary(
      anyText(12).filter((k) => !/pass(word)?|secret|token|code|tap|otp/i.test(k)),
      fc.oneof(anyText(20), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
      { maxKeys: 5 },
    ),
  });

  it('including unicode, lone surrogates, NULs and odd keys', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 8 }), (inputs) => {
        const first = appendAuditEvent(t.db, inputs[0] as AuditEventInput);
        const rest = appendAuditEvents(t.db, inputs.slice(1));
        const result = verifyAuditChain(t.db);
        expect(result.intact).toBe(true);
        const stored = listAuditEvents(t.db, { limit: 500 }).events.find((e) => e.id === first.id);
        const { callOutcome: _listOnly, ...asStored } = stored ?? { callOutcome: null };
        expect(asStored).toEqual(first);
        expect(rest).toHaveLength(inputs.length - 1);
      }),
      { numRuns: 60 },
    );
  });
});
