// Someone with the file and a SQLite shell drops the triggers and edits rows directly. Every such
// edit must be caught by verifyAuditChain, naming the first row that is no longer as written.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendAuditEvents,
  chainHash,
  verifyAuditChain,
  verifyAuditChainAsync,
  type AuditChainRow,
} from '../../../src/main/core/audit';
import type { AuditVerifyResult } from '../../../src/shared/audit';
import type { Database } from '../../../src/main/core/store';
import { tempDb, type TempDb } from '../store/tempDb';
import { sampleEvents } from './events';

const disposers: (() => void)[] = [];

/** Both verifiers must agree; the chunked one walks 3 rows at a time to cross chunk boundaries. */
async function verify(db: Database): Promise<AuditVerifyResult> {
  const once = verifyAuditChain(db);
  expect(await verifyAuditChainAsync(db, { chunkRows: 3 })).toEqual(once);
  return once;
}
afterEach(() => disposers.splice(0).forEach((d) => d()));

function trail(n: number): TempDb {
  const t = tempDb();
  disposers.push(t.dispose);
  appendAuditEvents(t.db, sampleEvents(n));
  expect(verifyAuditChain(t.db)).toEqual({ intact: true, rowsChecked: n });
  // What a tamperer does first.
  const triggers = t.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[];
  for (const { name } of triggers) t.db.exec(`DROP TRIGGER "${name}"`);
  return t;
}

/** Column → a raw SQL expression that changes it (the values must differ from every sample). */
const EDITS: Record<string, string> = {
  occurred_at: 'occurred_at + 1',
  call_id: "'call-forged'",
  agent_upn: 'upper(agent_upn)', // same under NOCASE, still a different record
  agent_id: "'someone-else'",
  target_id: "'user-id-999'",
  target_upn: "'ceo@contoso.com'",
  target_name: "'The CEO'",
  action: "CASE action WHEN 'call.closed' THEN 'call.opened' ELSE 'call.closed' END",
  outcome: "CASE outcome WHEN 'failure' THEN 'success' ELSE 'failure' END",
  verification: `'{"required":2,"passed":["sms","email"],"failed":["manager"]}'`,
  ticket_ref: "'INC-FORGED'",
  notes: "'nothing to see here'",
  detail: `'{"attempt":0}'`,
  prev_hash: 'randomblob(32)',
  hash: 'randomblob(32)',
};

function edit(db: Database, column: string, id: number): void {
  const before = db.prepare('SELECT * FROM audit_events WHERE id = ?').get(id);
  // Column names come from the constant table above, never from input.
  db.prepare(`UPDATE audit_events SET ${column} = ${EDITS[column]} WHERE id = ?`).run(id);
  expect(db.prepare('SELECT * FROM audit_events WHERE id = ?').get(id)).not.toEqual(before);
}

const CONTENT =
  'occurred_at, call_id, agent_upn, agent_id, target_id, target_upn, target_name, action, outcome, verification, ticket_ref, notes, detail, prev_hash, hash';

function swap(db: Database, a: number, b: number): void {
  db.exec('DROP TABLE IF EXISTS temp.swap');
  db.prepare('CREATE TEMP TABLE swap AS SELECT * FROM main.audit_events WHERE id IN (?, ?)').run(a, b);
  db.prepare(
    `UPDATE main.audit_events SET (${CONTENT}) =
       (SELECT ${CONTENT} FROM temp.swap s WHERE s.id = CASE main.audit_events.id WHEN ? THEN ? ELSE ? END)
     WHERE id IN (?, ?)`,
  ).run(a, b, a, a, b);
}

const remove = (db: Database, id: number): void => {
  db.prepare('DELETE FROM audit_events WHERE id = ?').run(id);
};

describe('verifyAuditChain detects tampering', () => {
  it.each(Object.keys(EDITS))('an edited %s, naming that row', async (column) => {
    const { db } = trail(12);
    edit(db, column, 7);
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 7 });
  });

  it('an edit to the first row', async () => {
    const { db } = trail(5);
    edit(db, 'notes', 1);
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 1, rowsChecked: 1 });
  });

  it('a deleted middle row, naming the missing id', async () => {
    const { db } = trail(10);
    remove(db, 4);
    const result = await verify(db);
    expect(result).toMatchObject({ intact: false, firstBrokenId: 4 });
    expect(result.intact === false && result.reason).toMatch(/row 4 is missing/);
  });

  it('a deleted last row (the anchor remembers it)', async () => {
    const { db } = trail(10);
    remove(db, 10);
    const result = await verify(db);
    expect(result).toMatchObject({ intact: false, firstBrokenId: 10, rowsChecked: 9 });
    expect(result.intact === false && result.reason).toMatch(/missing from the end/);
  });

  it('every row deleted', async () => {
    const { db } = trail(3);
    db.exec('DELETE FROM audit_events');
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 1, rowsChecked: 0 });
  });

  it('two rows with their contents swapped, naming the earlier', async () => {
    const { db } = trail(10);
    swap(db, 3, 8);
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 3 });
  });

  it('a row renumbered to the end', async () => {
    const { db } = trail(6);
    db.exec('UPDATE audit_events SET id = 7 WHERE id = 2');
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 2 });
  });

  it('a copied row appended without its link', async () => {
    const { db } = trail(4);
    db.exec(`INSERT INTO audit_events (id, ${CONTENT}) SELECT 5, ${CONTENT} FROM audit_events WHERE id = 4`);
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 5 });
  });

  it('a correctly hashed row appended behind the anchor’s back', async () => {
    const { db } = trail(4);
    const last = db.prepare('SELECT * FROM audit_events WHERE id = 4').get() as AuditChainRow;
    const forged = { ...last, id: 5, notes: 'forged', prev_hash: last.hash };
    const hash = chainHash(last.hash, 5, forged);
    db.prepare(`INSERT INTO audit_events (id, ${CONTENT}) VALUES (${'?, '.repeat(15)}?)`).run(
      5,
      forged.occurred_at,
      forged.call_id,
      forged.agent_upn,
      forged.agent_id,
      forged.target_id,
      forged.target_upn,
      forged.target_name,
      forged.action,
      forged.outcome,
      forged.verification,
      forged.ticket_ref,
      forged.notes,
      forged.detail,
      forged.prev_hash,
      hash,
    );
    const result = await verify(db);
    expect(result).toMatchObject({ intact: false, firstBrokenId: 5, rowsChecked: 5 });
    expect(result.intact === false && result.reason).toMatch(/added outside Resetline/);
  });

  it('a deleted anchor', async () => {
    const { db } = trail(4);
    db.exec('DELETE FROM audit_anchor');
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 5 });
  });

  it('an anchor rewound together with the tail', async () => {
    const { db } = trail(6);
    remove(db, 6);
    db.exec('UPDATE audit_anchor SET last_id = 5, last_hash = randomblob(32)');
    expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: 5 });
  });

  it('an empty trail is intact', async () => {
    const t = tempDb();
    disposers.push(t.dispose);
    expect(await verify(t.db)).toEqual({ intact: true, rowsChecked: 0 });
  });

  type Tamper =
    | { kind: 'edit'; column: string; id: number }
    | { kind: 'delete'; id: number }
    | { kind: 'swap'; a: number; b: number }
    | { kind: 'truncate'; count: number };

  it('any single edit, delete, swap or truncation, at any row, naming the first row affected', async () => {
    const scenario = fc.integer({ min: 2, max: 25 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        tamper: fc.oneof(
          fc.record({
            kind: fc.constant('edit' as const),
            column: fc.constantFrom(...Object.keys(EDITS)),
            id: fc.integer({ min: 1, max: n }),
          }),
          fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: n }) }),
          fc
            .uniqueArray(fc.integer({ min: 1, max: n }), { minLength: 2, maxLength: 2 })
            .map(([a, b]) => ({ kind: 'swap' as const, a: Math.min(a ?? 1, b ?? 2), b: Math.max(a ?? 1, b ?? 2) })),
          fc.record({ kind: fc.constant('truncate' as const), count: fc.integer({ min: 1, max: n }) }),
        ) as fc.Arbitrary<Tamper>,
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ n, tamper }) => {
        const { db, dispose } = trail(n);
        try {
          let expected: number;
          switch (tamper.kind) {
            case 'edit':
              edit(db, tamper.column, tamper.id);
              expected = tamper.id;
              break;
            case 'delete':
              remove(db, tamper.id);
              expected = tamper.id;
              break;
            case 'swap':
              swap(db, tamper.a, tamper.b);
              expected = tamper.a;
              break;
            case 'truncate':
              db.prepare('DELETE FROM audit_events WHERE id > ?').run(n - tamper.count);
              expected = n - tamper.count + 1;
              break;
          }
          expect(await verify(db)).toMatchObject({ intact: false, firstBrokenId: expected });
        } finally {
          dispose();
          disposers.pop();
        }
      }),
      { numRuns: 120 },
    );
  });
});
